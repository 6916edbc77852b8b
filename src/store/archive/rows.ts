/** Archive rows <-> the plain records the rest of wirewatch reads (src/types.ts). */
import type { StoredItem, StoredMatch } from '../../types.js';

/** The columns of `items` that make a StoredItem. */
export const ITEM_FIELDS = `i.id, i.key, i.feed_id, i.url, i.title, i.summary, i.body, i.body_source, i.truncated, i.byline, i.lang,
  i.published, i.processed_at, i.tags, i.entities, i.story_id`;

/** The other feeds that carried an item, from item_sources. */
export const ALSO_IN = `ARRAY(SELECT s.feed_id FROM item_sources s WHERE s.item_key = i.key AND s.feed_id <> i.feed_id ORDER BY s.feed_id) AS also_in`;

/** A StoredItem's columns with its other sources. */
export const ITEM_COLUMNS = `${ITEM_FIELDS}, ${ALSO_IN}`;

export interface ItemRow {
  id: string;
  key: string;
  feed_id: string;
  url: string | null;
  title: string;
  summary: string;
  body: string;
  body_source: StoredItem['bodySource'];
  truncated: boolean;
  byline: string | null;
  lang: string | null;
  published: Date | null;
  processed_at: Date;
  tags: string[];
  entities: StoredItem['entities'];
  story_id: string | null;
  /** Absent where the query did not gather it. */
  also_in?: string[];
}

export function itemFromRow(r: ItemRow): StoredItem {
  const item: StoredItem = {
    key: r.key,
    feedId: r.feed_id,
    title: r.title,
    summary: r.summary,
    body: r.body,
    bodySource: r.body_source,
    processedAt: r.processed_at.toISOString(),
    tags: r.tags,
    entities: r.entities,
  };
  if (r.also_in?.length) item.alsoIn = r.also_in;
  if (r.url !== null) item.url = r.url;
  if (r.truncated) item.truncated = true;
  if (r.byline !== null) item.byline = r.byline;
  if (r.lang !== null) item.lang = r.lang;
  if (r.published !== null) item.published = r.published.toISOString();
  return item;
}

export const MATCH_COLUMNS = 'm.watchlist, m.score, m.hits, m.reasons, m.flagged_at';

export interface MatchRow {
  key: string;
  watchlist: string;
  score: number;
  hits: StoredMatch['hits'];
  reasons: StoredMatch['reasons'] | null;
  flagged_at: Date;
}

export function matchFromRow(r: MatchRow): StoredMatch {
  const m: StoredMatch = { itemKey: r.key, watchlist: r.watchlist, score: r.score, hits: r.hits, flaggedAt: r.flagged_at.toISOString() };
  if (r.reasons) m.reasons = r.reasons;
  return m;
}

/** A published time after processing is a feed's mistake: it sorts by when it was seen. */
export function sortTime(item: Pick<StoredItem, 'published' | 'processedAt'>): string {
  const processed = Date.parse(item.processedAt);
  const published = item.published === undefined ? NaN : Date.parse(item.published);
  return new Date(Number.isFinite(published) && published <= processed ? published : processed).toISOString();
}
