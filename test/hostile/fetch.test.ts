/**
 * The fetch stage on responses built to be slow: bodies in thousands of small writes, plain
 * and compressed, at sizes doubling up to fetch.maxBytes (10 MB), and the misbehaviours that
 * must end in a clear error rather than a hang (a body past the cap, headers that never end,
 * a Location of megabytes). The server is a real local HTTP server.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { FetchError } from '../../src/fetch/fetch-error.js';
import { fetchResource } from '../../src/fetch/fetch-resource.js';
import { assertLinear, doublingTo } from './growth.js';

const CAP = 10 * 1024 * 1024;
const BUDGET_MS = 3_000;
const WRITE = 4 * 1024;

let server: Server;
let base: string;
/** What the next request to /body gets: the bytes, and the content-encoding they carry. */
let next: { body: Buffer; encoding?: string } = { body: Buffer.alloc(0) };

before(async () => {
  server = createServer((req, res) => {
    if (req.url === '/body') {
      res.writeHead(200, { 'content-type': 'application/rss+xml', ...(next.encoding ? { 'content-encoding': next.encoding } : {}) });
      // Thousands of small writes: the reader gets the body in as many pieces as the socket makes.
      for (let i = 0; i < next.body.length; i += WRITE) res.write(next.body.subarray(i, i + WRITE));
      return void res.end();
    }
    if (req.url === '/long-location') return void res.writeHead(302, { location: `/${'a'.repeat(60_000)}` }).end();
    if (req.url === '/many-headers') {
      const headers: Record<string, string> = {};
      for (let i = 0; i < 2_000; i++) headers[`x-h${i}`] = 'v'.repeat(50);
      return void res.writeHead(200, headers).end('x');
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));

const options = { allowPrivateNetworks: true, perHostGap: 0, timeout: 30_000 };

async function fetchBody(prepared: { body: Buffer; encoding?: string; size: number }): Promise<void> {
  next = prepared;
  const res = await fetchResource(`${base}/body`, options);
  assert.equal(res.kind, 'ok');
  assert.equal(res.kind === 'ok' && res.body.length, prepared.size);
}

const ENCODINGS: Array<[string, ((b: Buffer) => Buffer) | undefined]> = [
  ['identity', undefined], ['gzip', gzipSync], ['deflate', deflateSync], ['br', brotliCompressSync],
];

for (const [encoding, compress] of ENCODINGS) {
  test(`fetch: a ${encoding} body in small writes, doubling to the cap`, async () => {
    await assertLinear(`fetch ${encoding}`, {
      sizes: doublingTo(CAP, 4),
      // Feed-like text with some variety, so compression does not make it vanish.
      build: (size) => {
        const line = '<item><title>n</title><link>https://e.example/1</link></item>\n';
        const raw = Buffer.from(line.repeat(Math.ceil(size / line.length)).slice(0, size));
        return { body: compress ? compress(raw) : raw, encoding: compress ? encoding : undefined, size };
      },
      run: fetchBody,
      runs: 2,
      budgetMs: BUDGET_MS,
    });
  });
}

test('fetch: one byte past the cap, compressed or not, is a clear error', async () => {
  for (const [encoding, compress] of ENCODINGS) {
    const raw = Buffer.alloc(CAP + 1, 'a');
    next = { body: compress ? compress(raw) : raw, encoding: compress ? encoding : undefined };
    await assert.rejects(fetchResource(`${base}/body`, options), (err: unknown) =>
      err instanceof FetchError && err.message === 'fetch: response over 10 MB limit', encoding);
  }
});

test('fetch: a Location of 60 KB and 2,000 headers end in an error or a body, not a hang', async () => {
  const started = performance.now();
  for (const path of ['/long-location', '/many-headers']) {
    await fetchResource(`${base}${path}`, options).then(
      (res) => assert.equal(res.kind, 'ok'),
      (err: unknown) => {
        assert.ok(err instanceof FetchError, String(err));
        assert.match(err.message, /^fetch: /);
      },
    );
  }
  assert.ok(performance.now() - started < 10_000);
});
