/** Per-feed state (health, conditional-GET validators, moved URL), kept as one JSON record a feed. */
import type { Redis } from 'ioredis';
import type { Keys } from './keys.js';

export class FeedStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly retentionSeconds: number,
  ) {}

  async get<T extends object>(feedId: string): Promise<T | undefined> {
    const json = await this.redis.get(this.keys.feed(feedId));
    return json ? (JSON.parse(json) as T) : undefined;
  }

  /** Kept for the retention period after the last poll: a feed that left the config fades out. */
  async set<T extends object>(feedId: string, state: T): Promise<void> {
    await this.redis.set(this.keys.feed(feedId), JSON.stringify(state), 'EX', this.retentionSeconds);
  }

  /** Takes the feed's poll lock for `ms`; false when another poll holds it. */
  async lock(feedId: string, ms: number): Promise<boolean> {
    return (await this.redis.set(this.keys.feedLock(feedId), '1', 'PX', ms, 'NX')) === 'OK';
  }

  async unlock(feedId: string): Promise<void> {
    await this.redis.del(this.keys.feedLock(feedId));
  }

  async getMany<T extends object>(feedIds: string[]): Promise<Map<string, T>> {
    if (feedIds.length === 0) return new Map();
    const values = await this.redis.mget(feedIds.map((id) => this.keys.feed(id)));
    const out = new Map<string, T>();
    values.forEach((v, i) => { if (v) out.set(feedIds[i]!, JSON.parse(v) as T); });
    return out;
  }

  /** Forget a feed that left the config. */
  async remove(feedId: string): Promise<void> {
    await this.redis.del(this.keys.feed(feedId));
  }
}
