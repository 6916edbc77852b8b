/**
 * Digest delivery bookkeeping. Flagged matches wait in a pending set per (digest, channel).
 * A run claims them atomically into its own set per channel; a channel's delivery is recorded
 * when the channel confirms, with the entries each message carried; a channel the run gives up
 * on keeps as delivered what its accepted messages carried and returns the rest to pending, so
 * nothing is lost and nothing it took is sent again. Every write for a run goes through its owner's lease (run-lease.ts), and a
 * run with a channel still claimed stays in the open set until it is done, so a run whose
 * owner died is found and resumed under its own id.
 */
import type { Redis } from 'ioredis';
import { CLAIM_RUN, DEFER_RUN, MARK_DELIVERED, RECORD_FAILURE, RELEASE_CHANNEL, RESTART_CHANNEL } from './digest-scripts.js';
import type { Keys } from './keys.js';
import { LeaseLostError, RunLeases } from './run-lease.js';

export type ChannelRunStatus = 'claimed' | 'delivered' | 'failed' | 'empty';

export interface ChannelRun {
  status: ChannelRunStatus;
  /** Items the run took for this channel. */
  claimed: number;
  /**
   * Items delivered: all the channel took when delivered; when given up, those of the messages
   * it accepted; 0 while claimed.
   */
  items: number;
  /** Attempts at delivering: the failed ones, and the one that delivered. */
  attempts: number;
  /** Failed attempts (what MAX_CHANNEL_ATTEMPTS counts). */
  failures: number;
  /** Messages of this delivery the channel already accepted (resume point for a retry). */
  parts: number;
  /** What those messages carried (a signature of their item keys), to tell whether a rebuild still matches. */
  partSig?: string;
  /** Times the delivery started again from its first message (the delivery id's `.r<N>`). */
  revision?: number;
  error?: string;
  deliveredAt?: string;
  /** Stories (entries) delivered. */
  entries?: number;
  /** Messages of the delivery. */
  messages?: number;
  /** Items over maxItems, back to pending for the next run. */
  heldBack?: number;
  /** Items this digest will never send (under minScore, or their records expired). */
  skipped?: number;
  /** Items given back to pending when the run gave the channel up. */
  returned?: number;
  /** Where it went: the file written, the host, the message id. */
  detail?: string;
}

export interface DigestRun {
  runId: string;
  digest: string;
  scheduledFor: string;
  createdAt: string;
  channels: Record<string, ChannelRun>;
}

/** A pending entry: a watch-list's match on an item. */
export interface PendingEntry {
  watchlist: string;
  itemKey: string;
}

/** An entry a channel took, with the message of the delivery that carried it (from 1). */
export interface SentEntry extends PendingEntry {
  part: number;
}

/** What a channel's confirmed delivery amounted to. */
export interface DeliveryReport {
  items: number;
  entries: number;
  messages: number;
  heldBack: number;
  skipped: number;
  detail: string;
}

/** What a confirmed delivery settles, besides its report. */
export interface DeliveredLists {
  /** Item keys the digest is done with: sent, under minScore, or expired. */
  settled: string[];
  /** Entries the run held but did not send (over maxItems): back to pending. */
  requeue: PendingEntry[];
  /** Entries sent, in sending order. */
  sent: SentEntry[];
}

/** Parts and positions share one score in a run's sent set: part * PART_SCALE + position. */
const PART_SCALE = 1_000_000;

/** A run's owner: its id and the lease token every write is checked against. */
export interface RunOwner {
  runId: string;
  token: string;
}

