/**
 * Reading the archive for search and re-judging: candidates found by the full-text index (or,
 * when a query cannot be narrowed, every item in the range), in pages, newest first or by
 * rank, and judged by the caller exactly. A cursor names the last item read, so a page
 * continues where the previous one stopped even while new items arrive.
 */
import type { StoredText } from '../../search/compile-search.js';
import type { Prefilter } from '../../search/types.js';
import type { StoredItem } from '../../types.js';
import type { Database } from '../db/database.js';
import { ALSO_IN, ITEM_FIELDS, itemFromRow, type ItemRow } from './rows.js';
import { sinceBound, untilBound } from './item-archive.js';

export interface CandidateFilter {
  prefilter: Prefilter;
  /** sort_at bounds (epoch ms): [since, until). */
  since?: number;
  until?: number;
  /** Only items this feed carried (first or as another source). */
  feed?: string;
  /** Default 'time' (newest first). */
  sort?: 'time' | 'relevance';
}

export interface Candidate {
  item: StoredItem;
  text: StoredText;
  /** Where a later page starts. */
  cursor: string;
}

const BATCH = 250;

interface CandidateRow extends ItemRow {
  names: StoredText['names'];
  sort_at: Date;
  rank?: number;
}

/** The WHERE clause of a prefilter: phrases for whole items, words for long ones. */
function matchClause(p: Prefilter, args: unknown[]): string {
  if (p.phrase === undefined) return 'true';
  args.push(p.phrase);
  const phrase = `i.search @@ $${args.length}::tsquery`;
  if (p.words === undefined || p.words === p.phrase) return phrase;
  args.push(p.words);
  return `(${phrase} OR (i.long_text AND i.search @@ $${args.length}::tsquery))`;
}

export function encodeCursor(parts: Array<string | number>): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** A cursor back into its parts; undefined when it was not made here. */
export function decodeCursor(cursor: string): Array<string | number> | undefined {
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    return Array.isArray(parts) && parts.every((p) => typeof p === 'string' || typeof p === 'number') ? parts : undefined;
  } catch {
    return undefined;
  }
}

export class SearchArchive {
  constructor(private readonly db: Database) {}

  /** Candidates a page at a time, from `cursor` on; stops when the range is read. */
  async *candidates(filter: CandidateFilter, cursor?: Array<string | number>): AsyncGenerator<Candidate[]> {
    let after = cursor;
    for (;;) {
      const rows = await this.page(filter, after);
      if (rows.length === 0) return;
      const out = rows.map((r) => {
        const c = filter.sort === 'relevance' ? [r.rank ?? 0, r.sort_at.toISOString(), r.id] : [r.sort_at.toISOString(), r.id];
        return { item: itemFromRow(r), text: textOf(r), cursor: encodeCursor(c.map((v) => (typeof v === 'number' ? v : String(v)))) };
      });
      yield out;
      if (rows.length < BATCH) return;
      after = decodeCursor(out[out.length - 1]!.cursor);
    }
  }

  private async page(filter: CandidateFilter, after: Array<string | number> | undefined): Promise<CandidateRow[]> {
    const args: unknown[] = [sinceBound(filter.since), untilBound(filter.until)];
    const where = ['i.sort_at >= $1', 'i.sort_at < $2', matchClause(filter.prefilter, args)];
    if (filter.feed !== undefined) {
      args.push(filter.feed);
      where.push(`(i.feed_id = $${args.length} OR EXISTS (SELECT 1 FROM item_sources s WHERE s.item_key = i.key AND s.feed_id = $${args.length}))`);
    }
    const relevance = filter.sort === 'relevance' && filter.prefilter.words !== undefined;
    let rank = '0::real';
    if (relevance) {
      args.push(filter.prefilter.words);
      rank = `ts_rank_cd(i.search, $${args.length}::tsquery)`;
    }
    if (after) {
      const n = args.length;
      if (relevance) {
        args.push(after[0], after[1], after[2]);
        where.push(`(${rank}, i.sort_at, i.id) < ($${n + 1}::real, $${n + 2}::timestamptz, $${n + 3}::bigint)`);
      } else {
        args.push(after[after.length - 2], after[after.length - 1]);
        where.push(`(i.sort_at, i.id) < ($${n + 1}::timestamptz, $${n + 2}::bigint)`);
      }
    }
    const order = relevance ? `${rank} DESC, i.sort_at DESC, i.id DESC` : 'i.sort_at DESC, i.id DESC';
    const { rows } = await this.db.query<CandidateRow>(
      `SELECT ${ITEM_FIELDS}, i.names, i.sort_at, ${rank} AS rank FROM items i WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${BATCH}`,
      args,
    );
    return rows;
  }

  /**
   * For the items a search found (not every candidate judged): the watch-lists that flagged
   * each and the other feeds that carried it, by item key.
   */
  async annotate(keys: string[]): Promise<Map<string, { flaggedBy: string[]; alsoIn: string[] }>> {
    if (keys.length === 0) return new Map();
    const { rows } = await this.db.query<{ key: string; lists: string[]; also_in: string[] }>(
      `SELECT i.key, ARRAY(SELECT m.watchlist FROM matches m WHERE m.item_id = i.id ORDER BY m.watchlist) AS lists, ${ALSO_IN}
       FROM items i WHERE i.key = ANY($1)`,
      [keys],
    );
    return new Map(rows.map((r) => [r.key, { flaggedBy: r.lists, alsoIn: r.also_in }]));
  }
}

function textOf(r: CandidateRow): StoredText {
  return { title: r.title, body: r.body, feedId: r.feed_id, tags: r.tags, ...(r.lang ? { lang: r.lang } : {}), names: r.names };
}
