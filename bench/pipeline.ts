/**
 * End-to-end throughput: local feeds whose items link to local article pages, through the
 * whole pipeline (poll, fetch page, extract, classify, store) on the local Redis, then one
 * digest run. Prints items per second, the digest time and peak memory.
 *   node --import tsx bench/pipeline.ts [feeds=20] [itemsPerFeed=50]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { loadConfig } from '../src/config/load.js';
import { QUEUES } from '../src/jobs/definitions.js';
import { silentLogger } from '../src/log.js';
import { startPipeline } from '../src/pipeline.js';
import { runDigest } from '../src/workers/send-digest.js';

const FEEDS = Number(process.argv[2] ?? 20);
const PER_FEED = Number(process.argv[3] ?? 50);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `wwbench-${Date.now()}`;

const TOPICS = [
  'Islamic State fighters regrouped near Sirte in Libya, officials said, as US Africa Command flew reconnaissance missions.',
  'The Pentagon approved security assistance for Tunisia, including training for special forces units on the border with Libya.',
  'The city council voted to extend the tram line to the harbour district, with construction starting in spring.',
  'The national football team won its qualifier after a late goal, and fans celebrated in the main square.',
];

/** Words drawn per story, so that stories are distinct and clustering keeps them apart. */
function storyWords(f: number, i: number, n: number): string {
  let seed = (f * 7919 + i * 104729) >>> 0;
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    out.push(`w${(seed >>> 8) % 5000}`);
  }
  return out.join(' ');
}

function page(f: number, i: number): string {
  const lead = TOPICS[(f + i) % TOPICS.length]!;
  const filler = Array.from({ length: 12 }, (_, p) => `<p>${lead} Paragraph ${p} of story ${f}-${i}: ${storyWords(f, i * 13 + p, 25)}.</p>`).join('\n');
  return `<!doctype html><html lang="en"><head><title>Story ${f}-${i}</title></head><body>
<nav><a href="/">Home</a><a href="/world">World</a><a href="/sport">Sport</a></nav>
<article><h1>Story ${f}-${i}</h1>${filler}</article>
<aside class="related"><h3>Related posts</h3><ul><li><a href="/x">Other news</a></li></ul></aside>
<div class="comments"><h3>Leave a Reply</h3></div><footer>Copyright</footer></body></html>`;
}

function feed(base: string, f: number): string {
  const items = Array.from({ length: PER_FEED }, (_, i) => `<item><title>Story ${f}-${i}: ${TOPICS[(f + i) % TOPICS.length]!.slice(0, 60)}</title>
<link>${base}/page/${f}/${i}</link><guid isPermaLink="false">bench-${f}-${i}</guid><description>${TOPICS[(f + i) % TOPICS.length]}</description></item>`).join('\n');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Bench ${f}</title><link>${base}/</link>${items}</channel></rss>`;
}

const server = createServer((req, res) => {
  const m = /^\/(feed|page)\/(\d+)(?:\/(\d+))?/.exec(req.url ?? '');
  if (!m) return void res.writeHead(404).end();
  if (m[1] === 'feed') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed(base, Number(m[2])));
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(Number(m[2]), Number(m[3])));
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const dir = mkdtempSync(join(tmpdir(), 'ww-bench-'));
const outbox = mkdtempSync(join(tmpdir(), 'ww-bench-out-'));
writeFileSync(join(dir, 'feeds.yaml'), `fetch: { allowPrivateNetworks: true, perHostConcurrency: 16, perHostGap: 0s }\nfeeds:\n` +
  Array.from({ length: FEEDS }, (_, f) => `  - { id: f${f}, url: '${base}/feed/${f}', interval: 1h }\n`).join(''));
writeFileSync(join(dir, 'watchlists.yaml'), readFileSync(join(import.meta.dirname, '..', 'config', 'watchlists.yaml')));
writeFileSync(join(dir, 'digests.yaml'), `channels:\n  out: { type: file, dir: '${outbox}' }\ndigests:\n  brief: { watchlists: [isis-north-africa, us-military-aid], schedule: '0 7 * * *', channels: [out], maxItems: 500 }\n`);

const redis = new Redis(REDIS_URL);
let peakRss = 0;
const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 50);
const config = loadConfig(dir);
const t0 = performance.now();
const pipeline = await startPipeline({ config, redisUrl: REDIS_URL, prefix, log: silentLogger, tuning: { concurrency: { 'process-article': Number(process.env.BENCH_CONCURRENCY ?? 8) } } });
const total = FEEDS * PER_FEED;
while ((await redis.zcard(`${prefix}:items`)) < total) await new Promise((r) => setTimeout(r, 50));
const processedMs = performance.now() - t0;
const counts = await pipeline.queues[QUEUES.processArticle].getJobCounts('failed');
const t1 = performance.now();
const result = await runDigest(pipeline.ctx, config, 'brief', 'brief-bench', new Date().toISOString(), true);
const digestMs = performance.now() - t1;
clearInterval(sampler);

console.log(`pipeline: ${FEEDS} feeds x ${PER_FEED} items = ${total} items (pages fetched and extracted) in ${(processedMs / 1000).toFixed(2)} s`);
console.log(`  throughput ${(total / (processedMs / 1000)).toFixed(0)} items/s, failed jobs ${counts.failed}`);
console.log(`  digest of the flagged items: ${result.channels.out} in ${digestMs.toFixed(0)} ms`);
const sum = async (h: { get(): Promise<{ values: Array<{ metricName?: string; value: number }> }> }) => {
  const v = (await h.get()).values;
  const s = v.find((x) => x.metricName?.endsWith('_sum'))?.value ?? 0;
  const c = v.find((x) => x.metricName?.endsWith('_count'))?.value ?? 1;
  return `${((s / c) * 1000).toFixed(2)} ms mean over ${c}`;
};
const m = pipeline.ctx.metrics;
console.log(`  extract ${await sum(m.extractSeconds)}; classify ${await sum(m.classifySeconds)}; job latency ${await sum(m.jobLatency)}`);
console.log(`  peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB (pipeline, test server and Redis client in one process)`);

await pipeline.store.purge();
await pipeline.stop();
redis.disconnect();
server.closeAllConnections();
server.close();
