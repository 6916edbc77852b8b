/**
 * Dashboard benchmark: response times of every page and API route over a store holding
 * 5 watch-lists x 1,000 flagged items (30 days of them), 40 feeds' health and one digest's
 * runs, on the local Redis (REDIS_URL) under a throwaway prefix. Prints median and p95 a route.
 * `/items` is the items page's first page (25 flags of 5,000, newest first), the figure the
 * 300 ms target is about.
 * Run: node --import tsx bench/dashboard.ts
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config/load.js';
import { startDashboard } from '../src/dashboard/server.js';
import { silentLogger } from '../src/log.js';
import { startPipeline, type Pipeline } from '../src/pipeline.js';
import type { StoredItem, StoredMatch } from '../src/types.js';

const WATCHLISTS = 5;
const PER_WATCHLIST = 1000;
const FEEDS = 40;
const RUNS = 15;
const prefix = `wwbench-dash-${randomBytes(3).toString('hex')}`;

function writeConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ww-bench-dash-'));
  const feeds = Array.from({ length: FEEDS }, (_, i) => `  - { id: feed-${i}, url: 'https://news${i}.example/feed.xml' }`).join('\n');
  const lists = Array.from({ length: WATCHLISTS }, (_, i) => `  wl-${i}: { query: 'convoy OR militia${i}' }`).join('\n');
  writeFileSync(join(dir, 'feeds.yaml'), `feeds:\n${feeds}\n`);
  writeFileSync(join(dir, 'watchlists.yaml'), `watchlists:\n${lists}\n`);
  writeFileSync(join(dir, 'digests.yaml'), `channels:\n  out: { type: file, dir: ${join(dir, 'out')} }\ndigests:\n  brief: { watchlists: [wl-0, wl-1], schedule: '0 7 * * *', channels: [out] }\n`);
  return dir;
}

async function seed(p: Pipeline): Promise<void> {
  const body = 'A convoy of trucks crossed the border at dawn, officials said. '.repeat(40);
  for (let i = 0; i < WATCHLISTS * PER_WATCHLIST; i++) {
    const at = new Date(Date.now() - (i / (WATCHLISTS * PER_WATCHLIST)) * 30 * 86_400_000).toISOString();
    const item: StoredItem = {
      key: `b${i}`, feedId: `feed-${i % FEEDS}`, url: `https://news${i % FEEDS}.example/${i}`, title: `Convoy story number ${i}`,
      summary: body.slice(0, 200), body, bodySource: 'page', processedAt: at, tags: [],
      entities: [{ name: `Place${i % 30}`, type: 'place', count: 1 }, { name: 'Convoy Org', type: 'org', count: 2 }],
    };
    const match: StoredMatch = { itemKey: item.key, watchlist: `wl-${i % WATCHLISTS}`, score: 1 + (i % 9), flaggedAt: at,
      hits: [{ term: 'convoy', field: 'body', start: 2, end: 8, snippet: body.slice(0, 120) }] };
    await p.store.items.saveProcessed(item, [match], new Map());
  }
  for (let i = 0; i < FEEDS; i++) await p.store.feeds.set(`feed-${i}`, { status: i % 10 ? 'ok' : 'failing', consecutiveErrors: i % 10 ? 0 : 3, itemsSeen: 100 + i, lastSuccess: Date.now(), lastError: i % 10 ? undefined : 'fetch: HTTP 503' });
}

async function measure(url: string): Promise<{ median: number; p95: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    const res = await fetch(url);
    bytes = (await res.text()).length;
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(RUNS / 2)]!, p95: times[Math.ceil(RUNS * 0.95) - 1]!, bytes };
}

const pipeline = await startPipeline({ config: loadConfig(writeConfig()), redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix, log: silentLogger, scheduler: false, queues: [] });
const t0 = performance.now();
await seed(pipeline);
console.log(`seeded ${WATCHLISTS * PER_WATCHLIST} flagged items in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const dashboard = await startDashboard({ ctx: pipeline.ctx, port: 0, log: silentLogger, env: {} });
const routes = ['/', '/items', '/items?sort=score', '/items?page=40', '/items?limit=100', '/items?q=number%20499', '/items?watchlist=wl-1&since=7d',
  '/feeds', '/watchlists', '/digests', '/queues', '/queues/poll-feed?state=completed',
  '/api/overview', '/api/items', '/api/items?sort=score&limit=25', '/api/watchlists', '/feeds/wl-0.atom', '/metrics'];
console.log('route'.padEnd(36), 'median ms'.padStart(10), 'p95 ms'.padStart(8), 'KB'.padStart(7));
for (const route of routes) {
  const m = await measure(dashboard.url + route);
  console.log(route.padEnd(36), m.median.toFixed(1).padStart(10), m.p95.toFixed(1).padStart(8), (m.bytes / 1024).toFixed(0).padStart(7));
}
await dashboard.close();
await pipeline.store.purge();
await pipeline.stop();
