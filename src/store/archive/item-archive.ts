/**
 * Items and their matches in the archive: saved once processed (idempotently: a retried job
 * rewrites the item and keeps each match's first flag time), read by key, listed by time.
 * Which matches still have to reach the digests' pending sets in Redis is kept here
 * (`queued`), so a crash between the two stores costs a re-queue, never a lost flag.
 */
import type { PackedName } from '../../search/names.js';
import { searchVector } from '../../search/document.js';
import type { StoredItem, StoredMatch } from '../../types.js';
import type { Database, Queryable } from '../db/database.js';
import { ITEM_COLUMNS, MATCH_COLUMNS, itemFromRow, matchFromRow, sortTime, type ItemRow, type MatchRow } from './rows.js';

const INSERT_ITEM = `
INSERT INTO items (key, feed_id, url, title, summary, body, body_source, truncated, byline, lang, published, processed_at, sort_at, tags, entities, names, search, long_text)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::tsvector, $18)
ON CONFLICT (key) DO UPDATE SET feed_id = EXCLUDED.feed_id, url = EXCLUDED.url, title = EXCLUDED.title, summary = EXCLUDED.summary,
  body = EXCLUDED.body, body_source = EXCLUDED.body_source, truncated = EXCLUDED.truncated, byline = EXCLUDED.byline, lang = EXCLUDED.lang,
  published = EXCLUDED.published, processed_at = EXCLUDED.processed_at, sort_at = EXCLUDED.sort_at, tags = EXCLUDED.tags,
  entities = EXCLUDED.entities, names = EXCLUDED.names, search = EXCLUDED.search, long_text = EXCLUDED.long_text
RETURNING id`;

const INSERT_MATCH = `
INSERT INTO matches (item_id, watchlist, score, hits, reasons, flagged_at, version)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (watchlist, item_id) DO UPDATE SET score = EXCLUDED.score, hits = EXCLUDED.hits, reasons = EXCLUDED.reasons, version = EXCLUDED.version
RETURNING queued`;

/** Flag times in [since, until) (epoch ms). */
export interface TimeRange {
  since?: number;
  until?: number;
}

export interface FlaggedRange extends TimeRange {
  limit?: number;
  offset?: number;
}

/** Version hashes of the watch-lists that judged, by id (absent: unknown). */
export type Versions = ReadonlyMap<string, string>;

export class ItemArchive {
  constructor(private readonly db: Database) {}

  /** Saves an item and its matches in one transaction; returns the matches not yet queued for digests. */
  async save(item: StoredItem, names: PackedName[] | undefined, matches: StoredMatch[], versions?: Versions): Promise<StoredMatch[]> {
    const vector = searchVector(item);
    return this.db.tx(async (q) => {
      const { rows } = await q.query<{ id: string }>({ name: 'ww-insert-item', text: INSERT_ITEM, values: [
        item.key, item.feedId, item.url ?? null, item.title, item.summary, item.body, item.bodySource, item.truncated ?? false,
        item.byline ?? null, item.lang ?? null, item.published ?? null, item.processedAt, sortTime(item), item.tags,
        JSON.stringify(item.entities), names === undefined ? null : JSON.stringify(names), vector.literal, vector.longText,
      ] });
      const id = rows[0]!.id;
      const unqueued: StoredMatch[] = [];
      for (const m of matches) {
        const r = await q.query<{ queued: boolean }>({ name: 'ww-insert-match', text: INSERT_MATCH, values: [
          id, m.watchlist, m.score, JSON.stringify(m.hits), m.reasons === undefined ? null : JSON.stringify(m.reasons), m.flaggedAt, versions?.get(m.watchlist) ?? null,
        ] });
        if (!r.rows[0]!.queued) unqueued.push(m);
      }
      return unqueued;
    });
  }

  /** Notes that the digests' pending sets hold these flags now. */
  async markQueued(itemKey: string, watchlists: string[]): Promise<void> {
    if (watchlists.length === 0) return;
    await this.db.query(
      { name: 'ww-mark-queued', text: 'UPDATE matches SET queued = true WHERE item_id = (SELECT id FROM items WHERE key = $1) AND watchlist = ANY($2)', values: [itemKey, watchlists] },
    );
  }

