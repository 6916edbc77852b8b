/**
 * End-to-end throughput with 1 and then 2 `wirewatch worker` processes: local feeds whose items
 * link to local pages (served by a process of their own), through poll, page fetch,
 * extraction, classification and storage on the local Redis, with a `wirewatch scheduler`
 * firing the polls. Prints, per worker count: items per second (from the scheduler's start to
 * the last item stored) and the workers' CPU milliseconds per item (from /proc, startup left
 * out), then one digest run of everything flagged.
 *   node --import tsx bench/pipeline.ts [feeds=20] [itemsPerFeed=50] [workers=1,2]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Store } from '../src/store/store.js';

const FEEDS = Number(process.argv[2] ?? 20);
const PER_FEED = Number(process.argv[3] ?? 50);
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

function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
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

const dir = mkdtempSync(join(tmpdir(), 'ww-bench-'));
const outbox = mkdtempSync(join(tmpdir(), 'ww-bench-out-'));
writeFileSync(join(dir, 'feeds.yaml'), `fetch: { allowPrivateNetworks: true, perHostConcurrency: 16, perHostGap: 0s }\nfeeds:\n` +
  Array.from({ length: FEEDS }, (_, f) => `  - { id: f${f}, url: '${base}/feed/${f}', interval: 1h }\n`).join(''));
writeFileSync(join(dir, 'watchlists.yaml'), readFileSync(join(ROOT, 'config', 'watchlists.yaml')));
writeFileSync(join(dir, 'digests.yaml'), `channels:\n  out: { type: file, dir: '${outbox}' }\ndigests:\n  brief: { watchlists: [isis-north-africa, us-military-aid], schedule: '0 7 1 1 *', channels: [out], maxItems: 500 }\n`);

const redis = new Redis(REDIS_URL);
console.log(`pipeline: ${FEEDS} feeds x ${PER_FEED} items = ${TOTAL} items, pages fetched and extracted, ${process.env.WORKER_CONCURRENCY ?? 'default'} process-article concurrency per worker`);
const figures: Array<{ workers: number; perSecond: number; cpuPerItem: number }> = [];
for (const n of COUNTS) {
  const prefix = `wwbench-${Date.now()}-${n}`;
  const env = { ...process.env, REDIS_URL, WIREWATCH_PREFIX: prefix, LOG_LEVEL: 'info' };
  const workers = Array.from({ length: n }, () => run(['worker', '--config', dir], env));
  await Promise.all(workers.map(running));
  const cpu0 = workers.map((w) => cpuMs(w.pid!));
  const t0 = performance.now();
  const scheduler = run(['scheduler', '--config', dir], env);
  const store = new Store(redis, { prefix });
  while ((await redis.zcard(store.keys.items)) < TOTAL) await new Promise((r) => setTimeout(r, 50));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = workers.reduce((sum, w, i) => sum + cpuMs(w.pid!) - cpu0[i]!, 0);
  const perSecond = TOTAL / seconds;
  figures.push({ workers: n, perSecond, cpuPerItem: cpu / TOTAL });
  console.log(`  ${n} worker process${n === 1 ? '' : 'es'}: ${seconds.toFixed(2)} s, ${perSecond.toFixed(0)} items/s, ${(cpu / TOTAL).toFixed(2)} ms CPU per item (workers)`);
  if (n === COUNTS.at(-1)) {
    const t1 = performance.now();
    const digest = spawn(process.execPath, ['--import', 'tsx', CLI, 'digest', 'send', 'brief', '--config', dir], { env: { ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    digest.stdout!.on('data', (d) => { out += d; });
    await new Promise((r) => digest.on('exit', r));
    console.log(`  digest of the flagged items: ${out.trim().split('\n').at(-1)?.replace(/^brief -> /, '')} in ${(performance.now() - t1).toFixed(0)} ms (process start included)`);
  }
  await Promise.all([stop(scheduler), ...workers.map(stop)]);
  await store.purge();
}
if (figures.length === 2) {
  const [one, two] = figures;
  console.log(`  2 workers vs 1: ${(two!.perSecond / one!.perSecond).toFixed(2)}x the throughput, ${(two!.cpuPerItem / one!.cpuPerItem).toFixed(2)}x the CPU per item`);
}
redis.disconnect();
pages.kill('SIGTERM');
