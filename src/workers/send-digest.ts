/**
 * send-digest: one digest run. The run id is the digest's name plus its scheduled time, so a
 * retried or restarted job resumes the same run. Matches are claimed into the run per channel;
 * each channel is delivered and recorded on its own; a retry sends only to channels not yet
 * done, from the first message they had not accepted. On the last attempt a failing channel's
 * matches go back to pending for the next run: nothing is lost.
 *
 * The one window for a duplicate: a channel accepts the digest and the process dies before
 * markDelivered records it; the retry sends that channel's digest again.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import type { Config } from '../config/schema.js';
import { buildDigest } from '../digest/build-digest.js';
import type { Digest } from '../digest/types.js';
import { describeError, WirewatchError } from '../errors.js';
import type { SendDigestPayload } from '../jobs/definitions.js';
import { deliverDigest } from '../notify/deliver.js';
import type { DigestRun, PendingEntry } from '../store/digest-store.js';
import type { StoredItem, StoredMatch } from '../types.js';
import type { WorkerContext } from './context.js';

export interface DigestResult {
  runId: string;
  channels: Record<string, string>;
}

export function createSendDigestProcessor(ctx: WorkerContext) {
  return async (job: Job<SendDigestPayload>, _token?: string, signal?: AbortSignal): Promise<DigestResult> => {
    const { config } = ctx.live.current();
    const name = job.data.digest;
    if (!config.digests.digests[name]) throw new UnrecoverableError(`digest: no digest "${name}" in digests.yaml`);
    const scheduledMs = scheduledTime(job);
    const runId = job.data.runId ?? `${name}-${scheduledMs}`;
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return runDigest(ctx, config, name, runId, new Date(scheduledMs).toISOString(), lastAttempt, signal);
  };
}

/** Some channels of a run failed and a retry may help; the job's backoff honours retryAfterMs. */
export class DigestRetryError extends WirewatchError {
  constructor(failures: string[], readonly retryAfterMs: number) {
    super('digest', failures.join('; '));
  }
}

/** How long a run's lease lasts; it is renewed at a third of that while the run delivers. */
const LEASE_MS = 120_000;

/**
 * Claims, builds and delivers one run; throws when a channel failed and a retry may help.
 * On the last attempt, or when `signal` aborts it, nothing stays claimed: failed channels'
 * entries go back to pending.
 */
export async function runDigest(ctx: WorkerContext, config: Config, name: string, runId: string, scheduledFor: string, lastAttempt: boolean, signal?: AbortSignal): Promise<DigestResult> {
  const spec = config.digests.digests[name]!;
  const digests = ctx.store.digests;
  await digests.holdLease(runId, LEASE_MS);
  const renew = setInterval(() => { digests.holdLease(runId, LEASE_MS).catch(() => {}); }, LEASE_MS / 3);
  const outcome: Record<string, string> = {};
  try {
    const released = await digests.releaseAbandoned(name, runId);
    if (released.length) ctx.log.warn({ digest: name, released }, 'digest: took back entries of abandoned runs');
    const run = await digests.claimRun(name, runId, scheduledFor, spec.channels);
    if (!run) return { runId, channels: Object.fromEntries(spec.channels.map((c) => [c, 'empty'])) };
    return await deliverRun(ctx, config, run, spec.channels, outcome, lastAttempt, signal);
  } catch (err) {
    if (lastAttempt || signal?.aborted) await releaseUnfinished(ctx, name, runId, spec.channels, outcome, describeError(err));
    throw err;
  } finally {
    clearInterval(renew);
    await digests.dropLease(runId).catch(() => {});
  }
}

