/**
 * One digest run, worked by the one process that holds its lease: claim what is pending for
 * each channel (atomically, so two runs started at once make one), then deliver channel by
 * channel, checking the lease before each channel and before recording a delivery. A second
 * process that finds the run held leaves it. A run left unfinished (its owner died, was
 * stopped, or lost a message in an uncertain way) stays claimed and is resumed under the same
 * run id, so the receiver sees the same delivery ids; entries go back to pending only when the
 * run gives up on a channel that is known not to have taken them (the messages it accepted
 * before count as delivered).
 */
import type { Config } from '../config/schema.js';
import { own } from '../config/lookup.js';
import { describeError, WirewatchError } from '../errors.js';
import { channelFor } from '../notify/channels.js';
import { DeliveryError } from '../notify/delivery-error.js';
import type { ChannelRun, DigestRun, SentEntry } from '../store/digest-store.js';
import { LeaseLostError } from '../store/run-lease.js';
import type { WorkerContext } from './context.js';
import { buildChannel, entriesSent, partSignature, sendChannel, UnknownDigestError, type ChannelBuild, type ResumePoint } from './digest-channel.js';
import { describeOutcome, type ChannelOutcome } from './digest-outcome.js';
import { RunOwnership } from './run-owner.js';

export type { ChannelOutcome } from './digest-outcome.js';
export { buildForEntries, UnknownDigestError } from './digest-channel.js';

export interface DigestResult {
  runId: string;
  /** One line per channel: `3 entries, 5 items`, `empty`, `failed: ...`, `taken: ...`. */
  channels: Record<string, string>;
  /** The same, as data: what each channel got and where it went. */
  report: Record<string, ChannelOutcome>;
}

/** Some channels of a run failed and a retry may help; the job's backoff honours retryAfterMs. */
export class DigestRetryError extends WirewatchError {
  constructor(failures: string[], readonly retryAfterMs: number) {
    super('digest', failures.join('; '));
  }
}

/** Attempts a channel gets in one run before it is given up (its untaken entries back to pending). */
export const MAX_CHANNEL_ATTEMPTS = 6;
/** How long past its own retry a run waits before another process may resume it. */
const RESUME_GRACE_MS = 30_000;

export interface RunOptions {
  /** Resume an existing run only (the sweeper's jobs): a run that no longer exists is left alone. */
  resume?: boolean;
  /** When the runner's own retry comes (BullMQ's backoff), if one does. */
  retryInMs?: number;
}

/**
 * Claims, builds and delivers one run. With `lastAttempt` false a failing channel throws
 * DigestRetryError for the job's retry; with it true a channel that surely did not take the
 * digest goes back to pending at once, and one that may have is left for a resume.
 */
export async function runDigest(
  ctx: WorkerContext, config: Config, name: string, runId: string, scheduledFor: string, lastAttempt: boolean, signal?: AbortSignal, options: RunOptions = {},
): Promise<DigestResult> {
  const spec = own(config.digests.digests, name);
  if (!spec) throw new UnknownDigestError(name);
  const owner = await RunOwnership.take(ctx.store, runId, signal);
  if (!owner) return allChannels(runId, spec.channels, { status: 'taken', error: 'another process is delivering this run' });
  try {
    if (options.resume && !(await ctx.store.digests.getRun(runId))) return { runId, channels: {}, report: {} };
    const run = await ctx.store.digests.claimRun(name, runId, scheduledFor, spec.channels);
    if (!run) return allChannels(runId, spec.channels, { status: 'empty' });
    return await deliverRun(ctx, config, run, owner, lastAttempt, options);
  } finally {
    await owner.release();
  }
}

function allChannels(runId: string, channels: string[], outcome: ChannelOutcome): DigestResult {
  const report = Object.fromEntries(channels.map((c) => [c, outcome]));
  return { runId, report, channels: Object.fromEntries(channels.map((c) => [c, describeOutcome(outcome)])) };
}