  /** Notes that feeds carried a story (its sources), before or after the item is processed. */
  async addSources(entries: Array<{ itemKey: string; feedId: string }>, q: Queryable = this.db): Promise<void> {
    if (entries.length === 0) return;
    await q.query(
      `INSERT INTO item_sources (item_key, feed_id) SELECT * FROM unnest($1::text[], $2::text[])
       ON CONFLICT (item_key, feed_id) DO UPDATE SET seen_at = now()`,
      [entries.map((e) => e.itemKey), entries.map((e) => e.feedId)],
    );
  }

  /** Items by key, in the order asked (missing ones left out). */
  async getMany(keys: string[]): Promise<StoredItem[]> {
    if (keys.length === 0) return [];
    const { rows } = await this.db.query<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM items i WHERE i.key = ANY($1)`, [keys]);
    const byKey = new Map(rows.map((r) => [r.key, itemFromRow(r)]));
    return keys.flatMap((k) => (byKey.has(k) ? [byKey.get(k)!] : []));
  }

  async getMatch(watchlist: string, itemKey: string): Promise<StoredMatch | undefined> {
    const { rows } = await this.db.query<MatchRow>(
      { name: 'ww-get-match', text: `SELECT i.key, ${MATCH_COLUMNS} FROM matches m JOIN items i ON i.id = m.item_id WHERE i.key = $1 AND m.watchlist = $2`, values: [itemKey, watchlist] },
    );
    return rows[0] ? matchFromRow(rows[0]) : undefined;
  }

  /** The match of each (watch-list, item), in the order asked (undefined where there is none). */
  async getMatches(refs: Array<{ watchlist: string; itemKey: string }>): Promise<Array<StoredMatch | undefined>> {
    if (refs.length === 0) return [];
    const { rows } = await this.db.query<MatchRow>(
      `SELECT i.key, ${MATCH_COLUMNS} FROM unnest($1::text[], $2::text[]) AS r(watchlist, key)
       JOIN items i ON i.key = r.key JOIN matches m ON m.item_id = i.id AND m.watchlist = r.watchlist`,
      [refs.map((r) => r.watchlist), refs.map((r) => r.itemKey)],
    );
    const found = new Map(rows.map((r) => [`${r.watchlist}\n${r.key}`, matchFromRow(r)]));
    return refs.map((r) => found.get(`${r.watchlist}\n${r.itemKey}`));
  }

  /** Newest processed items first. */
  async listRecent(limit = 50, offset = 0): Promise<StoredItem[]> {
    const { rows } = await this.db.query<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM items i ORDER BY i.processed_at DESC, i.id DESC LIMIT $1 OFFSET $2`, [limit, offset]);
    return rows.map(itemFromRow);
  }

  /** Newest flagged items of a watch-list first, with their matches. */
  async listFlagged(watchlist: string, range: FlaggedRange = {}): Promise<Array<{ item: StoredItem; match: StoredMatch }>> {
    const { rows } = await this.db.query<ItemRow & MatchRow>(
      `SELECT ${ITEM_COLUMNS}, ${MATCH_COLUMNS} FROM matches m JOIN items i ON i.id = m.item_id
       WHERE m.watchlist = $1 AND m.flagged_at >= $2 AND m.flagged_at < $3
       ORDER BY m.flagged_at DESC, m.item_id DESC LIMIT $4 OFFSET $5`,
      [watchlist, sinceBound(range.since), untilBound(range.until), range.limit ?? 50, range.offset ?? 0],
    );
    return rows.map((r) => ({ item: itemFromRow(r), match: matchFromRow(r) }));
  }

  async countFlagged(watchlist: string): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>('SELECT count(*) AS n FROM matches WHERE watchlist = $1', [watchlist]);
    return Number(rows[0]?.n ?? 0);
  }

  /** Removes items (their matches go with them): retention, and tests standing in for it. */
  async deleteItems(keys: string[]): Promise<number> {
    if (keys.length === 0) return 0;
    const { rowCount } = await this.db.query('DELETE FROM items WHERE key = ANY($1)', [keys]);
    return rowCount ?? 0;
  }

  async countItems(): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>('SELECT count(*) AS n FROM items');
    return Number(rows[0]?.n ?? 0);
  }
}

/** A lower bound (epoch ms) as a PostgreSQL time; none is -infinity. */
export function sinceBound(ms: number | undefined): string {
  return ms === undefined ? '-infinity' : new Date(ms).toISOString();
}

/** An upper bound (epoch ms) as a PostgreSQL time; none is infinity. */
export function untilBound(ms: number | undefined): string {
  return ms === undefined ? 'infinity' : new Date(ms).toISOString();
}
