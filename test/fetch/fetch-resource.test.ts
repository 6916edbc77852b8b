import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fetchResource, type FetchResourceOptions } from '../../src/fetch/fetch-resource.js';
import { FetchError } from '../../src/fetch/fetch-error.js';
import { HostLimiter } from '../../src/fetch/host-limiter.js';
import { readFeed } from '../../src/feeds/read-feed.js';
import { recordPollOutcome, type FeedHealth } from '../../src/feeds/feed-health.js';
import { startServer, type TestServer } from './server.js';

let t: TestServer;
before(async () => { t = await startServer(); });
after(async () => { await t.close(); });

/** The local server is on loopback: these options let it through, as a config would. */
const local = (extra: FetchResourceOptions = {}): FetchResourceOptions => ({
  allowHosts: ['127.0.0.1'], perHostGap: 0, timeout: 5_000, limiter: new HostLimiter({ concurrency: 2, gapMs: 0 }), ...extra,
});

function isFetchError(match: RegExp, check: (e: FetchError) => boolean = () => true) {
  return (err: unknown) => err instanceof FetchError && match.test(err.message) && err.message.startsWith('fetch: ') && check(err);
}

test('a 200 carries its validators; sending them back gets a 304 and no body', async () => {
  t.state.etag = '"v1"';
  const first = await fetchResource(`${t.base}/feed`, local());
  assert.equal(first.kind, 'ok');
  if (first.kind !== 'ok') return;
  assert.equal(first.etag, '"v1"');
  assert.equal(first.lastModified, 'Tue, 04 Jun 2024 10:00:00 GMT');
  const second = await fetchResource(`${t.base}/feed`, local({ etag: first.etag, lastModified: first.lastModified }));
  assert.deepEqual(second, { kind: 'not-modified', url: `${t.base}/feed` });
});

test('a changed ETag gets the new body', async () => {
  t.state.etag = '"v2"';
  const res = await fetchResource(`${t.base}/feed`, local({ etag: '"v1"' }));
  assert.equal(res.kind, 'ok');
  if (res.kind !== 'ok') return;
  assert.equal(res.etag, '"v2"');
  const feed = await readFeed(res.body, { url: res.url, feedId: 'f' });
  assert.equal(feed.items[0]!.title, 'version "v2"');
  t.state.etag = '"v1"';
});

test('a 429 fails with Retry-After, and feed health waits at least that long', async () => {
  const err = await fetchResource(`${t.base}/ratelimited`, local()).catch((e: unknown) => e);
  assert.ok(err instanceof FetchError);
  assert.equal(err.status, 429);
  assert.equal(err.retryAfterMs, 7_000);
  assert.equal(err.permanent, false);
  const health = recordPollOutcome(undefined, { kind: 'error', error: err.message, retryAfterMs: err.retryAfterMs }, 0, { interval: 1_000, maxBackoff: 86_400_000, random: () => 0 });
  assert.equal(health.nextAttempt, 7_000);
});

test('503s back off exponentially, then the feed recovers by itself', async () => {
  t.state.flakyFailures = 3;
  const timing = { interval: 60_000, maxBackoff: 86_400_000, random: () => 1 };
  let health: FeedHealth | undefined;
  let now = 0;
  const delays: number[] = [];
  for (let attempt = 0; attempt < 4; attempt++) {
    const res = await fetchResource(`${t.base}/flaky`, local()).catch((e: unknown) => e as FetchError);
    const outcome = res instanceof FetchError
      ? { kind: 'error' as const, error: res.message, retryAfterMs: res.retryAfterMs }
      : { kind: 'ok' as const, items: 1 };
    if (res instanceof FetchError) assert.equal(res.status, 503);
    health = recordPollOutcome(health, outcome, now, timing);
    delays.push(health.nextAttempt! - now);
    now = health.nextAttempt!;
  }
  assert.deepEqual(delays, [60_000, 120_000, 240_000, 60_000]);
  assert.equal(health!.status, 'ok');
  assert.equal(health!.consecutiveErrors, 0);
});

test('a redirect loop is detected, and more than maxRedirects hops refused', async () => {
  await assert.rejects(fetchResource(`${t.base}/loop-a`, local()), isFetchError(/redirect loop/, (e) => e.permanent));
  await assert.rejects(fetchResource(`${t.base}/chain`, local({ maxRedirects: 5 })), isFetchError(/more than 5 redirects/));
  assert.equal(t.hits.get('/chain'), 6);
});

test('301 then 308 report the new permanent URL; a 302 first does not', async () => {
  const res = await fetchResource(`${t.base}/moved`, local());
  assert.equal(res.kind, 'ok');
  if (res.kind !== 'ok') return;
  assert.equal(res.url, `${t.base}/feed`);
  assert.equal(res.permanentRedirect, `${t.base}/feed`);
  const temp = await fetchResource(`${t.base}/temp`, local());
  assert.equal(temp.kind === 'ok' && temp.permanentRedirect, undefined);
});

test('a body over the cap fails cleanly', async () => {
  await assert.rejects(fetchResource(`${t.base}/big`, local({ maxBytes: 1024 * 1024 })), isFetchError(/response over 1 MB limit/, (e) => e.permanent));
});