async function deliverRun(ctx: WorkerContext, config: Config, run: DigestRun, owner: RunOwnership, lastAttempt: boolean, options: RunOptions): Promise<DigestResult> {
  const spec = own(config.digests.digests, run.digest)!;
  const report: Record<string, ChannelOutcome> = {};
  const failures: string[] = [];
  let retryAfterMs = 0;
  // Channels of the digest, then any the run still holds that left it (a config change).
  for (const channel of new Set([...spec.channels, ...Object.keys(run.channels)])) {
    const state = run.channels[channel];
    if (state?.status !== 'claimed') {
      report[channel] = { status: state?.status ?? 'empty', ...(state?.status === 'delivered' ? { items: state.items } : {}) };
    } else if (owner.signal.aborted) {
      report[channel] = owner.isLost ? TAKEN_OVER : await leaveUnfinished(ctx, owner);
    } else if (!spec.channels.includes(channel) || !channelFor(config, channel)) {
      await ctx.store.digests.releaseChannel(owner, run.digest, channel, 'channel no longer in the digest');
      report[channel] = { status: 'failed', error: 'channel no longer in the digest' };
    } else {
      const attempt = await attemptChannel({ ctx, config, run, channel, state, owner, lastAttempt, options });
      report[channel] = attempt.outcome;
      if (attempt.retry) {
        failures.push(`${channel}: ${attempt.outcome.error}`);
        retryAfterMs = Math.max(retryAfterMs, attempt.retryAfterMs);
      }
    }
  }
  const result = { runId: run.runId, report, channels: Object.fromEntries(Object.entries(report).map(([c, o]) => [c, describeOutcome(o)])) };
  if (failures.length && !lastAttempt && !owner.signal.aborted) throw new DigestRetryError(failures, retryAfterMs);
  return result;
}

/** One claimed channel of the run, and how its attempt is to be run. */
interface Attempt {
  ctx: WorkerContext;
  config: Config;
  run: DigestRun;
  channel: string;
  state: ChannelRun;
  owner: RunOwnership;
  lastAttempt: boolean;
  options: RunOptions;
}

/** One try at one claimed channel: delivered, or a failure recorded (retry says the runner's retry should come). */
async function attemptChannel(attempt: Attempt): Promise<{ outcome: ChannelOutcome; retry: boolean; retryAfterMs: number }> {
  let a = attempt;
  const { ctx, config, run, channel, state, owner } = a;
  const log = ctx.log.child({ digest: run.digest, runId: run.runId, channel });
  let build: ChannelBuild | undefined;
  try {
    await owner.check();
    build = await buildChannel(ctx, config, run, channel);
    const from = await resumePoint(a, build);
    // A failure below is counted from this point (a restarted delivery accepted nothing yet).
    if (from.fromPart !== state.parts) a = { ...a, state: { ...state, parts: from.fromPart, partSig: undefined } };
    const outcome = await sendChannel(ctx, config, run, channel, build, from, owner);
    ctx.metrics.deliveries.inc({ channel, kind: 'digest', outcome: 'delivered' });
    log.info({ result: describeOutcome(outcome) }, 'digest delivered');
    return { outcome, retry: false, retryAfterMs: 0 };
  } catch (err) {
    if (err instanceof LeaseLostError || owner.isLost) {
      log.warn('digest: lease lost; leaving the run to the process that holds it');
      return { outcome: TAKEN_OVER, retry: false, retryAfterMs: 0 };
    }
    if (owner.signal.aborted) return { outcome: await leaveUnfinished(ctx, owner), retry: false, retryAfterMs: 0 };
    const failed = await recordFailure(a, err, build);
    ctx.metrics.deliveries.inc({ channel, kind: 'digest', outcome: 'failed' });
    log.warn({ err: failed.outcome.error, final: failed.final }, 'digest delivery failed');
    return { outcome: failed.outcome, retry: !failed.final, retryAfterMs: failed.retryAfterMs };
  }
}

/**
 * Resumes after the messages the channel accepted when they still carry what they carried
 * then; otherwise (an item expired, the digest's settings changed) resuming would skip entries
 * never sent, so the delivery starts again from its first message under a new revision of its
 * id: what the old messages carried may reach the receiver twice, under two ids, but nothing
 * is lost.
 */
