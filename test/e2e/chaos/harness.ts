/**
 * A chaos run: 1 scheduler and N workers (real `wirewatch` processes) on a Redis of their own
 * with AOF, local feeds and pages, a webhook that fails and stalls, a file channel, and two
 * `digest send` at once now and then. With faults on, workers are SIGKILLed every few seconds,
 * Redis is SIGKILLed and restarted on its AOF, and the scheduler is killed. Then the faults
 * stop, the run is given time to settle, every process gets SIGTERM, and the report counts
 * what each channel got: lost, duplicated, unflagged, and what was processed.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QUEUES } from '../../../src/jobs/definitions.js';
import { closeQueues, openQueues } from '../../../src/jobs/queues.js';
import { connectRedis } from '../../../src/store/redis.js';
import { Store } from '../../../src/store/store.js';
import { startRedisServer } from '../../helpers/redis-server.js';
import { prng, startFixtures, MARK, type Fixtures } from './fixtures.js';
import { Processes } from './processes.js';
import { tally, type ChannelTally } from './tally.js';

export interface ChaosOptions {
  feeds: number;
  itemsPerFeed: number;
  seed: number;
  /** Kill workers, Redis and the scheduler during the fault phase. */
  faults: boolean;
  /** How long the fault phase (or, without faults, the busy phase) lasts. */
  faultMs: number;
  /** How long the run may take to settle once the faults stop. */
  settleMs: number;
  workers?: number;
  maxItems?: number;
  /** Keep the logs and outbox here (default: a temp folder, removed when all went well). */
  workDir?: string;
}

export interface ChaosReport {
  items: number;
  flagged: number;
  processed: number;
  file: ChannelTally & { files: number };
  webhook: ChannelTally & { deliveryIds: number; repeatedRequests: number; inconsistentIds: number; requests: Fixtures['requests'] };
  exitCodes: Record<string, number | null>;
  sendExitCodes: Array<number | null>;
  faults: { workerKills: number; redisKills: number; schedulerKills: number };
  settledMs: number | null;
  totalMs: number;
  workDir: string;
  /** What had not settled when the time ran out. */
  unsettled?: string;
}

// Its own archive schema each run: the run counts what it processed there.
const PREFIX = `chaos-${randomBytes(3).toString('hex')}`;

export async function runChaos(o: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  const workDir = o.workDir ?? mkdtempSync(join(tmpdir(), 'ww-chaos-'));
  const outbox = join(workDir, 'outbox');
  mkdirSync(join(workDir, 'logs'), { recursive: true });
  mkdirSync(join(workDir, 'redis'), { recursive: true });
  const fixtures = await startFixtures({
    feeds: o.feeds, itemsPerFeed: o.itemsPerFeed, flaggedShare: 0.3, failShare: 0.2, stallShare: 0.15, stallMs: 3_000, seed: o.seed,
    releaseMs: o.faultMs * 0.8, pageDelayMs: 300,
  });
  const redis = await startRedisServer({ dir: join(workDir, 'redis'), appendfsync: 'always' });
  const configDir = writeConfig(workDir, fixtures.url, outbox, o);
  const procs = new Processes({ ...process.env, REDIS_URL: redis.url, WIREWATCH_PREFIX: PREFIX, LOG_LEVEL: 'info' }, join(workDir, 'logs'));
  const workers = Array.from({ length: o.workers ?? 3 }, (_, i) => `worker-${i + 1}`);
  procs.start('scheduler', ['scheduler', '--config', configDir]);
  for (const w of workers) procs.start(w, ['worker', '--config', configDir]);
  const client = connectRedis(redis.url);
  client.on('error', () => undefined);
  const store = new Store(client, { prefix: PREFIX });
  const faults = { workerKills: 0, redisKills: 0, schedulerKills: 0 };
  const sends: Array<Promise<number | null>> = [];
  try {
    await busyPhase(o, procs, workers, redis, configDir, faults, sends);
    const sendExitCodes = await Promise.all(sends);
    const settle = await waitToSettle(store, client, fixtures, o.feeds * o.itemsPerFeed, o.settleMs);
    const notRunning = await procs.waitAllRunning(30_000);
    const exitCodes = await procs.stopAll(45_000);
    for (const name of notRunning) exitCodes[`${name} (never said it was running)`] = exitCodes[name] ?? null;
    const counted = await tally(store, fixtures, outbox, o.feeds * o.itemsPerFeed);
    return {
      items: o.feeds * o.itemsPerFeed, flagged: fixtures.flagged.size, processed: counted.processed,
      file: counted.file, webhook: { ...counted.webhook, requests: fixtures.requests },
      exitCodes, sendExitCodes, faults, settledMs: settle.settledMs, totalMs: Date.now() - started, workDir,
      ...(settle.unsettled ? { unsettled: settle.unsettled } : {}),
    };
  } finally {
    await procs.stopAll(5_000);
    client.disconnect();
    await redis.stop();
    await fixtures.close();
  }
}

