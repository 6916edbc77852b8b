/**
 * Digest delivery bookkeeping. Flagged matches wait in a pending set per (digest, channel).
 * A run claims them atomically into its own set per channel; a channel's delivery is recorded
 * when the channel confirms; a channel the run gives up on returns its members to pending, so
 * nothing is lost. Every write for a run goes through its owner's lease (run-lease.ts), and a
 * run with a channel still claimed stays in the open set until it is done, so a run whose
 * owner died is found and resumed under its own id.
 */
import type { Redis } from 'ioredis';
import { CLAIM_RUN, DEFER_RUN, MARK_DELIVERED, RECORD_FAILURE, RELEASE_CHANNEL } from './digest-scripts.js';
import type { Keys } from './keys.js';
import { LeaseLostError, RunLeases } from './run-lease.js';

export type ChannelRunStatus = 'claimed' | 'delivered' | 'failed' | 'empty';

export interface ChannelRun {
  status: ChannelRunStatus;
  /** Items delivered; while the channel is claimed or failed, the items it holds or held. */
  items: number;
  /** Failed attempts. */
  attempts: number;
  /** Messages of this delivery the channel already accepted (resume point for a retry). */
  parts: number;
  error?: string;
  deliveredAt?: string;
  /** Stories (entries) delivered. */
  entries?: number;
  /** Messages of the delivery. */
  messages?: number;
  /** Items over maxItems, back to pending for the next run. */
  heldBack?: number;
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

/** What a channel's confirmed delivery amounted to. */
export interface DeliveryReport {
  items: number;
  entries: number;
  messages: number;
  heldBack: number;
  detail: string;
}

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
   * The channel confirmed: remember `settled` item keys as delivered for this digest and close
   * the channel. `requeue` are entries the run held but did not send (over maxItems).
   */
  async markDelivered(owner: RunOwner, digest: string, channel: string, settled: string[], requeue: PendingEntry[], report: DeliveryReport): Promise<void> {
    const { runId, token } = owner;
    const now = new Date();
    await this.guarded(runId, MARK_DELIVERED, [
      this.keys.runLease(runId), this.keys.run(runId), this.keys.delivered(digest, channel), this.keys.pending(digest, channel),
      this.keys.runMembers(runId, channel), this.keys.openRuns,
    ], [
      token, channel, String(now.getTime()), now.toISOString(), String(this.retentionSeconds), runId, JSON.stringify(report),
      String(settled.length), ...settled, ...requeue.map((e) => `${e.watchlist}|${e.itemKey}`),
    ]);
  }

  /**
   * A delivery attempt failed; the entries stay claimed. `partsDelivered` counts the messages
   * the channel accepted, so the retry resumes after them; `resumeAfterMs` is when another
   * process may take the run over if nobody has. Returns the channel's failed attempts so far.
   */
  async recordAttemptFailure(owner: RunOwner, channel: string, error: string, partsDelivered: number, resumeAfterMs: number): Promise<number> {
    const { runId, token } = owner;
    return this.guarded(runId, RECORD_FAILURE, [this.keys.runLease(runId), this.keys.run(runId), this.keys.openRuns], [
      token, channel, error, String(partsDelivered), String(Math.round(resumeAfterMs)), runId,
    ]);
  }

  /** The run gives up on a channel: its entries go back to pending for the next run. */
  async releaseChannel(owner: RunOwner, digest: string, channel: string, error: string): Promise<void> {
    const { runId, token } = owner;
    await this.guarded(runId, RELEASE_CHANNEL, [
      this.keys.runLease(runId), this.keys.run(runId), this.keys.pending(digest, channel), this.keys.runMembers(runId, channel), this.keys.openRuns,
    ], [token, channel, error, String(this.retentionSeconds), runId]);
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
  const run: ChannelRun = {
    status,
    items: status === 'delivered' ? num('items') ?? 0 : num('claimed') ?? num('items') ?? 0,
    attempts: num('attempts') ?? 0,
    parts: num('parts') ?? 0,
  };
  const extra = { error: text('error'), deliveredAt: text('deliveredAt'), entries: num('entries'), messages: num('messages'), heldBack: num('heldBack'), detail: text('detail') };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) (run as unknown as Record<string, unknown>)[k] = v;
  return run;
}

function parseEntries(members: string[]): PendingEntry[] {
  return members.map((m) => {
    const bar = m.indexOf('|');
    return { watchlist: m.slice(0, bar), itemKey: m.slice(bar + 1) };
  });
}