async function deliverRun(ctx: WorkerContext, config: Config, run: DigestRun, channels: string[], outcome: Record<string, string>, lastAttempt: boolean, signal?: AbortSignal): Promise<DigestResult> {
  const log = ctx.log.child({ digest: run.digest, runId: run.runId });
  const failures: string[] = [];
  let retryAfterMs = 0;
  for (const channel of channels) {
    const state = run.channels[channel];
    if (!state || state.status !== 'claimed') {
      outcome[channel] = state?.status ?? 'missing';
      continue;
    }
    try {
      outcome[channel] = await deliverChannel(ctx, config, run, channel, state.parts, signal);
      ctx.metrics.deliveries.inc({ channel, kind: 'digest', outcome: 'delivered' });
      log.info({ channel, result: outcome[channel] }, 'digest delivered');
    } catch (err) {
      const message = describeError(err);
      const { partsDelivered = 0, permanent = false, retryAfterMs: asked = 0 } = err as { partsDelivered?: number; permanent?: boolean; retryAfterMs?: number };
      await ctx.store.digests.recordAttemptFailure(run.runId, channel, message, partsDelivered);
      const final = lastAttempt || permanent || Boolean(signal?.aborted);
      if (final) await ctx.store.digests.releaseChannel(run.digest, run.runId, channel, message);
      log.warn({ channel, err: message, final }, 'digest delivery failed');
      ctx.metrics.deliveries.inc({ channel, kind: 'digest', outcome: 'failed' });
      outcome[channel] = `failed: ${message}`;
      failures.push(`${channel}: ${message}`);
      retryAfterMs = Math.max(retryAfterMs, asked);
    }
  }
  if (failures.length && !lastAttempt && !signal?.aborted) throw new DigestRetryError(failures, retryAfterMs);
  return { runId: run.runId, channels: outcome };
}

/** After an unexpected error: channels still claimed and not yet handled go back to pending. */
async function releaseUnfinished(ctx: WorkerContext, digest: string, runId: string, channels: string[], outcome: Record<string, string>, why: string): Promise<void> {
  const run = await ctx.store.digests.getRun(runId).catch(() => undefined);
  for (const channel of channels) {
    if (run?.channels[channel]?.status !== 'claimed' || channel in outcome) continue;
    await ctx.store.digests.releaseChannel(digest, runId, channel, why).catch(() => {});
  }
}

async function deliverChannel(ctx: WorkerContext, config: Config, run: DigestRun, channel: string, fromPart: number, signal?: AbortSignal): Promise<string> {
  const entries = await ctx.store.digests.runEntries(run.runId, channel);
  const { digest, missing } = await buildForEntries(ctx, config, run, entries);
  const requeue = entries.filter((e) => digest.deferredKeys.includes(e.itemKey));
  const settled = [...digest.itemKeys, ...digest.droppedKeys, ...missing];
  if (digest.itemKeys.length > 0) {
    await deliverDigest(channel, config.digests.channels[channel]!, digest, { fromPart, stdout: ctx.stdout, signal });
  }
  await ctx.store.digests.markDelivered(run.digest, run.runId, channel, settled, requeue);
  return digest.itemKeys.length > 0 ? `${digest.entryCount} entries, ${digest.itemKeys.length} items` : 'nothing to send';
}

/** Loads the run's items and matches and builds the digest. Entries whose records expired are reported as missing. */
export async function buildForEntries(ctx: WorkerContext, config: Config, run: { digest: string; runId: string; scheduledFor: string }, entries: PendingEntry[]): Promise<{ digest: Digest; missing: string[] }> {
  const spec = config.digests.digests[run.digest]!;
  const loaded: Array<{ item: StoredItem; match: StoredMatch }> = [];
  const missing: string[] = [];
  for (const e of entries) {
    const [item, match] = await Promise.all([ctx.store.items.get(e.itemKey), ctx.store.items.getMatch(e.watchlist, e.itemKey)]);
    if (item && match) loaded.push({ item, match });
    else missing.push(e.itemKey);
  }
  const watchlists = Object.fromEntries(spec.watchlists.map((w) => [w, { description: config.watchlists.watchlists[w]?.description }]));
  const digest = buildDigest({
    name: run.digest, runId: run.runId, scheduledFor: run.scheduledFor, timezone: spec.timezone,
    entries: loaded, watchlists, maxItems: spec.maxItems, minScore: spec.minScore, clusterThreshold: spec.clusterThreshold,
  });
  return { digest, missing };
}

/** The time the scheduler meant this run for (BullMQ keeps it as prevMillis), else when the job was made. */
function scheduledTime(job: Job): number {
  const prev = (job.opts as { prevMillis?: number }).prevMillis;
  if (typeof prev === 'number') return prev;
  const fromId = /:(\d+)$/.exec(job.id ?? '')?.[1];
  return fromId ? Number(fromId) : job.timestamp;
}
