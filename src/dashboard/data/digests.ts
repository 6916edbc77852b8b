/** Digests with their run history, and the retry the digests page offers. */
import { digestByName } from '../../config/lookup.js';
import { digestSchedulerId, QUEUES } from '../../jobs/definitions.js';
import type { DigestRun } from '../../store/digest-store.js';
import { runDigest, type DigestResult } from '../../workers/send-digest.js';
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
    const row: DigestRow = { name, schedule: d.schedule, timezone: d.timezone, watchlists: d.watchlists, channels: d.channels, pending: pending.length, runs: redactValue(runs), failedChannels };
    if (scheduler?.next) row.nextRun = new Date(scheduler.next).toISOString();
    return row;
  }));
}

/**
 * Runs the digest now under a new manual run id. A failed channel's matches went back to
 * pending when its run gave up, so this resends them; channels that delivered already have
 * those items in their delivered set and send only what is new.
 */
export async function retryDigest(ctx: WorkerContext, name: string, now = new Date()): Promise<DigestResult> {
  const { config } = ctx.live.current();
  // Own keys only: "constructor" or "__proto__" must not reach the runner (or write its lease).
  if (!digestByName(config, name)) throw new RequestError(404, `no digest "${name}"`);
  return runDigest(ctx, config, name, `${name}-manual-${now.getTime()}`, now.toISOString(), true);
}
