/**
 * Reads of the per-watch-list flag index for pages that sort and page through flags: item
 * keys with their flag times, counts in a time range, and match records by the hundred,
 * without reading the items themselves (the dashboard reads only the page it shows).
 */
import type { Redis } from 'ioredis';
import type { StoredMatch } from '../types.js';
import type { Keys } from './keys.js';

/** Flag times in [since, until) (epoch ms); either bound may be left open. */
export interface FlagTimeRange {
  since?: number;
  until?: number;
}

/** One flag in the index: which item, flagged when (epoch ms). */
export interface FlagRef {
  watchlist: string;
  itemKey: string;
  at: number;
}

const bounds = (r: FlagTimeRange) => ({ max: r.until === undefined ? '+inf' : `(${r.until}`, min: r.since === undefined ? '-inf' : String(r.since) });

export class FlagIndex {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** The newest `limit` flags of a watch-list in the range, newest first. */
  async newest(watchlist: string, range: FlagTimeRange, limit: number): Promise<FlagRef[]> {
    const { max, min } = bounds(range);
    const flat = await this.redis.zrevrangebyscore(this.keys.flagged(watchlist), max, min, 'WITHSCORES', 'LIMIT', 0, limit);
    const refs: FlagRef[] = [];
    for (let i = 0; i < flat.length; i += 2) refs.push({ watchlist, itemKey: flat[i]!, at: Number(flat[i + 1]) });
    return refs;
  }

  /** How many flags each watch-list has in the range, in one round trip. */
  async counts(watchlists: string[], range: FlagTimeRange): Promise<number[]> {
    const { max, min } = bounds(range);
    const pipe = this.redis.pipeline();
    for (const w of watchlists) pipe.zcount(this.keys.flagged(w), min, max);
    return ((await pipe.exec()) ?? []).map(([, n]) => Number(n ?? 0));
  }

  /** The match record of each flag (undefined where it expired), in one round trip. */
  async matches(refs: Array<Pick<FlagRef, 'watchlist' | 'itemKey'>>): Promise<Array<StoredMatch | undefined>> {
    if (refs.length === 0) return [];
    const values = await this.redis.mget(refs.map((r) => this.keys.match(r.watchlist, r.itemKey)));
    return values.map((v) => (v ? (JSON.parse(v) as StoredMatch) : undefined));
  }
}
