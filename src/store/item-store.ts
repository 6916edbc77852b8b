/** Items and their matches: claiming (one item, once, whichever feed brings it), saving, reading. */
import type { Redis } from 'ioredis';
import type { StoredItem, StoredMatch } from '../types.js';
import type { Keys } from './keys.js';

/** The result of claiming an item before processing it. */
export type ClaimResult =
  | { kind: 'mine' }
  /** Another item (or the same key through another feed) already owns this story. */
  | { kind: 'duplicate'; ownerKey: string };

// KEYS: claim key, url key (or '' when the item has no link). ARGV: item key, feed id, ttl s.
// A retry by the same feed on the same key is 'mine' again, so a crash mid-job costs a retry.
const CLAIM_SCRIPT = `
local owner = KEYS[2] ~= '' and redis.call('GET', KEYS[2]) or false
if owner and owner ~= ARGV[1] then return {'duplicate', owner} end
local claimer = redis.call('GET', KEYS[1])
if claimer and claimer ~= ARGV[2] then return {'duplicate', ARGV[1]} end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
if KEYS[2] ~= '' then redis.call('SET', KEYS[2], ARGV[1], 'EX', ARGV[3]) end
return {'mine', ARGV[1]}
`;

// KEYS: match record, flagged index, hourly counts, then the pending sets. ARGV: match JSON,
// ttl s, pending member, item key, flagged ms, watch-list. Only a new match is queued and counted.
const SAVE_MATCH_SCRIPT = `
local fresh = redis.call('EXISTS', KEYS[1]) == 0
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
redis.call('ZADD', KEYS[2], 'NX', ARGV[5], ARGV[4])
redis.call('EXPIRE', KEYS[2], ARGV[2])
if fresh then
  redis.call('HINCRBY', KEYS[3], ARGV[6], 1)
  redis.call('EXPIRE', KEYS[3], ARGV[2])
  for i = 4, #KEYS do
    redis.call('SADD', KEYS[i], ARGV[3])
    redis.call('EXPIRE', KEYS[i], ARGV[2])
  end
end
return fresh and 1 or 0
`;

/** Which flagged items to list: newest first, `limit` of them, flagged in [since, until) (epoch ms). */
export interface FlaggedRange {
  limit?: number;
  offset?: number;
  since?: number;
  until?: number;
}

/** Where a flagged match must wait: one pending set per (digest, channel). */
export interface PendingTarget {
  digest: string;
  channel: string;
}

