/** Digests with their run history, and the retry the digests page offers. */
import { digestByName } from '../../config/lookup.js';
import { digestSchedulerId, QUEUES } from '../../jobs/definitions.js';
import type { DigestRun } from '../../store/digest-store.js';
import { enqueueDigestRun } from '../../jobs/enqueue.js';
import type { DashboardContext } from '../context.js';
import type { WorkerContext } from '../../workers/context.js';
import { redactValue } from '../../redact.js';
import { RequestError } from '../errors.js';

export interface DigestRow {
  name: string;
  schedule: string;
  timezone: string;
  watchlists: string[];
  channels: string[];
  /** Matches waiting for the next run (any channel). */
  pending: number;
  /** Newest first. */
  runs: DigestRun[];
  /** Channels whose delivery failed in the newest run: what a retry would resend. */
  failedChannels: string[];
  /** When the scheduler runs it next (ISO), if it is scheduled. */
  nextRun?: string;
}

export async function listDigests(ctx: WorkerContext, runLimit = 10): Promise<DigestRow[]> {
  const { config } = ctx.live.current();
  return Promise.all(Object.entries(config.digests.digests).map(async ([name, d]) => {
    const [pending, runs, scheduler] = await Promise.all([
      ctx.store.digests.previewPending(name, d.channels),
      ctx.store.digests.listRuns(name, runLimit),
      ctx.queues[QUEUES.sendDigest].getJobScheduler(digestSchedulerId(name)).catch(() => undefined),
    ]);
    const latest = runs[0];
    const failedChannels = latest ? Object.entries(latest.channels).filter(([, c]) => c.status === 'failed').map(([ch]) => ch) : [];
    // Delivery errors quote webhook URLs, whose path or query is often the secret.
    const ordered = runs.map((r) => ({ ...r, channels: inChannelOrder(r.channels, d.channels) }));
    const row: DigestRow = { name, schedule: d.schedule, timezone: d.timezone, watchlists: d.watchlists, channels: d.channels, pending: pending.length, runs: redactValue(ordered), failedChannels };
    if (scheduler?.next) row.nextRun = new Date(scheduler.next).toISOString();
    return row;
  }));
}

/** A run's channels in the digest's order, then any the digest no longer has. */
export function inChannelOrder<T>(channels: Record<string, T>, order: string[]): Record<string, T> {
  const rank = (c: string) => (order.includes(c) ? order.indexOf(c) : order.length);
  return Object.fromEntries(Object.entries(channels).sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : 1)));
}

/**
 * Asks for a run of the digest now: one send-digest job for the workers, answered at once
 * with its run id (the dashboard runs no job). A failed channel's matches went back to pending
 * when its run gave up, so the run resends them; channels that delivered already send only
 * what is new. While a run asked for this way waits or runs, asking again returns that one.
 */
export async function retryDigest(ctx: DashboardContext, name: string, now = new Date()): Promise<RetryResult> {
  const { config } = ctx.live.current();
  // Own keys only: "constructor" or "__proto__" must not reach a queue.
  if (!digestByName(config, name)) throw new RequestError(404, `no digest "${name}"`);
  const run = await enqueueDigestRun(ctx.queues[QUEUES.sendDigest], name, now.getTime());
  return { runId: run.runId, jobId: run.jobId, status: run.queued ? 'queued' : 'already queued' };
}

export interface RetryResult {
  runId: string;
  jobId: string;
  /** `already queued` when a run asked for earlier has not finished yet: its id is returned. */
  status: 'queued' | 'already queued';
}