export class DigestStore {
  readonly leases: RunLeases;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly retentionSeconds: number,
  ) {
    this.leases = new RunLeases(redis, keys);
  }

  /**
   * Creates the run (once) and claims, in one atomic step, each channel's pending entries into
   * it. Returns undefined, creating nothing, when the run is new and nothing is pending.
   */
  async claimRun(digest: string, runId: string, scheduledFor: string, channels: string[]): Promise<DigestRun | undefined> {
    const keys = [this.keys.run(runId), this.keys.runs(digest), this.keys.openRuns];
    for (const c of channels) keys.push(this.keys.pending(digest, c), this.keys.runMembers(runId, c), this.keys.delivered(digest, c));
    const now = new Date();
    const made = await this.redis.eval(
      CLAIM_RUN, keys.length, ...keys,
      digest, runId, scheduledFor, String(Date.parse(scheduledFor) || now.getTime()), now.toISOString(), String(now.getTime()),
      String(this.retentionSeconds), ...channels,
    );
    return made === 1 ? this.getRun(runId) : undefined;
  }

  /** The entries a channel of a run must deliver. */
  async runEntries(runId: string, channel: string): Promise<PendingEntry[]> {
    return parseEntries(await this.redis.smembers(this.keys.runMembers(runId, channel)));
  }

  /**
   * The channel confirmed: record what it was sent, remember the settled item keys as delivered
   * for this digest, requeue what was held back, and close the channel.
   */
  async markDelivered(owner: RunOwner, digest: string, channel: string, lists: DeliveredLists, report: DeliveryReport): Promise<void> {
    const { runId, token } = owner;
    const now = new Date();
    const json = JSON.stringify({ settled: lists.settled, requeue: lists.requeue.map(member), sent: sentPairs(lists.sent) });
    await this.guarded(runId, MARK_DELIVERED, [
      this.keys.runLease(runId), this.keys.run(runId), this.keys.delivered(digest, channel), this.keys.pending(digest, channel),
      this.keys.runMembers(runId, channel), this.keys.openRuns, this.keys.runSent(runId, channel),
    ], [token, channel, String(now.getTime()), now.toISOString(), String(this.retentionSeconds), runId, JSON.stringify(report), json]);
  }

  /**
   * A delivery attempt failed; the entries stay claimed. `partsDelivered` counts the messages
   * the channel accepted, so the retry resumes after them; `resumeAfterMs` is when another
   * process may take the run over if nobody has. Returns the channel's failed attempts so far.
   */
  async recordAttemptFailure(owner: RunOwner, channel: string, error: string, partsDelivered: number, resumeAfterMs: number, partSig = ''): Promise<number> {
    const { runId, token } = owner;
    return this.guarded(runId, RECORD_FAILURE, [this.keys.runLease(runId), this.keys.run(runId), this.keys.openRuns], [
      token, channel, error, String(partsDelivered), String(Math.round(resumeAfterMs)), runId, partSig,
    ]);
  }

  /** The channel's delivery starts again from its first message under a new revision; returns it. */
  async restartChannel(owner: RunOwner, channel: string): Promise<number> {
    const { runId, token } = owner;
    return this.guarded(runId, RESTART_CHANNEL, [this.keys.runLease(runId), this.keys.run(runId)], [token, channel]);
  }

  /**
   * The run gives up on a channel: `accepted`, the entries of the messages the channel took,
   * are recorded as sent and delivered; every other entry goes back to pending for the next run.
   */
  async releaseChannel(owner: RunOwner, digest: string, channel: string, error: string, accepted: SentEntry[] = []): Promise<void> {
    const { runId, token } = owner;
    await this.guarded(runId, RELEASE_CHANNEL, [
      this.keys.runLease(runId), this.keys.run(runId), this.keys.pending(digest, channel), this.keys.runMembers(runId, channel), this.keys.openRuns,
      this.keys.delivered(digest, channel), this.keys.runSent(runId, channel),
    ], [token, channel, error, String(this.retentionSeconds), runId, String(Date.now()), JSON.stringify(sentPairs(accepted))]);
  }

  /** What one channel of a run was sent, in sending order (empty once the run's record expired). */
  async sentEntries(runId: string, channel: string): Promise<SentEntry[]> {
    const flat = await this.redis.zrange(this.keys.runSent(runId, channel), '0', '-1', 'WITHSCORES');
    const out: SentEntry[] = [];
    for (let i = 0; i < flat.length; i += 2) {
      const [entry] = parseEntries([flat[i]!]);
      out.push({ ...entry!, part: Math.floor(Number(flat[i + 1]) / PART_SCALE) });
    }
    return out;
  }

  /** The owner lets the run go unfinished; another process may resume it from `resumeAfterMs`. */
  async deferRun(owner: RunOwner, resumeAfterMs: number): Promise<void> {
    await this.guarded(owner.runId, DEFER_RUN, [this.keys.runLease(owner.runId), this.keys.openRuns], [owner.token, String(Math.round(resumeAfterMs)), owner.runId]);
  }

  /**
   * Runs with a channel still claimed, due for resumption and held by nobody: their owner died
   * or gave them up. Runs whose record expired leave the open set here.
   */
  async abandonedRuns(now = Date.now(), limit = 100): Promise<Array<{ runId: string; digest: string }>> {
    const ids = await this.redis.zrangebyscore(this.keys.openRuns, '-inf', now, 'LIMIT', 0, limit);
    if (ids.length === 0) return [];
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.exists(this.keys.runLease(id)).hget(this.keys.run(id), 'digest');
    const results = (await pipe.exec()) ?? [];
    const out: Array<{ runId: string; digest: string }> = [];
    const gone: string[] = [];
    ids.forEach((runId, i) => {
      const held = results[2 * i]?.[1] === 1;
      const digest = results[2 * i + 1]?.[1] as string | null;
      if (!digest) gone.push(runId);
      else if (!held) out.push({ runId, digest });
    });
    if (gone.length) await this.redis.zrem(this.keys.openRuns, ...gone);
    return out;
  }

  /** One process a round looks for abandoned runs: true when this one has the turn. */
  async takeSweepTurn(ms: number): Promise<boolean> {
    return (await this.redis.set(this.keys.runSweep, '1', 'PX', ms, 'NX')) === 'OK';
  }

  /** What the next run would claim: pending entries of any of the channels, not yet delivered there. */
  async previewPending(digest: string, channels: string[]): Promise<PendingEntry[]> {
    const seen = new Set<string>();
    for (const channel of channels) {
      const members = await this.redis.smembers(this.keys.pending(digest, channel));
      if (members.length === 0) continue;
      const scores = await this.redis.zmscore(this.keys.delivered(digest, channel), ...members.map((m) => m.slice(m.indexOf('|') + 1)));
      members.forEach((m, i) => { if (scores[i] === null) seen.add(m); });
    }
    return parseEntries([...seen]);
  }

  async getRun(runId: string): Promise<DigestRun | undefined> {
    const hash = await this.redis.hgetall(this.keys.run(runId));
    if (!hash.digest) return undefined;
    const channels: Record<string, ChannelRun> = {};
    for (const [field, value] of Object.entries(hash)) {
      if (field.startsWith('status:')) channels[field.slice('status:'.length)] = channelRun(hash, field.slice('status:'.length), value as ChannelRunStatus);
    }
    return { runId, digest: hash.digest, scheduledFor: hash.scheduledFor ?? '', createdAt: hash.createdAt ?? '', channels };
  }

  /** Newest runs of a digest first. */
  async listRuns(digest: string, limit = 20): Promise<DigestRun[]> {
    const ids = await this.redis.zrevrange(this.keys.runs(digest), 0, limit - 1);
    const runs = await Promise.all(ids.map((id) => this.getRun(id)));
    return runs.filter((r): r is DigestRun => r !== undefined);
  }

  /** Item keys a digest's channel has already delivered (for tests and the dashboard). */
  async deliveredKeys(digest: string, channel: string): Promise<string[]> {
    return this.redis.zrange(this.keys.delivered(digest, channel), '0', '-1');
  }

  /** Runs a guarded script; a lease that is no longer the caller's stops the run. */
  private async guarded(runId: string, script: string, keys: string[], args: string[]): Promise<number> {
    const result = Number(await this.redis.eval(script, keys.length, ...keys, ...args));
    if (result === -1) throw new LeaseLostError(runId);
    return result;
  }
}

