/**
 * Assembles a running wirewatch from its parts: Redis connection, store, queues, live config,
 * scheduler sync, workers and config hot reload. `wirewatch start`, `worker` and `scheduler`
 * are this with different roles; tests run it in-process.
 */
import type { Worker } from 'bullmq';
import { LiveConfig } from './config/live-config.js';
import type { Config } from './config/schema.js';
import { watchConfig } from './config/watch-config.js';
import { describeError } from './errors.js';
import type { FetchOptions } from './config/schema.js';
import type { HeldBack } from './fetch/host-limiter.js';
import { SharedHostLimiter } from './fetch/shared-host-limiter.js';
import { ALL_QUEUES, type QueueName } from './jobs/definitions.js';
import { closeQueues, openQueues, type Queues } from './jobs/queues.js';
import { syncSchedulers } from './jobs/schedule.js';
import type { Logger } from './log.js';
import { Metrics } from './metrics.js';
import { connectRedis, redactUrl } from './store/redis.js';
import { RedisOutages } from './store/redis-outages.js';
import { Store } from './store/store.js';
import type { WorkerContext } from './workers/context.js';
import { closeWorkers, runWorkers, type WorkerTuning } from './workers/run-workers.js';
import { startRunSweeper } from './workers/run-sweeper.js';
import { QUEUES } from './jobs/definitions.js';

export interface PipelineOptions {
  config: Config;
  redisUrl: string;
  /** Redis key prefix. Default 'ww'. */
  prefix?: string;
  log: Logger;
  /** Sync the config's schedules into BullMQ (one process per deployment should). Default true. */
  scheduler?: boolean;
  /** Queues this process works on. Default all. */
  queues?: QueueName[];
  /** Reload the config when its files change. Default false. */
  watch?: boolean;
  env?: NodeJS.ProcessEnv;
  stdout?: WorkerContext['stdout'];
  retentionSeconds?: number;
  /** Default: a new registry with process metrics. */
  metrics?: Metrics;
  /** Worker concurrency and lock timings. */
  tuning?: WorkerTuning;
  /** How often a scheduler checks its schedules (default 15 s). */
  scheduleCheckMs?: number;
}

export interface Pipeline {
  ctx: WorkerContext;
  store: Store;
  queues: Queues;
  live: LiveConfig;
  /** Validated config in, schedules and workers follow. */
  reload(config: Config): Promise<void>;
  stop(): Promise<void>;
}

export async function startPipeline(options: PipelineOptions): Promise<Pipeline> {
  const redis = connectRedis(options.redisUrl);
  // One warning when Redis goes away and one line when it is back, whichever connection noticed.
  const outages = new RedisOutages(redis, options.log, redactUrl(options.redisUrl));
  const store = new Store(redis, { prefix: options.prefix, retentionSeconds: options.retentionSeconds });
  const queues = openQueues(redis, store.keys.bull, (queue, err) => {
    if (!outages.noteError(err)) options.log.warn({ queue, err: err.message }, 'queue error');
  });
  const live = new LiveConfig(options.config);
  const hostLimiter = politeness(store, options.config.feeds.fetch, options.log);
  const metrics = options.metrics ?? new Metrics();
  metrics.watchQueues(queues);
  const ctx: WorkerContext = { live, store, queues, log: options.log, hostLimiter, metrics, stdout: options.stdout, redisOutages: outages };
  const scheduler = options.scheduler ?? true;
  if (scheduler) await sync(ctx, options.config);
  const worked = options.queues ?? ALL_QUEUES;
  const workers: Worker[] = runWorkers(ctx, redis, worked, options.tuning);
  // Whoever delivers digests also resumes runs whose owner died.
  const sweeper = worked.includes(QUEUES.sendDigest) ? startRunSweeper(ctx) : undefined;

  const { reload, check } = reloader(ctx, scheduler);
  const keeper = scheduler ? setInterval(() => void check(), options.scheduleCheckMs ?? SCHEDULE_CHECK_MS) : undefined;
  keeper?.unref();
  const watcher = options.watch
    ? watchConfig(options.config.dir, {
        env: options.env,
        onChange: reload,
        onError: (err) => options.log.error({ err: describeError(err) }, 'config change refused; the running config stays'),
      })
    : undefined;

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    watcher?.close();
    clearInterval(keeper);
    sweeper?.stop();
    await closeWorkers(workers);
    outages.close();
    // With Redis gone, closing would wait forever: give it two seconds, then cut.
    await withTimeout(closeQueues(queues), 2_000);
    await withTimeout(redis.quit(), 2_000);
    redis.disconnect();
  };
  return { ctx, store, queues, live, reload, stop };
}

