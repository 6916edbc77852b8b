/**
 * Analysts' verdicts, one hash per watch-list (item id -> JSON verdict): a later verdict on
 * the same item replaces the earlier one. Verdicts carry the item's text and are kept far
 * beyond the items' retention, so they can still become backtest cases when the item is gone.
 */
import type { Redis } from 'ioredis';
import type { Verdict } from '../tune/types.js';
import type { Keys } from './keys.js';

/** Three years: verdicts are the slow-growing memory of what the watch-lists should do. */
export const FEEDBACK_RETENTION_SECONDS = 3 * 365 * 86_400;

export class FeedbackStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly retentionSeconds = FEEDBACK_RETENTION_SECONDS,
  ) {}

  async save(v: Verdict): Promise<void> {
    const key = this.keys.feedback(v.watchlist);
    await this.redis.multi()
      .hset(key, v.itemKey, JSON.stringify(v))
      .expire(key, this.retentionSeconds)
      .sadd(this.keys.feedbackLists, v.watchlist)
      .expire(this.keys.feedbackLists, this.retentionSeconds)
      .exec();
  }

  /** One watch-list's verdicts, newest first. */
  async list(watchlist: string): Promise<Verdict[]> {
    const raw = await this.redis.hvals(this.keys.feedback(watchlist));
    return raw.map((r) => JSON.parse(r) as Verdict).sort((a, b) => b.at.localeCompare(a.at));
  }

  /** The verdicts on some items of one watch-list, by item key (items without one left out). */
  async get(watchlist: string, itemKeys: string[]): Promise<Map<string, Verdict>> {
    if (itemKeys.length === 0) return new Map();
    const raw = await this.redis.hmget(this.keys.feedback(watchlist), ...itemKeys);
    return new Map(raw.flatMap((r, i) => (r ? [[itemKeys[i]!, JSON.parse(r) as Verdict] as const] : [])));
  }

  /** The watch-lists that have verdicts. */
  async watchlists(): Promise<string[]> {
    return (await this.redis.smembers(this.keys.feedbackLists)).sort();
  }

  /** Every verdict, or those of the watch-lists named; newest first. */
  async listAll(watchlists?: string[]): Promise<Verdict[]> {
    const lists = watchlists ?? (await this.watchlists());
    const all = (await Promise.all(lists.map((w) => this.list(w)))).flat();
    return all.sort((a, b) => b.at.localeCompare(a.at));
  }
}