function channelRun(hash: Record<string, string>, ch: string, status: ChannelRunStatus): ChannelRun {
  const num = (field: string) => (hash[`${field}:${ch}`] === undefined ? undefined : Number(hash[`${field}:${ch}`]));
  const text = (field: string) => hash[`${field}:${ch}`] || undefined;
  const failures = num('attempts') ?? 0;
  const run: ChannelRun = {
    status,
    claimed: num('claimed') ?? 0,
    items: status === 'claimed' ? 0 : num('items') ?? 0,
    // The store counts failures; the attempt that delivered is one more.
    attempts: failures + (status === 'delivered' ? 1 : 0),
    failures,
    parts: num('parts') ?? 0,
  };
  const extra = {
    error: text('error'), deliveredAt: text('deliveredAt'), entries: num('entries'), messages: num('messages'), heldBack: num('heldBack'),
    skipped: num('skipped'), returned: num('returned'), detail: text('detail'), partSig: text('partsig'), revision: num('revision'),
  };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) (run as unknown as Record<string, unknown>)[k] = v;
  return run;
}

const member = (e: PendingEntry) => `${e.watchlist}|${e.itemKey}`;

/** [member, score] pairs of a run's sent set: the part, then the position in sending order. */
function sentPairs(sent: SentEntry[]): Array<[string, string]> {
  return sent.map((e, i) => [member(e), String(e.part * PART_SCALE + i)]);
}

function parseEntries(members: string[]): PendingEntry[] {
  return members.map((m) => {
    const bar = m.indexOf('|');
    return { watchlist: m.slice(0, bar), itemKey: m.slice(bar + 1) };
  });
}
