/**
 * send-digest: one digest run (see digest-run.ts). A scheduled job's run id is built from the
 * digest, its scheduled time and its job id, so every attempt of the job works the same run; a
 * job enqueued by hand (the dashboard) or by the sweeper carries its run id in its data.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import { own } from '../config/lookup.js';
import { retryAfterBackoff } from '../jobs/backoff.js';
import type { SendDigestPayload } from '../jobs/definitions.js';
import { scheduledRunId } from '../jobs/run-id.js';
import type { WorkerContext } from './context.js';
import { runDigest, type DigestResult } from './digest-run.js';

export { buildForEntries, DigestRetryError, runDigest, type DigestResult } from './digest-run.js';

export function createSendDigestProcessor(ctx: WorkerContext) {
  return async (job: Job<SendDigestPayload>, _token?: string, signal?: AbortSignal): Promise<DigestResult> => {
    const { config } = ctx.live.current();
    const name = job.data.digest;
    if (typeof name !== 'string' || !own(config.digests.digests, name)) throw new UnrecoverableError(`digest: no digest "${String(name)}" in digests.yaml`);
    const scheduledMs = scheduledTime(job);
    const runId = typeof job.data.runId === 'string' ? job.data.runId : scheduledRunId(name, scheduledMs, job.id ?? String(job.timestamp));
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const retryInMs = lastAttempt ? undefined : Number(await retryAfterBackoff(job.attemptsMade + 1, 'retry-after', undefined, job));
    return runDigest(ctx, config, name, runId, new Date(scheduledMs).toISOString(), lastAttempt, signal, { resume: job.data.resume === true, retryInMs });
  };
}

/** The time the scheduler meant this run for (BullMQ keeps it as prevMillis), else when the job was made. */
function scheduledTime(job: Job): number {
  const prev = (job.opts as { prevMillis?: number }).prevMillis;
  if (typeof prev === 'number') return prev;
  const fromId = /:(\d+)$/.exec(job.id ?? '')?.[1];
  return fromId ? Number(fromId) : job.timestamp;
}
