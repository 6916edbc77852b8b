/**
 * Runs of a digest asked for outside its schedule (the dashboard's retry button): one
 * send-digest job with its run id chosen now, so the caller can answer with it at once. At
 * most one such job is waiting or running per digest (BullMQ deduplication): asking again
 * meanwhile, a double click, returns the run already queued.
 */
import type { Queue } from 'bullmq';
import { DIGEST_JOB_OPTIONS, QUEUES, type SendDigestPayload } from './definitions.js';
import { newRunId } from './run-id.js';

export interface QueuedRun {
  runId: string;
  jobId: string;
  /** False when a run of this digest was already queued, and that one is returned. */
  queued: boolean;
}

export async function enqueueDigestRun(queue: Queue, digest: string, now = Date.now()): Promise<QueuedRun> {
  const runId = newRunId(digest, now);
  const data: SendDigestPayload = { digest, runId };
  const job = await queue.add(QUEUES.sendDigest, data, { ...DIGEST_JOB_OPTIONS, deduplication: { id: `manual-${digest}` } });
  const stored = (await queue.getJob(job.id!))?.data as SendDigestPayload | undefined;
  const queuedRunId = stored?.runId ?? runId;
  return { runId: queuedRunId, jobId: job.id!, queued: queuedRunId === runId };
}
