/** Per-feed state (health, conditional-GET validators, moved URL), kept as one JSON record a feed. */
import type { Redis } from 'ioredis';
import type { Keys } from './keys.js';

// KEYS: lock. ARGV: token, PEXPIRE or DEL, ms. Acts only on a lock the token holds.
const IF_OWNER_THEN = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == 'DEL' then redis.call('DEL', KEYS[1]) else redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return 1
`;

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

  /** Takes the feed's poll lock for `ms` under `token`; false when another poll holds it. */
  async lock(feedId: string, token: string, ms: number): Promise<boolean> {
    return (await this.redis.set(this.keys.feedLock(feedId), token, 'PX', ms, 'NX')) === 'OK';
  }

  /** Extends the lock while its poll runs, if it is still that poll's. */
  async renewLock(feedId: string, token: string, ms: number): Promise<boolean> {
    return (await this.redis.eval(IF_OWNER_THEN, 1, this.keys.feedLock(feedId), token, 'PEXPIRE', String(ms))) === 1;
  }

  /** Lets the lock go, if it is still that poll's. */
  async unlock(feedId: string, token: string): Promise<void> {
    await this.redis.eval(IF_OWNER_THEN, 1, this.keys.feedLock(feedId), token, 'DEL', '');
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