test('a gzip bomb stops at the cap counted after decompression; honest gzip, deflate and br are inflated', async () => {
  const before = process.memoryUsage().rss;
  await assert.rejects(fetchResource(`${t.base}/bomb`, local({ maxBytes: 2 * 1024 * 1024 })), isFetchError(/response over 2 MB limit/));
  assert.ok(process.memoryUsage().rss - before < 48 * 1024 * 1024);
  const ok = await fetchResource(`${t.base}/gzip`, local());
  assert.ok(ok.kind === 'ok' && ok.body.toString().includes('zipped'));
  const br = await fetchResource(`${t.base}/br`, local());
  assert.ok(br.kind === 'ok' && br.body.toString().includes('brotli'));
  const deflated = await fetchResource(`${t.base}/deflate`, local());
  assert.ok(deflated.kind === 'ok' && deflated.body.toString().includes('deflated'));
});

test('a slow-drip body hits the total time limit', async () => {
  const started = Date.now();
  await assert.rejects(fetchResource(`${t.base}/drip`, local({ timeout: 600 })), isFetchError(/timed out after 0.6 s/, (e) => !e.permanent));
  assert.ok(Date.now() - started < 3_000);
});

test('loopback is refused by default, directly and behind a redirect', async () => {
  await assert.rejects(fetchResource(`${t.base}/feed`, { perHostGap: 0 }), isFetchError(/address refused: 127\.0\.0\.1/, (e) => e.permanent));
  await assert.rejects(fetchResource(`http://localhost:${t.port}/feed`, { perHostGap: 0 }), isFetchError(/address refused: localhost resolves to (127\.0\.0\.1|::1)/));
  await assert.rejects(fetchResource(`http://[::ffff:127.0.0.1]:${t.port}/feed`, { perHostGap: 0 }), isFetchError(/address refused/));
  // localhost is allowed by name; the redirect to 127.0.0.1 is not.
  const hitsBefore = t.hits.get('/feed') ?? 0;
  await assert.rejects(fetchResource(`http://localhost:${t.port}/to-private`, { allowHosts: ['localhost'], perHostGap: 0 }), isFetchError(/address refused: 127\.0\.0\.1/));
  assert.equal(t.hits.get('/feed') ?? 0, hitsBefore);
  const allowed = await fetchResource(`${t.base}/feed`, { allowPrivateNetworks: true, perHostGap: 0 });
  assert.equal(allowed.kind, 'ok');
});

test('a feed that turns into a JSON Feed is read either way', async () => {
  t.state.becomesJson = false;
  const before = await fetchResource(`${t.base}/changing`, local());
  assert.ok(before.kind === 'ok');
  assert.equal((await readFeed(before.body, { url: before.url, feedId: 'f', contentType: before.contentType })).format, 'rss');
  t.state.becomesJson = true;
  const after = await fetchResource(`${t.base}/changing`, local());
  assert.ok(after.kind === 'ok');
  const feed = await readFeed(after.body, { url: after.url, feedId: 'f', contentType: after.contentType });
  assert.equal(feed.format, 'json');
  assert.equal(feed.items[0]!.title, 'now json');
});

test('the header charset wins over a conflicting XML declaration', async () => {
  const res = await fetchResource(`${t.base}/cyrillic`, local());
  assert.ok(res.kind === 'ok');
  const feed = await readFeed(res.body, { url: res.url, feedId: 'f', contentType: res.contentType });
  assert.equal(feed.items[0]!.title, 'Новости дня');
});

test('410 is permanent; bad URLs and other schemes are refused', async () => {
  await assert.rejects(fetchResource(`${t.base}/gone`, local()), isFetchError(/HTTP 410/, (e) => e.permanent && e.status === 410));
  await assert.rejects(fetchResource('not a url', local()), isFetchError(/bad URL/, (e) => e.permanent));
  await assert.rejects(fetchResource('ftp://example.org/feed', local()), isFetchError(/unsupported URL scheme/));
});

test('the host limiter keeps to its concurrency and gap', async () => {
  const limiter = new HostLimiter({ concurrency: 1, gapMs: 150 });
  const started = Date.now();
  const results = await Promise.all([0, 1, 2].map(() => fetchResource(`${t.base}/slow-ok`, local({ limiter }))));
  assert.ok(results.every((r) => r.kind === 'ok'));
  assert.ok(Date.now() - started >= 300, 'three requests need two gaps');
});

test('file: URLs are read with the same cap and report not-modified by mtime', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ww-fetch-'));
  const path = join(dir, 'feed.xml');
  writeFileSync(path, '<rss version="2.0"><channel><item><title>local</title></item></channel></rss>');
  const url = pathToFileURL(path).href;
  const res = await fetchResource(url, {});
  assert.ok(res.kind === 'ok');
  assert.equal((await readFeed(res.body, { url, feedId: 'f' })).items[0]!.title, 'local');
  assert.deepEqual(await fetchResource(url, { lastModified: res.lastModified }), { kind: 'not-modified', url });
  await assert.rejects(fetchResource(url, { maxBytes: 10 }), isFetchError(/response over 10 bytes limit/));
  await assert.rejects(fetchResource(pathToFileURL(join(dir, 'missing.xml')).href, {}), isFetchError(/cannot read/, (e) => e.permanent));
});
