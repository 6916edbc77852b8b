/**
 * What the chaos runs talk to: one local HTTP server with the feeds, the article pages and a
 * webhook receiver that answers 500 to some requests and stalls others for a while. Which
 * items a watch-list flags is known in advance (a marker word on their pages), and the
 * receiver records what it accepted, under which delivery id.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { prng } from '../../helpers/prng.js';

export { prng };

export interface FixtureOptions {
  feeds: number;
  itemsPerFeed: number;
  /** Share of items a watch-list flags. */
  flaggedShare: number;
  /** Share of webhook requests answered 500, and share stalled before a 200. */
  failShare: number;
  stallShare: number;
  stallMs: number;
  seed: number;
  /** Items appear in their feeds over this long (item i of n at i/n of it), so work goes on all through. */
  releaseMs: number;
  /** Pages answer after up to this long, so fetches are in flight when a worker is killed. */
  pageDelayMs: number;
}

/** A webhook request the receiver accepted (it acts on the body whatever becomes of the answer). */
export interface Accepted {
  deliveryId: string;
  itemKeys: string[];
  bodyHash: string;
}

export interface Fixtures {
  url: string;
  /** `f/i` of every item that must be flagged. */
  flagged: Set<string>;
  accepted: Accepted[];
  requests: { total: number; failed: number; stalled: number };
  close(): Promise<void>;
}

/** The words that make a story distinct, so near-duplicate clustering keeps stories apart. */
function words(f: number, i: number, n: number): string {
  const next = prng(f * 7919 + i * 104_729 + 1);
  return Array.from({ length: n }, () => `w${Math.floor(next() * 50_000)}`).join(' ');
}

export const MARK = 'chaosmark';

function page(f: number, i: number, flagged: boolean): string {
  const lead = flagged ? `The ${MARK} incident number ${f}-${i} was reported today.` : `An ordinary day, number ${f}-${i}, passed quietly.`;
  const paras = Array.from({ length: 6 }, (_, p) => `<p>${lead} Paragraph ${p}: ${words(f, i * 31 + p, 30)}.</p>`).join('');
  return `<!doctype html><html lang="en"><head><title>Story ${f}-${i}</title></head><body><article><h1>Story ${f}-${i}</h1>${paras}</article></body></html>`;
}

function feed(base: string, f: number, o: FixtureOptions, flagged: Set<string>, visible: number): string {
  const items = Array.from({ length: visible }, (_, i) => {
    const summary = flagged.has(`${f}/${i}`) ? `A ${MARK} report` : 'An ordinary report';
    return `<item><title>Story ${f}-${i}</title><link>${base}/page/${f}/${i}</link><guid isPermaLink="false">chaos-${f}-${i}</guid><description>${summary} ${f}-${i}.</description></item>`;
  }).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Chaos ${f}</title><link>${base}/</link>${items}</channel></rss>`;
}

export async function startFixtures(o: FixtureOptions): Promise<Fixtures> {
  const choose = prng(o.seed);
  const flagged = new Set<string>();
  for (let f = 0; f < o.feeds; f++) for (let i = 0; i < o.itemsPerFeed; i++) if (choose() < o.flaggedShare) flagged.add(`${f}/${i}`);
  const answer = prng(o.seed ^ 0x5bd1e995);
  const accepted: Accepted[] = [];
  const requests = { total: 0, failed: 0, stalled: 0 };
  let base = '';
  const t0 = Date.now();
  const visible = () => Math.min(o.itemsPerFeed, Math.ceil(o.itemsPerFeed * Math.min(1, (Date.now() - t0 + 1) / Math.max(1, o.releaseMs))));
  const delay = prng(o.seed ^ 0x27d4eb2d);
  const hook = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.total += 1;
      const r = answer();
      if (r < o.failShare) {
        requests.failed += 1;
        return void res.writeHead(500).end('chaos: failing on purpose');
      }
      const body = Buffer.concat(chunks);
      const payload = JSON.parse(body.toString('utf8')) as { itemKeys: string[] };
      accepted.push({ deliveryId: String(req.headers['x-wirewatch-delivery']), itemKeys: payload.itemKeys, bodyHash: createHash('sha256').update(body).digest('hex') });
      if (r < o.failShare + o.stallShare) {
        requests.stalled += 1;
        setTimeout(() => res.writeHead(200).end('ok'), o.stallMs);
      } else {
        res.writeHead(200).end('ok');
      }
    });
  };
  const server: Server = createServer((req, res) => {
    const m = /^\/(feed|page)\/(\d+)(?:\/(\d+))?/.exec(req.url ?? '');
    if (req.url === '/hook' && req.method === 'POST') return hook(req, res);
    if (!m) return void res.writeHead(404).end();
    const f = Number(m[2]);
    if (m[1] === 'feed') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed(base, f, o, flagged, visible()));
    const i = Number(m[3]);
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(f, i, flagged.has(`${f}/${i}`))), delay() * o.pageDelayMs);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base, flagged, accepted, requests,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
