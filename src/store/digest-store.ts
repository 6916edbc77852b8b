/**
 * Digest delivery bookkeeping. Flagged matches wait in a pending set per (digest, channel).
 * A run claims them atomically into its own set per channel; a channel's delivery is recorded
 * when the channel confirms; a failed channel's members go back to pending, so nothing is lost,
 * and a retried run resends only to channels not yet done.
 */
import type { Redis } from 'ioredis';
import type { Keys } from './keys.js';

export type ChannelRunStatus = 'claimed' | 'delivered' | 'failed' | 'empty';

export interface ChannelRun {
  status: ChannelRunStatus;
  items: number;
  attempts: number;
  /** Messages of this delivery the channel already accepted (resume point for a retry). */
  parts: number;
  error?: string;
  deliveredAt?: string;
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

// KEYS: run hash, pending set, run members set, delivered set. ARGV: channel, now ISO, ttl s.
// Moves the channel's pending entries not yet delivered into the run, once: a retry of the same
// run finds the channel already claimed and keeps what it has.
const CLAIM_SCRIPT = `
local field = 'status:' .. ARGV[1]
if redis.call('HEXISTS', KEYS[1], field) == 1 then return redis.call('HGET', KEYS[1], field) end
local n = 0
for _, m in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local key = string.match(m, '|(.*)$')
  if redis.call('ZSCORE', KEYS[4], key) == false then
    redis.call('SADD', KEYS[3], m)
    n = n + 1
  end
end
redis.call('DEL', KEYS[2])
redis.call('EXPIRE', KEYS[3], ARGV[3])
local status = n > 0 and 'claimed' or 'empty'
redis.call('HSET', KEYS[1], field, status, 'items:' .. ARGV[1], n, 'attempts:' .. ARGV[1], 0)
return status
`;

export class DigestStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly retentionSeconds: number,
  ) {}

  /**
   * Creates the run (once) and claims each channel's pending entries into it. Returns
   * undefined, creating nothing, when the run is new and nothing is pending: a schedule that
   * fires every minute must not leave a record a minute.
   */
  async claimRun(digest: string, runId: string, scheduledFor: string, channels: string[]): Promise<DigestRun | undefined> {
    const runKey = this.keys.run(runId);
    const now = new Date().toISOString();
    if (!(await this.redis.exists(runKey)) && !(await this.hasPending(digest, channels))) return undefined;
    const ttl = this.retentionSeconds;
    const runs = this.keys.runs(digest);
    await this.redis.multi()
      .hsetnx(runKey, 'digest', digest).hsetnx(runKey, 'scheduledFor', scheduledFor).hsetnx(runKey, 'createdAt', now)
      .expire(runKey, ttl, 'NX')
      .zadd(runs, 'NX', Date.parse(scheduledFor), runId)
      .zremrangebyscore(runs, '-inf', Date.now() - ttl * 1000)
      .expire(runs, ttl)
      .exec();
    for (const channel of channels) {
      await this.redis.eval(
        CLAIM_SCRIPT, 4, runKey, this.keys.pending(digest, channel), this.keys.runMembers(runId, channel),
        this.keys.delivered(digest, channel), channel, now, String(this.retentionSeconds),
      );
    }
    return (await this.getRun(runId))!;
  }

  /** The entries a channel of a run must deliver. */
  async runEntries(runId: string, channel: string): Promise<PendingEntry[]> {
    return parseEntries(await this.redis.smembers(this.keys.runMembers(runId, channel)));
  }

  /**
   * The channel confirmed: remember its items as delivered for this digest and close it.
   * `requeue` are entries the run held but did not send (over maxItems): back to pending.
   */
  async markDelivered(digest: string, runId: string, channel: string, itemKeys: string[], requeue: PendingEntry[] = []): Promise<void> {
    const delivered = this.keys.delivered(digest, channel);
    const now = Date.now();
    const tx = this.redis.multi();
    // Scored by delivery time, so marks older than the retention fall out one by one.
    if (itemKeys.length) tx.zadd(delivered, ...itemKeys.flatMap((k) => [now, k]));
    tx.zremrangebyscore(delivered, '-inf', now - this.retentionSeconds * 1000).expire(delivered, this.retentionSeconds);
    if (requeue.length) {
      const pending = this.keys.pending(digest, channel);
      tx.sadd(pending, ...requeue.map((e) => `${e.watchlist}|${e.itemKey}`)).expire(pending, this.retentionSeconds);
    }
    tx.hset(this.keys.run(runId), `status:${channel}`, 'delivered', `deliveredAt:${channel}`, new Date().toISOString());
    tx.hdel(this.keys.run(runId), `error:${channel}`);
    tx.del(this.keys.runMembers(runId, channel));
    await tx.exec();
  }

  /**
   * A delivery attempt failed; the entries stay claimed for the run's retry. `partsDelivered`
   * counts the messages the channel accepted, so the retry resumes after them.
   */
  async recordAttemptFailure(runId: string, channel: string, error: string, partsDelivered = 0): Promise<void> {
    const tx = this.redis.multi()
      .hincrby(this.keys.run(runId), `attempts:${channel}`, 1)
      .hset(this.keys.run(runId), `error:${channel}`, error);
    if (partsDelivered > 0) tx.hincrby(this.keys.run(runId), `parts:${channel}`, partsDelivered);
    await tx.exec();
  }

  /** The run gave up on a channel: its entries go back to pending for the next run. */
  async releaseChannel(digest: string, runId: string, channel: string, error: string): Promise<void> {
    const members = this.keys.runMembers(runId, channel);
    const pending = this.keys.pending(digest, channel);
    const tx = this.redis.multi();
    tx.sunionstore(pending, pending, members);
    tx.expire(pending, this.retentionSeconds);
    tx.del(members);
    tx.hset(this.keys.run(runId), `status:${channel}`, 'failed', `error:${channel}`, error);
    await tx.exec();
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
      if (!field.startsWith('status:')) continue;
      const ch = field.slice('status:'.length);
      channels[ch] = {
        status: value as ChannelRunStatus,
        items: Number(hash[`items:${ch}`] ?? 0),
        attempts: Number(hash[`attempts:${ch}`] ?? 0),
        parts: Number(hash[`parts:${ch}`] ?? 0),
        ...(hash[`error:${ch}`] ? { error: hash[`error:${ch}`] } : {}),
        ...(hash[`deliveredAt:${ch}`] ? { deliveredAt: hash[`deliveredAt:${ch}`] } : {}),
      };
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

  private async hasPending(digest: string, channels: string[]): Promise<boolean> {
    const pipe = this.redis.pipeline();
    for (const c of channels) pipe.scard(this.keys.pending(digest, c));
    const counts = (await pipe.exec()) ?? [];
    return counts.some(([, n]) => Number(n) > 0);
  }

  /**
   * Marks a run as being worked on, for `ms`; the caller renews it while it delivers. A run
   * without a lease whose channel is still claimed was abandoned (a killed `digest send`).
   */
  async holdLease(runId: string, ms: number): Promise<void> {
    await this.redis.set(this.keys.runLease(runId), '1', 'PX', ms);
  }

  async dropLease(runId: string): Promise<void> {
    await this.redis.del(this.keys.runLease(runId));
  }

  /**
   * Gives back to pending the entries of earlier runs that nobody holds: channels still
   * claimed, with no message accepted yet, and no lease. A scheduled run waiting for its retry
   * is among them; its retry then finds the channel released and leaves it to the newer run.
   */
  async releaseAbandoned(digest: string, exceptRunId: string): Promise<string[]> {
    const released: string[] = [];
    for (const runId of await this.redis.zrevrange(this.keys.runs(digest), 0, 49)) {
      if (runId === exceptRunId || (await this.redis.exists(this.keys.runLease(runId)))) continue;
      const run = await this.getRun(runId);
      for (const [channel, state] of Object.entries(run?.channels ?? {})) {
        if (state.status !== 'claimed' || state.parts > 0) continue;
        await this.releaseChannel(digest, runId, channel, 'abandoned: no process was delivering it');
        released.push(`${runId}:${channel}`);
      }
    }
    return released;
  }
}

function parseEntries(members: string[]): PendingEntry[] {
  return members.map((m) => {
    const bar = m.indexOf('|');
    return { watchlist: m.slice(0, bar), itemKey: m.slice(bar + 1) };
  });
}