export class ItemStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly retentionSeconds: number,
  ) {}

  /**
   * Sorts a poll's items: `fresh` were never claimed (by key or canonical URL); `elsewhere`
   * are stories already taken from another feed (with the key of the item that owns them);
   * the rest were seen in this feed before.
   */
  async sortSeen<T extends { key: string; url?: string }>(items: T[], feedId: string): Promise<{ fresh: T[]; elsewhere: Array<{ item: T; ownerKey: string }> }> {
    const fresh: T[] = [];
    const elsewhere: Array<{ item: T; ownerKey: string }> = [];
    const seen: T[] = [];
    if (items.length === 0) return { fresh, elsewhere };
    const pipe = this.redis.pipeline();
    for (const item of items) {
      pipe.get(this.keys.claim(item.key));
      pipe.get(item.url ? this.keys.url(item.url) : this.keys.claim(''));
    }
    const results = (await pipe.exec()) ?? [];
    items.forEach((item, i) => {
      const claimer = results[2 * i]?.[1] as string | null;
      const urlOwner = item.url ? (results[2 * i + 1]?.[1] as string | null) : null;
      if (claimer === null && urlOwner === null) fresh.push(item);
      else if (claimer !== null && claimer !== feedId) elsewhere.push({ item, ownerKey: item.key });
      else if (claimer === null && urlOwner !== null && urlOwner !== item.key) elsewhere.push({ item, ownerKey: urlOwner });
      else seen.push(item);
    });
    await this.touchSeen(seen);
    return { fresh, elsewhere };
  }

  /**
   * An item still in its feed stays seen: its marks live on from its last sighting, so a feed
   * that keeps an entry past the retention never brings it back as new.
   */
  private async touchSeen(items: Array<{ key: string; url?: string }>): Promise<void> {
    if (items.length === 0) return;
    const pipe = this.redis.pipeline();
    for (const item of items) {
      pipe.expire(this.keys.claim(item.key), this.retentionSeconds);
      if (item.url) pipe.expire(this.keys.url(item.url), this.retentionSeconds);
    }
    await pipe.exec();
  }

  async claim(item: { key: string; url?: string; feedId: string }): Promise<ClaimResult> {
    const urlKey = item.url ? this.keys.url(item.url) : '';
    const [kind, owner] = (await this.redis.eval(
      CLAIM_SCRIPT, 2, this.keys.claim(item.key), urlKey, item.key, item.feedId, String(this.retentionSeconds),
    )) as [string, string];
    return kind === 'mine' ? { kind: 'mine' } : { kind: 'duplicate', ownerKey: owner };
  }

  /**
   * Notes that a feed carried a story. Kept apart from the item record, so it can be written
   * before the item is processed and by several feeds at once without a read-modify-write.
   */
  async addSources(entries: Array<{ itemKey: string; feedId: string }>): Promise<void> {
    if (entries.length === 0) return;
    const pipe = this.redis.pipeline();
    for (const { itemKey, feedId } of entries) {
      pipe.sadd(this.keys.sources(itemKey), feedId).expire(this.keys.sources(itemKey), this.retentionSeconds);
    }
    await pipe.exec();
  }

  /**
   * Saves a processed item and its flagged matches in one transaction, and puts each match in
   * the pending set of every digest channel that wants it. Idempotent: a retry of the same
   * item rewrites the records but queues and counts a match only the first time it is saved,
   * so a retried job never hands a digest the same entry twice.
   */
  async saveProcessed(item: StoredItem, matches: StoredMatch[], targets: Map<string, PendingTarget[]>): Promise<void> {
    const ttl = this.retentionSeconds;
    const tx = this.redis.multi();
    tx.set(this.keys.item(item.key), JSON.stringify(item), 'EX', ttl);
    tx.zadd(this.keys.items, Date.parse(item.processedAt), item.key);
    tx.expire(this.keys.items, ttl);
    for (const match of matches) {
      const flaggedMs = Date.parse(match.flaggedAt);
      const pending = (targets.get(match.watchlist) ?? []).map((t) => this.keys.pending(t.digest, t.channel));
      const keys = [this.keys.match(match.watchlist, item.key), this.keys.flagged(match.watchlist), this.keys.hourly(Math.floor(flaggedMs / 3_600_000)), ...pending];
      tx.eval(SAVE_MATCH_SCRIPT, keys.length, ...keys, JSON.stringify(match), String(ttl), `${match.watchlist}|${item.key}`, item.key, String(flaggedMs), match.watchlist);
    }
    await tx.exec();
    await this.trimIndexes(matches.map((m) => m.watchlist));
  }

  /** Index entries older than the retention point at records that have expired: drop them. */
  private async trimIndexes(watchlists: string[]): Promise<void> {
    const cutoff = Date.now() - this.retentionSeconds * 1000;
    const pipe = this.redis.pipeline();
    pipe.zremrangebyscore(this.keys.items, '-inf', cutoff);
    for (const w of watchlists) pipe.zremrangebyscore(this.keys.flagged(w), '-inf', cutoff);
    await pipe.exec();
  }

  async get(itemKey: string): Promise<StoredItem | undefined> {
    return (await this.getMany([itemKey]))[0];
  }

  async getMatch(watchlist: string, itemKey: string): Promise<StoredMatch | undefined> {
    const json = await this.redis.get(this.keys.match(watchlist, itemKey));
    return json ? (JSON.parse(json) as StoredMatch) : undefined;
  }

  /** Newest processed items first. */
  async listRecent(limit = 50, offset = 0): Promise<StoredItem[]> {
    const keys = await this.redis.zrevrange(this.keys.items, offset, offset + limit - 1);
    return this.getMany(keys);
  }

  /**
   * Newest flagged items of a watch-list first, with their matches, optionally bounded by flag
   * time: one index query and one pipelined read, however many items.
   */
  async listFlagged(watchlist: string, range: FlaggedRange = {}): Promise<Array<{ item: StoredItem; match: StoredMatch }>> {
    const max = range.until === undefined ? '+inf' : `(${range.until}`;
    const min = range.since === undefined ? '-inf' : String(range.since);
    const keys = await this.redis.zrevrangebyscore(this.keys.flagged(watchlist), max, min, 'LIMIT', range.offset ?? 0, range.limit ?? 50);
    const records = await this.readRecords(keys, watchlist);
    return records.filter((r): r is { item: StoredItem; match: StoredMatch } => r.match !== undefined);
  }

  async countFlagged(watchlist: string): Promise<number> {
    return this.redis.zcard(this.keys.flagged(watchlist));
  }

  /** Flagged counts per watch-list for each hour in [fromHour, toHour]. */
  async hourlyCounts(fromHour: number, toHour: number): Promise<Array<{ hour: number; counts: Record<string, number> }>> {
    const pipe = this.redis.pipeline();
    for (let h = fromHour; h <= toHour; h++) pipe.hgetall(this.keys.hourly(h));
    const results = (await pipe.exec()) ?? [];
    return results.map(([, value], i) => ({
      hour: fromHour + i,
      counts: Object.fromEntries(Object.entries((value ?? {}) as Record<string, string>).map(([k, v]) => [k, Number(v)])),
    }));
  }

  /** Items by key (missing ones left out), each with `alsoIn`: the other feeds that carried it. */
  async getMany(keys: string[]): Promise<StoredItem[]> {
    return (await this.readRecords(keys)).map((r) => r.item);
  }

  /** Item records (and a watch-list's match records) in one round trip; expired ones left out. */
  private async readRecords(keys: string[], watchlist?: string): Promise<Array<{ item: StoredItem; match?: StoredMatch }>> {
    if (keys.length === 0) return [];
    const pipe = this.redis.pipeline();
    for (const k of keys) {
      pipe.get(this.keys.item(k)).smembers(this.keys.sources(k));
      if (watchlist !== undefined) pipe.get(this.keys.match(watchlist, k));
    }
    const results = (await pipe.exec()) ?? [];
    const width = watchlist === undefined ? 2 : 3;
    const out: Array<{ item: StoredItem; match?: StoredMatch }> = [];
    keys.forEach((_, i) => {
      const json = results[width * i]?.[1] as string | null;
      const matchJson = watchlist === undefined ? undefined : (results[width * i + 2]?.[1] as string | null);
      if (!json || matchJson === null) return; // expired between the index and the record
      const item = JSON.parse(json) as StoredItem;
      const others = ((results[width * i + 1]?.[1] as string[] | null) ?? []).filter((f) => f !== item.feedId).sort();
      if (others.length) item.alsoIn = others;
      out.push(matchJson ? { item, match: JSON.parse(matchJson) as StoredMatch } : { item });
    });
    return out;
  }
}
