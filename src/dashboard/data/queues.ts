/** Queue depths, workers and the latest failed jobs, for the queues page and /api/queues. */
import type { Job } from 'bullmq';
import type { Queues } from '../../jobs/queues.js';
import { redactSecrets, redactValue } from '../../redact.js';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;

/** A failed job, as much as a person needs to see why. */
export interface FailedJob {
  id: string;
  name: string;
  failedReason: string;
  attemptsMade: number;
  finishedOn?: string;
  data: unknown;
}

export interface QueueSummary {
  name: string;
  counts: Record<string, number>;
  /** Workers connected to this queue anywhere (from Redis CLIENT LIST); null when unknown. */
  workers: number | null;
  failed: FailedJob[];
}

export async function queueCounts(queues: Queues): Promise<Record<string, Record<string, number>>> {
  const entries = await Promise.all(Object.entries(queues).map(async ([name, q]) => [name, await q.getJobCounts(...STATES)] as const));
  return Object.fromEntries(entries);
}

export async function summarizeQueues(queues: Queues, failedLimit = 10): Promise<QueueSummary[]> {
  return Promise.all(Object.entries(queues).map(async ([name, q]) => {
    const [counts, failed, workers] = await Promise.all([
      q.getJobCounts(...STATES),
      q.getFailed(0, failedLimit - 1),
      q.getWorkersCount().catch(() => null),
    ]);
    return { name, counts, workers, failed: failed.filter((j): j is Job => Boolean(j)).map(toFailed) };
  }));
}

/** A failed job as shown: its reason and payload may quote URLs with credentials, so both are redacted. */
function toFailed(job: Job): FailedJob {
  return {
    id: job.id ?? '',
    name: job.name,
    failedReason: redactSecrets(job.failedReason ?? ''),
    attemptsMade: job.attemptsMade,
    ...(job.finishedOn ? { finishedOn: new Date(job.finishedOn).toISOString() } : {}),
    data: redactValue(job.data),
  };
}

/** Workers on every queue: part of readiness. */
export async function workersRunning(queues: Queues): Promise<boolean> {
  const counts = await Promise.all(Object.values(queues).map((q) => q.getWorkersCount()));
  return counts.every((n) => n > 0);
}
