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

// KEYS: the channel's fold list, the fold job's list. ARGV: ttl s.
const TAKE_FOLD_SCRIPT = `
if redis.call('EXISTS', KEYS[2]) == 0 and redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('RENAME', KEYS[1], KEYS[2])
  redis.call('EXPIRE', KEYS[2], ARGV[1])
end
return redis.call('LRANGE', KEYS[2], 0, -1)
`;

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

  /**
   * Takes the channel's folded alerts for one fold job: moved atomically under the job's own
   * key, so a retry of that job (after a failure or a crash) finds the same alerts, and alerts
   * folded meanwhile wait for the next fold job.
   */
  async takeFold(channel: string, jobId: string): Promise<FoldedEntry[]> {
    const items = (await this.redis.eval(
      TAKE_FOLD_SCRIPT, 2, this.keys.alertFold(channel), this.keys.alertFoldTaken(channel, jobId), String(this.retentionSeconds),
    )) as string[];
    return items.map((s) => JSON.parse(s) as FoldedEntry);
  }

  /** The fold job delivered its alerts. */
  async finishFold(channel: string, jobId: string): Promise<void> {
    await this.redis.del(this.keys.alertFoldTaken(channel, jobId));
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
