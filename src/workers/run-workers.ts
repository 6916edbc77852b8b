/** Starts a BullMQ Worker per queue, each wired to its processor. */
import { Worker, type Processor } from 'bullmq';
import { hostname } from 'node:os';
import { pid } from 'node:process';
import type { Redis } from 'ioredis';
import { retryAfterBackoff } from '../jobs/backoff.js';
import { QUEUES, type QueueName } from '../jobs/definitions.js';
import type { WorkerContext } from './context.js';
import { createPollFeedProcessor } from './poll-feed.js';
import { createProcessArticleProcessor } from './process-article.js';
import { createSendAlertProcessor } from './send-alert.js';
import { createSendDigestProcessor } from './send-digest.js';

/** Jobs at once per queue in one process. Fetching dominates polls and articles; digests run one at a time. */
export const DEFAULT_CONCURRENCY: Record<QueueName, number> = {
  [QUEUES.pollFeed]: 4,
  [QUEUES.processArticle]: 4,
  [QUEUES.sendDigest]: 1,
  [QUEUES.sendAlert]: 2,
};

const PROCESSORS: Record<QueueName, (ctx: WorkerContext) => Processor> = {
  [QUEUES.pollFeed]: createPollFeedProcessor as (ctx: WorkerContext) => Processor,
  [QUEUES.processArticle]: createProcessArticleProcessor as (ctx: WorkerContext) => Processor,
  [QUEUES.sendDigest]: createSendDigestProcessor as (ctx: WorkerContext) => Processor,
  [QUEUES.sendAlert]: createSendAlertProcessor as (ctx: WorkerContext) => Processor,
};

/**
 * Recovery: a job whose worker died is taken again once its lock has lapsed and a stalled-job
 * check has seen it, so within lockDuration + stalledInterval (12 s with these defaults, and
 * about 1 s more for a worker to pick it up). The lock is renewed every lockDuration / 2 while
 * the job runs, so a long job (a slow page, a digest waiting out a Retry-After) keeps it.
 */
export const DEFAULT_TUNING = { lockDuration: 8_000, stalledInterval: 4_000 } as const;

export interface WorkerTuning {
  concurrency?: Partial<Record<QueueName, number>>;
  /** Default 8 s. */
  lockDuration?: number;
  /** Default 4 s. */
  stalledInterval?: number;
}

export function runWorkers(ctx: WorkerContext, connection: Redis, queues: QueueName[], tuning: WorkerTuning = {}): Worker[] {
  return queues.map((name) => {
    const process = PROCESSORS[name](ctx);
    // Latency: from when the job was due (added, or its delay over) to when it started.
    const timed: Processor = (job, token, signal) => {
      const due = job.timestamp + (job.opts.delay ?? 0);
      ctx.metrics.jobLatency.observe({ queue: name }, Math.max(0, Date.now() - due) / 1000);
      void ctx.store.ingest.recordWait(name, Date.now() - due).catch(() => {}); // a counter never holds a job back
      return process(job, token, signal);
    };
    const worker = new Worker(name, timed, {
      connection,
      // Names the process on every job it takes (job.processedBy) and in the queue's worker list.
      name: `${hostname()}:${pid}`,
      prefix: ctx.store.keys.bull,
      concurrency: tuning.concurrency?.[name] ?? DEFAULT_CONCURRENCY[name],
      settings: { backoffStrategy: retryAfterBackoff },
      // A job whose worker died twice is still worth a third try before it counts as failed:
      // an article claimed by a killed job is otherwise lost.
      maxStalledCount: 3,
      lockDuration: tuning.lockDuration ?? DEFAULT_TUNING.lockDuration,
      stalledInterval: tuning.stalledInterval ?? DEFAULT_TUNING.stalledInterval,
    });
    worker.on('failed', (job, err) => {
      ctx.log.warn({ queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'job failed');
      void ctx.store.ingest.recordFailure(name).catch(() => {});
    });
    worker.on('error', (err) => {
      if (!ctx.redisOutages?.noteError(err)) ctx.log.error({ queue: name, err: err.message }, 'worker error');
    });
    return worker;
  });
}

/**
 * Stops taking jobs and waits for running ones up to `graceMs`; after that it closes forcibly,
 * and the jobs still running are released to be picked up again as stalled (a retry, not a loss).
 */
export async function closeWorkers(workers: Worker[], graceMs = 25_000): Promise<void> {
  await Promise.all(workers.map(async (w) => {
    const closing = w.close().then(() => 'closed' as const, () => 'closed' as const);
    if ((await within(closing, graceMs)) === 'closed') return;
    // Jobs still running are told to stop (a digest leaves its run for another process to resume)
    // and given a moment to say so; then the close is forced. Forced close can itself wait on a
    // Redis that is gone; the process is stopping anyway.
    w.cancelAllJobs('shutting down');
    if ((await within(closing, 2_000)) === 'closed') return;
    await within(w.close(true).catch(() => {}), 2_000);
  }));
}

async function within<T>(work: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), ms); });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
