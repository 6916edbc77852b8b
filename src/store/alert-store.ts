/**
 * Immediate-alert bookkeeping: a per-channel, per-minute budget; alerts over budget folded
 * into a list sent later as one "and N more" message; and which channels already got an alert,
 * so a retry sends only to the others.
 */
import type { Redis } from 'ioredis';
import type { Keys } from './keys.js';

export interface FoldedEntry {
  alert: string;
  watchlist: string;
  itemKey: string;
}

export class AlertStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly retentionSeconds: number,
  ) {}

  /** Takes one of the channel's `perMinute` slots for the current minute; false when none is left. */
  async takeSlot(channel: string, perMinute: number, now = Date.now()): Promise<boolean> {
    const key = this.keys.alertRate(channel, Math.floor(now / 60_000));
    const [[, count]] = (await this.redis.multi().incr(key).expire(key, 120).exec()) as [[unknown, number], unknown];
    return count <= perMinute;
  }

  /** Adds an alert to the channel's fold list; returns the list's length. */
  async fold(channel: string, entry: FoldedEntry): Promise<number> {
    const key = this.keys.alertFold(channel);
    const [[, length]] = (await this.redis.multi().rpush(key, JSON.stringify(entry)).expire(key, this.retentionSeconds).exec()) as [[unknown, number], unknown];
    return length;
  }

  /** Takes every folded alert of a channel, atomically, so two fold jobs never send one twice. */
  async drainFold(channel: string): Promise<FoldedEntry[]> {
    const key = this.keys.alertFold(channel);
    const [[, items]] = (await this.redis.multi().lrange(key, 0, -1).del(key).exec()) as [[unknown, string[]], unknown];
    return items.map((s) => JSON.parse(s) as FoldedEntry);
  }

  /** Puts drained alerts back (a failed fold delivery), ahead of newer ones. */
  async restoreFold(channel: string, entries: FoldedEntry[]): Promise<void> {
    if (entries.length) await this.redis.lpush(this.keys.alertFold(channel), ...entries.reverse().map((e) => JSON.stringify(e)));
  }

  async wasSent(alertId: string, channel: string): Promise<boolean> {
    return (await this.redis.sismember(this.sentKey(alertId), channel)) === 1;
  }

  async markSent(alertId: string, channel: string): Promise<void> {
    await this.redis.multi().sadd(this.sentKey(alertId), channel).expire(this.sentKey(alertId), this.retentionSeconds).exec();
  }

  private sentKey(alertId: string): string {
    return this.keys.alertSent(alertId);
  }
}
