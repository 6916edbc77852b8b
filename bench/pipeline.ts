/**
 * End-to-end throughput with 1 and then 2 `wirewatch worker` processes: local feeds whose items
 * link to local pages (served by a process of their own), through poll, page fetch,
 * extraction, classification and storage on the local Redis, with a `wirewatch scheduler`
 * firing the polls. Prints, per worker count: items per second (from when every process is up
 * and the queues resume to the last item stored) and the workers' CPU milliseconds per item
 * (from /proc, start-up left out), what Redis and the page server spent, and how busy the machine was (others' work
 * included), then one digest run of everything flagged.
 * 4,000 items by default: each worker process pays its own JIT warm-up (about 1 s of CPU over
 * its first few hundred items), which a smaller run would count as throughput.
 *   node --import tsx bench/pipeline.ts [feeds=40] [itemsPerFeed=100] [workers=1,2]
 * BENCH_CPU_PROF=DIR also writes a V8 CPU profile of each worker process into DIR.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { closeQueues, openQueues } from '../src/jobs/queues.js';
import { Store } from '../src/store/store.js';

const FEEDS = Number(process.argv[2] ?? 40);
const PER_FEED = Number(process.argv[3] ?? 100);
const COUNTS = (process.argv[4] ?? '1,2').split(',').map(Number);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'src', 'cli.ts');
const TOTAL = FEEDS * PER_FEED;
const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime
}

/** Busy and total jiffies of the whole machine (/proc/stat), to say how much CPU others took. */
function machine(): { busy: number; total: number } {
  const [, ...nums] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const v = nums.map(Number);
  const idle = v[3]! + (v[4] ?? 0);
  const total = v.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** Redis's own CPU time so far (ms), from INFO cpu. */
async function redisCpu(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const get = (k: string) => Number(new RegExp(`${k}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return (get('used_cpu_sys') + get('used_cpu_user')) * 1000;
}

/** What the deployment holds after the run: MEMORY USAGE of every key under its prefix, and its archive schema's size. */
async function storedBytes(redis: Redis, store: Store, prefix: string): Promise<{ redis: number; redisKeys: number; bull: number; pg: number }> {
  let cursor = '0';
  let total = 0;
  let bull = 0;
  let keys = 0;
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    for (const k of batch) {
      const bytes = Number((await redis.call('MEMORY', 'USAGE', k, 'SAMPLES', '0')) ?? 0);
      total += bytes;
      // BullMQ keeps a bounded history (the last 1,000 completed jobs a queue): a fixed cost, not one an item.
      if (k.startsWith(`${prefix}:bull:`)) bull += bytes;
    }
    keys += batch.length;
  } while (cursor !== '0');
  const { rows } = await store.db.query<{ bytes: string }>(
    `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`,
    [store.db.schema],
  );
  return { redis: total, redisKeys: keys, bull, pg: Number(rows[0]!.bytes) };
}

function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  // BENCH_CPU_PROF=DIR writes a V8 CPU profile of each worker process there.
  const prof = process.env.BENCH_CPU_PROF && args[0] === 'worker' ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  return spawn(process.execPath, [...prof, '--import', 'tsx', CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Resolves when the process has said "wirewatch running" (logs at info). */
function running(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const look = (d: Buffer) => { out += d; if (out.includes('wirewatch running')) resolve(); };
    child.stdout!.on('data', look);
    child.stderr!.on('data', look);
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out.slice(-500)}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => { child.once('exit', () => resolve()); child.kill('SIGTERM'); });
}

const pages = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'pipeline-pages.ts'), String(FEEDS), String(PER_FEED)], { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise<string>((resolve) => pages.stdout!.once('data', (d) => resolve(String(d).trim())));
pages.stdout!.destroy(); // its URL is all this process reads; an open pipe would keep it alive

const dir = mkdtempSync(join(tmpdir(), 'ww-bench-'));
const outbox = mkdtempSync(join(tmpdir(), 'ww-bench-out-'));
writeFileSync(join(dir, 'feeds.yaml'), `fetch: { allowPrivateNetworks: true, perHostConcurrency: 16, perHostGap: 0s }\nfeeds:\n` +
  Array.from({ length: FEEDS }, (_, f) => `  - { id: f${f}, url: '${base}/feed/${f}', interval: 1h }\n`).join(''));
writeFileSync(join(dir, 'watchlists.yaml'), readFileSync(join(ROOT, 'config', 'watchlists.yaml')));
writeFileSync(join(dir, 'digests.yaml'), `channels:\n  out: { type: file, dir: '${outbox}' }\ndigests:\n  brief: { watchlists: [isis-north-africa, us-military-aid], schedule: '0 7 1 1 *', channels: [out], maxItems: 500 }\n`);

const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
console.log(`pipeline: ${FEEDS} feeds x ${PER_FEED} items = ${TOTAL} items, pages fetched and extracted, ${process.env.WORKER_CONCURRENCY ?? 'default'} process-article concurrency per worker`);
const figures: Array<{ workers: number; perSecond: number; cpuPerItem: number }> = [];
for (const n of COUNTS) {
  const prefix = `wwbench-${Date.now()}-${n}`;
  const env = { ...process.env, REDIS_URL, WIREWATCH_PREFIX: prefix, LOG_LEVEL: 'info' };
  // The queues are paused while the scheduler and the workers start (start-up is nobody's
  // throughput); the clock starts when they are all up and the queues resume.
  const queues = openQueues(redis, `${prefix}:bull`);
  await Promise.all(Object.values(queues).map((q) => q.pause()));
  const scheduler = run(['scheduler', '--config', dir], env);
  await running(scheduler);
  const workers = Array.from({ length: n }, () => run(['worker', '--config', dir], env));
  const store = new Store(redis, { prefix });
  const cpu0 = new Map<number, number>();
  for (const w of workers) void running(w).then(() => cpu0.set(w.pid!, cpuMs(w.pid!)));
  while (cpu0.size < n) await new Promise((r) => setTimeout(r, 5));
  await Promise.all(Object.values(queues).map((q) => q.resume()));
  const t0 = performance.now();
  const pagesCpu0 = cpuMs(pages.pid!);
  const machine0 = machine();
  const cpuRedis0 = await redisCpu(redis);
  let firstMs = 0;
  for (let done = 0; done < TOTAL; done = await store.archive.countItems()) {
    if (done > 0 && !firstMs) firstMs = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (performance.now() - t0) / 1000;
  const redisCpuMs = (await redisCpu(redis)) - cpuRedis0;
  const machine1 = machine();
  const cores = (machine1.busy - machine0.busy) * TICK_MS / (seconds * 1000);
  const pagesCpuMs = cpuMs(pages.pid!) - pagesCpu0;
  const cpu = workers.reduce((sum, w) => sum + cpuMs(w.pid!) - cpu0.get(w.pid!)!, 0);
  const perSecond = TOTAL / seconds;
  figures.push({ workers: n, perSecond, cpuPerItem: cpu / TOTAL });
  console.log(`  ${n} worker process${n === 1 ? '' : 'es'}: ${seconds.toFixed(2)} s (first item stored after ${(firstMs / 1000).toFixed(2)} s), ${perSecond.toFixed(0)} items/s, ${(cpu / TOTAL).toFixed(2)} ms CPU per item (workers), Redis ${(redisCpuMs / TOTAL).toFixed(2)} ms and the page server ${(pagesCpuMs / TOTAL).toFixed(2)} ms CPU per item; the machine was ${cores.toFixed(2)} cores busy meanwhile (of ${availableParallelism()}), ${Math.max(0, cores - (cpu + redisCpuMs + pagesCpuMs) / 1000 / seconds).toFixed(2)} of them others'`);
  if (n === COUNTS.at(-1)) {
    const t1 = performance.now();
    const digest = spawn(process.execPath, ['--import', 'tsx', CLI, 'digest', 'send', 'brief', '--config', dir], { env: { ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    digest.stdout!.on('data', (d) => { out += d; });
    await new Promise((r) => digest.on('exit', r));
    console.log(`  digest of the flagged items: ${out.trim().split('\n').at(-1)?.replace(/^brief -> /, '')} in ${(performance.now() - t1).toFixed(0)} ms (process start included)`);
  }
  await Promise.all([stop(scheduler), ...workers.map(stop)]);
  const bytes = await storedBytes(redis, store, prefix);
  console.log(`  stored: Redis ${(bytes.redis / TOTAL).toFixed(0)} bytes an item (${bytes.redisKeys} keys under the prefix; ${((bytes.redis - bytes.bull) / TOTAL).toFixed(0)} an item without BullMQ's bounded job history, ${(bytes.bull / 1024 / 1024).toFixed(1)} MB), PostgreSQL ${(bytes.pg / TOTAL).toFixed(0)} bytes an item (tables and indexes)`);
  await closeQueues(queues);
  await store.purge();
  await store.close();
}
if (figures.length === 2) {
  const [one, two] = figures;
  console.log(`  2 workers vs 1: ${(two!.perSecond / one!.perSecond).toFixed(2)}x the throughput, ${(two!.cpuPerItem / one!.cpuPerItem).toFixed(2)}x the CPU per item`);
}
redis.disconnect();
pages.kill('SIGTERM');
