/**
 * Per-host politeness across processes: two worker processes fetch pages from one host, and
 * the server itself counts how many requests it has at once and the gaps between their starts.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import type { Redis } from 'ioredis';
import { HostLimiter, type HeldBack } from '../../src/fetch/host-limiter.js';
import { SharedHostLimiter } from '../../src/fetch/shared-host-limiter.js';
import { QUEUES, type ProcessArticlePayload } from '../../src/jobs/definitions.js';
import { closeQueues, openQueues, type Queues } from '../../src/jobs/queues.js';
import { Store } from '../../src/store/store.js';
import { writeConfigDir } from '../helpers/config.js';
import { spawnPipeline } from '../helpers/spawn-pipeline.js';
import { startServer, type TestServer } from '../helpers/http-server.js';
import { deletePrefix, testPrefix, testRedis } from '../helpers/redis.js';

const prefix = testPrefix('polite');
const GAP_MS = 500;
const CONCURRENCY = 2;
let redis: Redis;
let queues: Queues;
let server: TestServer;
const children: ChildProcess[] = [];
const starts: number[] = [];
let inFlight = 0;
let maxInFlight = 0;

before(async () => {
  redis = testRedis();
  queues = openQueues(redis, `${prefix}:bull`);
  server = await startServer({});
  server.server.removeAllListeners('request');
  server.server.on('request', (req, res) => {
    starts.push(performance.now());
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => { inFlight -= 1; });
    // Slow pages, so that requests would overlap if the limit let them.
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><head><title>${req.url}</title></head><body><article><p>Page ${req.url} about Libya.</p></article></body></html>`), 1_200);
  });
});
after(async () => {
  for (const c of children) c.kill('SIGKILL');
  await closeQueues(queues);
  await server.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

async function startWorker(configDir: string): Promise<ChildProcess> {
  const proc = await spawnPipeline({ config: configDir, prefix, queues: [QUEUES.processArticle] });
  children.push(proc);
  return proc;
}

test('two worker processes against one host: never more than perHostConcurrency at once, never closer than perHostGap (counted by the server)', async () => {
  const configDir = writeConfigDir({
    feeds: `fetch: { allowPrivateNetworks: true, perHostConcurrency: ${CONCURRENCY}, perHostGap: ${GAP_MS}ms }\nfeeds: []\n`,
    watchlists: 'watchlists:\n  w: { query: libya }\n',
  });
  await Promise.all([startWorker(configDir), startWorker(configDir)]);
  const total = 20;
  const items: ProcessArticlePayload['item'][] = Array.from({ length: total }, (_, i) => ({ key: `polite-${i}`, feedId: 'wire', url: `${server.url}/page/${i}`, title: `Page ${i}`, summary: '', categories: [] }));
  await queues[QUEUES.processArticle].addBulk(items.map((item) => ({ name: QUEUES.processArticle, data: { item, tags: [] }, opts: { jobId: item.key } })));
  const deadline = Date.now() + 60_000;
  while ((await queues[QUEUES.processArticle].getJobCounts('completed')).completed < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const done = await queues[QUEUES.processArticle].getCompleted(0, total);
  assert.equal(done.length, total);
  const workers = new Set(done.map((j) => j.processedBy));
  assert.equal(workers.size, 2, `both processes took jobs: ${[...workers].join(', ')}`);

  assert.equal(starts.length, total);
  assert.ok(maxInFlight <= CONCURRENCY, `${maxInFlight} requests at once`);
  assert.equal(maxInFlight, CONCURRENCY, 'the limit, not the load, bounded it');
  const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
  // The gap is kept between the starts of two requests; their arrival at the server trails each
  // start by a connection and some scheduling, which on a machine loaded by other work varies
  // by up to a hundred milliseconds or more. Without a shared limit two processes would start
  // requests together (gaps near 0).
  const smallest = Math.min(...gaps);
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  console.log(`# ${total} requests from 2 processes: at most ${maxInFlight} at once, gaps ${smallest.toFixed(0)} ms smallest, ${mean.toFixed(0)} ms mean (perHostGap ${GAP_MS} ms)`);
  // One late arrival makes one short gap (the late request's own start was on time); what
  // no shared limit can hide is many short gaps, or a short span for all the requests.
  const short = gaps.filter((g) => g < GAP_MS - 200).length;
  assert.ok(short <= 2, `${short} gaps under ${GAP_MS - 200} ms (smallest ${smallest.toFixed(0)} ms)`);
  assert.ok(mean >= GAP_MS * 0.95, `mean gap ${mean.toFixed(0)} ms`);
});

test('a slot whose holder died frees itself when its lease lapses', async () => {
  const store = new Store(redis, { prefix });
  const limits = { concurrency: 1, gapMs: 0 };
  assert.ok((await store.hostSlots.tryAcquire('lease.example', 'dead-holder', limits, 300)).ok);
  const refused = await store.hostSlots.tryAcquire('lease.example', 'other', limits, 300);
  assert.deepEqual([refused.ok, refused.reason], [false, 'concurrency']);
  assert.ok(refused.waitMs > 0 && refused.waitMs <= 300);
  const limiter = new SharedHostLimiter(limits, store.hostSlots, { leaseMs: 1_000 });
  const t0 = Date.now();
  await limiter.run('lease.example', async () => undefined);
  const waited = Date.now() - t0;
  assert.ok(waited >= 150 && waited < 2_000, `waited ${waited} ms for the dead holder's lease`);
  assert.ok((await store.hostSlots.tryAcquire('lease.example', 'next', limits, 300)).ok, 'the limiter gave its slot back');
});

test('a limiter that holds work back long says so once a minute per host, naming the setting', async () => {
  const heard: HeldBack[] = [];
  const local = new HostLimiter({ concurrency: 1, gapMs: 60 }, { heldBackMs: 100, onHeldBack: (h) => heard.push(h) });
  await Promise.all(Array.from({ length: 6 }, () => local.run('slow.example', async () => undefined)));
  assert.equal(heard.length, 1, 'once, however many waited');
  assert.deepEqual([heard[0]!.host, heard[0]!.setting, heard[0]!.value], ['slow.example', 'perHostGap', 60]);

  const store = new Store(redis, { prefix });
  const sharedHeard: HeldBack[] = [];
  const a = new SharedHostLimiter({ concurrency: 1, gapMs: 0 }, store.hostSlots, { leaseMs: 5_000, heldBackMs: 100, onHeldBack: (h) => sharedHeard.push(h) });
  const b = new SharedHostLimiter({ concurrency: 1, gapMs: 0 }, store.hostSlots, { leaseMs: 5_000 });
  let release!: () => void;
  const holding = b.run('busy.example', () => new Promise<void>((r) => { release = r; }));
  await new Promise((r) => setTimeout(r, 50));
  const waiting = a.run('busy.example', async () => undefined);
  await new Promise((r) => setTimeout(r, 250));
  release();
  await Promise.all([holding, waiting]);
  assert.equal(sharedHeard.length, 1);
  assert.deepEqual([sharedHeard[0]!.setting, sharedHeard[0]!.value], ['perHostConcurrency', 1], 'another process held the only slot');
});