/** How often the scheduler process checks that every schedule still has its next job queued. */
export const SCHEDULE_CHECK_MS = 15_000;

/**
 * Reloads run one after another; the schedules are synced before the config is swapped, so a
 * config BullMQ refuses leaves both the old schedules and the old config in place. The
 * periodic schedule check goes through the same line, so it never overlaps a reload.
 */
function reloader(ctx: WorkerContext, scheduler: boolean): { reload: (config: Config) => Promise<void>; check: () => Promise<void> } {
  let line: Promise<void> = Promise.resolve();
  const next = (work: () => Promise<void>) => (line = line.catch(() => {}).then(work));
  const reload = (config: Config) => next(async () => {
    if (scheduler) await sync(ctx, config);
    const before = ctx.live.current().config.feeds.fetch;
    ctx.live.replace(config);
    const after = config.feeds.fetch;
    if (before.perHostConcurrency !== after.perHostConcurrency || before.perHostGap !== after.perHostGap || before.timeout !== after.timeout) {
      ctx.hostLimiter = politeness(ctx.store, after, ctx.log);
    }
    ctx.log.info({ generation: ctx.live.current().generation }, 'config reloaded');
  });
  // A Redis outage is reported by the connection's watcher; the check just waits for the next round.
  const check = () => next(() => sync(ctx, ctx.live.current().config, true)).catch(() => undefined);
  return { reload, check };
}

/** Per-host limits kept in Redis for every worker of the deployment, with a warning when they hold work back long. */
function politeness(store: Store, f: FetchOptions, log: Logger): SharedHostLimiter {
  const onHeldBack = (h: HeldBack) => log.warn(
    { host: h.host, waitedMs: h.waitedMs, waiting: h.waiting, setting: h.setting, value: h.value },
    `fetch: requests to ${h.host} wait for the per-host limit (${h.setting} ${h.setting === 'perHostGap' ? `${h.value} ms` : h.value}): this one waited ${Math.round(h.waitedMs / 1000)} s, ${h.waiting} more waiting here; raise fetch.${h.setting} in feeds.yaml if the site allows`,
  );
  return new SharedHostLimiter({ concurrency: f.perHostConcurrency, gapMs: f.perHostGap }, store.hostSlots, { leaseMs: f.timeout + 10_000, onHeldBack });
}

async function withTimeout(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work.catch(() => {}), new Promise((r) => { timer = setTimeout(r, ms); })]);
  clearTimeout(timer);
}

/** Syncs the schedules; `quiet` (the periodic check) logs only what changed or was repaired. */
async function sync(ctx: WorkerContext, config: Config, quiet = false): Promise<void> {
  const report = await syncSchedulers(config, ctx.queues);
  if (report.repaired.length) ctx.log.warn({ repaired: report.repaired }, 'schedules repaired: their next job was gone (Redis lost recent writes), queued again');
  if (quiet && !report.added.length && !report.updated.length && !report.removed.length) return;
  ctx.log.info({ added: report.added, updated: report.updated, removed: report.removed, unchanged: report.unchanged.length }, 'schedules synced');
}