function writeConfig(workDir: string, base: string, outbox: string, o: ChaosOptions): string {
  const dir = join(workDir, 'config');
  mkdirSync(dir, { recursive: true });
  const feeds = Array.from({ length: o.feeds }, (_, f) => `  - { id: f${f}, url: '${base}/feed/${f}', interval: 3s }\n`).join('');
  writeFileSync(join(dir, 'feeds.yaml'), `fetch: { allowPrivateNetworks: true, perHostConcurrency: 8, perHostGap: 0s, timeout: 10s }\nfeeds:\n${feeds}`);
  writeFileSync(join(dir, 'watchlists.yaml'), `watchlists:\n  chaos: { query: ${MARK} }\n`);
  writeFileSync(join(dir, 'digests.yaml'), `channels:\n  hook: { type: webhook, url: '${base}/hook', secret: chaos-secret-0123456789 }\n  out: { type: file, dir: '${outbox}' }\n` +
    `digests:\n  chaos: { watchlists: [chaos], schedule: '*/5 * * * * *', channels: [hook, out], maxItems: ${o.maxItems ?? 60} }\n`);
  return dir;
}

/**
 * The busy phase: two `digest send` at once at 15% and at 55% of it; with faults, a worker
 * SIGKILLed every 3 to 6 s, Redis SIGKILLed at 40% (down 2 to 4 s, restarted on its AOF) and
 * the scheduler at 75%.
 */
async function busyPhase(o: ChaosOptions, procs: Processes, workers: string[], redis: Awaited<ReturnType<typeof startRedisServer>>, configDir: string, faults: ChaosReport['faults'], sends: Array<Promise<number | null>>): Promise<void> {
  const random = prng(o.seed ^ 0x9e3779b9);
  const t0 = Date.now();
  const at = (share: number) => t0 + o.faultMs * share;
  const events: Array<{ time: number; run: () => Promise<void> }> = [
    { time: at(0.15), run: async () => { sends.push(...sendTwice(procs, configDir, 'a')); } },
    { time: at(0.55), run: async () => { sends.push(...sendTwice(procs, configDir, 'b')); } },
  ];
  if (o.faults) {
    events.push({ time: at(0.4), run: async () => {
      procs.note('redis: SIGKILL');
      await redis.kill();
      faults.redisKills += 1;
      await sleep(2_000 + random() * 2_000);
      await redis.restart();
      procs.note('redis: restarted on its AOF');
    } });
    events.push({ time: at(0.75), run: async () => { await procs.killAndRestart('scheduler', 1_000); faults.schedulerKills += 1; } });
    for (let t = at(0) + 3_000 + random() * 3_000; t < at(1); t += 3_000 + random() * 3_000) {
      const victim = workers[Math.floor(random() * workers.length)]!;
      events.push({ time: t, run: async () => { await procs.killAndRestart(victim, 300 + random() * 700); faults.workerKills += 1; } });
    }
  }
  events.sort((a, b) => a.time - b.time);
  const pending: Array<Promise<void>> = [];
  for (const e of events) {
    await sleep(Math.max(0, e.time - Date.now()));
    pending.push(e.run());
  }
  procs.note(`busy phase over after ${Date.now() - t0} ms`);
  await sleep(Math.max(0, at(1) - Date.now()));
  await Promise.all(pending);
}

function sendTwice(procs: Processes, configDir: string, tag: string): Array<Promise<number | null>> {
  return [1, 2].map((n) => procs.run(`send-${tag}${n}`, ['digest', 'send', 'chaos', '--config', configDir], 90_000));
}

/** Waits until every item is processed, nothing is pending or half-delivered, and the queues are idle. */
async function waitToSettle(store: Store, client: ReturnType<typeof connectRedis>, fixtures: Fixtures, total: number, ms: number): Promise<{ settledMs: number | null; unsettled?: string }> {
  const t0 = Date.now();
  const queues = openQueues(client, store.keys.bull);
  let why = '';
  try {
    while (Date.now() - t0 < ms) {
      why = await unsettled(store, queues, fixtures, total).catch((err: Error) => `store unreadable: ${err.message}`);
      if (!why) return { settledMs: Date.now() - t0 };
      await sleep(500);
    }
    return { settledMs: null, unsettled: why };
  } finally {
    await closeQueues(queues).catch(() => undefined);
  }
}

async function unsettled(store: Store, queues: ReturnType<typeof openQueues>, fixtures: Fixtures, total: number): Promise<string> {
  const processed = await store.archive.countItems();
  if (processed < total) return `${processed} of ${total} items processed`;
  const counts = await queues[QUEUES.processArticle].getJobCounts('waiting', 'active', 'delayed', 'prioritized');
  if (Object.values(counts).some((n) => n > 0)) return `process-article jobs left: ${JSON.stringify(counts)}`;
  for (const channel of ['hook', 'out']) {
    const delivered = await store.digests.deliveredKeys('chaos', channel);
    if (delivered.length < fixtures.flagged.size) return `${channel}: ${delivered.length} of ${fixtures.flagged.size} flagged items delivered`;
  }
  const open = await store.redis.zcard(store.keys.openRuns);
  if (open > 0) return `${open} digest runs unfinished`;
  return '';
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Removes a run's folder (call when the run went well). */
export function cleanUp(report: ChaosReport): void {
  rmSync(report.workDir, { recursive: true, force: true });
}