async function resumePoint(a: Attempt, build: ChannelBuild): Promise<ResumePoint> {
  const { state } = a;
  if (state.parts === 0 || state.partSig === partSignature(build, state.parts)) return { fromPart: state.parts, revision: state.revision ?? 0 };
  const revision = await a.ctx.store.digests.restartChannel(a.owner, a.channel);
  a.ctx.log.warn({ digest: a.run.digest, runId: a.run.runId, channel: a.channel, revision }, 'digest: what the accepted messages carried changed; sending the delivery again from its first message under a new id');
  return { fromPart: 0, revision };
}

const TAKEN_OVER: ChannelOutcome = { status: 'taken', error: 'lease lost; another process took the run over' };

/** Stopped mid-run (shutdown, Ctrl-C): the run stays claimed for another process to resume now. */
async function leaveUnfinished(ctx: WorkerContext, owner: RunOwnership): Promise<ChannelOutcome> {
  await ctx.store.digests.deferRun(owner, Date.now()).catch(() => undefined);
  return { status: 'interrupted', error: 'stopped before delivering; the run will be resumed under the same id' };
}

interface Failure {
  outcome: ChannelOutcome;
  final: boolean;
  retryAfterMs: number;
}

/**
 * Counts a failed attempt and decides: give the channel up when the channel refused for good,
 * the attempts are spent, or no retry is coming and the channel surely did not take the
 * message; otherwise keep it claimed for a retry or a resume. Only the channel's own refusal
 * can be sure: any other error (Redis failing between the send and its record, a bug) may come
 * after the channel took the digest, so the run keeps it. Giving up keeps as delivered what
 * the messages the channel accepted carried; only the rest goes back to pending.
 */
async function recordFailure(a: Attempt, err: unknown, build: ChannelBuild | undefined): Promise<Failure> {
  const { ctx, run, channel, state, owner, lastAttempt, options } = a;
  const message = describeError(err);
  const refused = err instanceof DeliveryError;
  const e = err as { partsDelivered?: number; permanent?: boolean; retryAfterMs?: number; maybeAccepted?: boolean };
  const asked = e.retryAfterMs ?? 0;
  const failures = state.failures + 1;
  // Counted from the delivery's first message, across every attempt of the run.
  const parts = Math.max(state.parts, e.partsDelivered ?? 0);
  const resumeAt = lastAttempt || !refused
    ? Date.now() + Math.max(asked, resumeBackoffMs(failures))
    : Date.now() + Math.max(asked, options.retryInMs ?? 0) + RESUME_GRACE_MS;
  await ctx.store.digests.recordAttemptFailure(owner, channel, message, parts, resumeAt, build && parts > 0 ? partSignature(build, parts) : '');
  const surelyRefused = refused && !e.maybeAccepted;
  const final = failures >= MAX_CHANNEL_ATTEMPTS || (surelyRefused && (Boolean(e.permanent) || lastAttempt));
  if (final) await ctx.store.digests.releaseChannel(owner, run.digest, channel, message, await acceptedEntries(a, build, parts));
  const error = final || (!lastAttempt && refused) ? message : `${message} (resumed later under the same run id)`;
  return { outcome: { status: final ? 'failed' : 'retrying', error, attempts: failures }, final, retryAfterMs: asked };
}

/** The entries of the first `parts` messages, built again if the attempt failed before it built them. */
async function acceptedEntries(a: Attempt, build: ChannelBuild | undefined, parts: number): Promise<SentEntry[]> {
  if (parts === 0) return [];
  if (build) return entriesSent(build, parts);
  // Built again: only when its first messages are the ones accepted can their entries be told;
  // otherwise (or without a build) all go back to pending, a repeat rather than a loss.
  const built = await buildChannel(a.ctx, a.config, a.run, a.channel).catch(() => undefined);
  return built && partSignature(built, parts) === a.state.partSig ? entriesSent(built, parts) : [];
}

/** When a run with no retry of its own is resumed after a failed attempt: 10 s, doubling, at most 10 min. */
function resumeBackoffMs(attempts: number): number {
  return Math.min(600_000, 10_000 * 2 ** Math.max(0, attempts - 1));
}
