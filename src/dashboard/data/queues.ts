/**
 * Queues for the queues pages and /api/queues: depths, workers, jobs by state a page at a
 * time, one job in full (data, error, stack per attempt), and the two actions the dashboard
 * may take on a job: put a failed job back in its queue, or remove one that is not running.
 * Neither runs a job; the workers do.
 */
import type { Job } from 'bullmq';
import { ALL_QUEUES, type QueueName } from '../../jobs/definitions.js';
import type { Queues } from '../../jobs/queues.js';
import { redactSecrets, redactValue } from '../../redact.js';
import { RequestError } from '../errors.js';

export const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;
export type JobState = (typeof STATES)[number];

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

/** A job in a list: when it was added, ran and ended, how many tries, why it failed. */
export interface JobRow {
  id: string;
  name: string;
  addedAt: string;
  processedAt?: string;
  finishedAt?: string;
  attemptsMade: number;
  attempts: number;
  failedReason?: string;
  /** Made by a job scheduler (a feed's poll, a digest's run): the scheduler owns it. */
  scheduled: boolean;
  data: unknown;
}

/** One job in full. */
export interface JobDetail extends JobRow {
  queue: string;
  state: string;
  /** The stack of each failed attempt, oldest first. */
  stacktrace: string[];
  /** Delay before it may run, ms. */
  delay: number;
  returnValue?: unknown;
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

/** The queue a page names, or a 404 that says which exist. */
export function queueNamed(queues: Queues, name: string): Queues[QueueName] {
  if (!ALL_QUEUES.includes(name as QueueName)) throw new RequestError(404, `no queue "${name}" (queues: ${ALL_QUEUES.join(', ')})`);
  return queues[name as QueueName];
}

export function parseState(value: unknown): JobState {
  if (value === undefined || value === '') return 'failed';
  if (!STATES.includes(value as JobState)) throw new RequestError(400, `bad state "${String(value)}" (${STATES.join(', ')})`);
  return value as JobState;
}

/** Jobs of one state, newest first, a page at a time (1-based). */
export async function listJobs(queues: Queues, name: string, state: JobState, page: number, pageSize: number): Promise<{ jobs: JobRow[]; total: number }> {
  const q = queueNamed(queues, name);
  const start = (page - 1) * pageSize;
  const [jobs, counts] = await Promise.all([q.getJobs([state], start, start + pageSize - 1, false), q.getJobCounts(state)]);
  return { jobs: jobs.filter((j): j is Job => Boolean(j)).map(toRow), total: counts[state] ?? 0 };
}

const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : undefined);

function toRow(job: Job): JobRow {
  const row: JobRow = { id: job.id ?? '', name: job.name, addedAt: new Date(job.timestamp).toISOString(), attemptsMade: job.attemptsMade, attempts: job.opts.attempts ?? 1, scheduled: Boolean(job.repeatJobKey), data: job.data };
  if (job.processedOn) row.processedAt = iso(job.processedOn);
  if (job.finishedOn) row.finishedAt = iso(job.finishedOn);
  if (job.failedReason) row.failedReason = job.failedReason;
  return row;
}

async function findJob(queues: Queues, name: string, id: string): Promise<Job> {
  const job = await queueNamed(queues, name).getJob(id);
  if (!job) throw new RequestError(404, `no job "${id}" in ${name} (finished jobs are kept for a while, then removed)`);
  return job;
}

export async function jobDetail(queues: Queues, name: string, id: string): Promise<JobDetail> {
  const job = await findJob(queues, name, id);
  const state = await job.getState();
  return { ...toRow(job), queue: name, state, stacktrace: job.stacktrace ?? [], delay: job.opts.delay ?? 0, ...(job.returnvalue !== undefined && job.returnvalue !== null ? { returnValue: job.returnvalue } : {}) };
}

/** Moves a failed job back to waiting; a worker runs it when its turn comes. */
export async function retryJob(queues: Queues, name: string, id: string): Promise<void> {
  const job = await findJob(queues, name, id);
  const state = await job.getState();
  if (state !== 'failed') throw new RequestError(409, `job "${id}" is ${state}; only a failed job can be retried`);
  await job.retry('failed');
}

/** Removes a job that is not running (a running one is its worker's until it ends). */
export async function removeJob(queues: Queues, name: string, id: string): Promise<void> {
  const job = await findJob(queues, name, id);
  const state = await job.getState();
  if (state === 'active') throw new RequestError(409, `job "${id}" is running; it can be removed once it has finished or failed`);
  try {
    await job.remove();
  } catch (err) {
    // BullMQ refuses, for one, the next run of a job scheduler: the schedule owns it.
    throw new RequestError(409, `job "${id}" cannot be removed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
