/** Items and their matches: claiming (one item, once, whichever feed brings it), saving, reading. */
import type { Redis } from 'ioredis';
import type { PackedName } from '../search/names.js';
import type { StoredItem, StoredMatch } from '../types.js';
import type { FlaggedRange, ItemArchive, Versions } from './archive/item-archive.js';
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

// KEYS: hourly counts, then the pending sets. ARGV: ttl s, pending member, watch-list.
// Adding to a set twice is harmless; the hour is counted only when the first set gains it.
const QUEUE_MATCH_SCRIPT = `
local fresh = 1
for i = 2, #KEYS do
  local added = redis.call('SADD', KEYS[i], ARGV[2])
  if i == 2 then fresh = added end
  redis.call('EXPIRE', KEYS[i], ARGV[1])
end
if fresh == 1 then
  redis.call('HINCRBY', KEYS[1], ARGV[3], 1)
  redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return fresh
`;

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
    /** Where items and matches are kept (PostgreSQL); Redis keeps the claims and the pending sets. */
    readonly archive: ItemArchive,
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

  /** Notes that a feed carried a story (kept in the archive, written before or after the item). */
  async addSources(entries: Array<{ itemKey: string; feedId: string }>): Promise<void> {
    await this.archive.addSources(entries);
  }

  /**
   * Saves a processed item and its flagged matches in the archive, then puts each match not yet
   * queued in the pending set of every digest channel that wants it, and notes it queued.
   * Idempotent: a retry rewrites the item and queues only what was not queued, so a retried
   * job never hands a digest the same entry twice, and a crash in between never loses one.
   */
  async saveProcessed(item: StoredItem, matches: StoredMatch[], targets: Map<string, PendingTarget[]>, extra: { names?: PackedName[]; versions?: Versions } = {}): Promise<void> {
    const unqueued = await this.archive.save(item, extra.names, matches, extra.versions);
    await this.queueMatches(item.key, unqueued, targets);
  }

  /** Puts flags in the digests' pending sets (and the hourly counts), then notes them queued. */
  async queueMatches(itemKey: string, matches: StoredMatch[], targets: Map<string, PendingTarget[]>): Promise<void> {
    if (matches.length === 0) return;
    const ttl = String(this.retentionSeconds);
    const pipe = this.redis.pipeline();
    for (const match of matches) {
      const hour = Math.floor(Date.parse(match.flaggedAt) / 3_600_000);
      const pending = (targets.get(match.watchlist) ?? []).map((t) => this.keys.pending(t.digest, t.channel));
      const keys = [this.keys.hourly(hour), ...pending];
      pipe.eval(QUEUE_MATCH_SCRIPT, keys.length, ...keys, ttl, `${match.watchlist}|${itemKey}`, match.watchlist);
    }
    const results = (await pipe.exec()) ?? [];
    const failed = results.find(([err]) => err);
    if (failed) throw failed[0]!;
    await this.archive.markQueued(itemKey, matches.map((m) => m.watchlist));
  }

  async get(itemKey: string): Promise<StoredItem | undefined> {
    return (await this.archive.getMany([itemKey]))[0];
  }

  async getMatch(watchlist: string, itemKey: string): Promise<StoredMatch | undefined> {
    return this.archive.getMatch(watchlist, itemKey);
  }

  /** Newest processed items first. */
  async listRecent(limit = 50, offset = 0): Promise<StoredItem[]> {
    return this.archive.listRecent(limit, offset);
  }

  /** Newest flagged items of a watch-list first, with their matches, optionally bounded by flag time. */
  async listFlagged(watchlist: string, range: FlaggedRange = {}): Promise<Array<{ item: StoredItem; match: StoredMatch }>> {
    return this.archive.listFlagged(watchlist, range);
  }

  async countFlagged(watchlist: string): Promise<number> {
    return this.archive.countFlagged(watchlist);
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
    return this.archive.getMany(keys);
  }
}
