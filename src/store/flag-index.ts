/**
 * Reads of the archive's flags for pages that sort and page through them: item keys with
 * their flag times, counts in a time range, and match records by the hundred, without reading
 * the items themselves (the dashboard reads only the page it shows).
 */
import type { StoredMatch } from '../types.js';
import { sinceBound, untilBound, type ItemArchive } from './archive/item-archive.js';
import type { Database } from './db/database.js';

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

export class FlagIndex {
  constructor(
    private readonly db: Database,
    private readonly archive: ItemArchive,
  ) {}

  /** The newest `limit` flags of a watch-list in the range, newest first. */
  async newest(watchlist: string, range: FlagTimeRange, limit: number): Promise<FlagRef[]> {
    const { rows } = await this.db.query<{ key: string; flagged_at: Date }>(
      { name: 'ww-flags-newest', text: `SELECT i.key, m.flagged_at FROM matches m JOIN items i ON i.id = m.item_id
       WHERE m.watchlist = $1 AND m.flagged_at >= $2 AND m.flagged_at < $3 ORDER BY m.flagged_at DESC, m.item_id DESC LIMIT $4`,
      values: [watchlist, sinceBound(range.since), untilBound(range.until), limit] },
    );
    return rows.map((r) => ({ watchlist, itemKey: r.key, at: r.flagged_at.getTime() }));
  }

  /** How many flags each watch-list has in the range, in one query. */
  async counts(watchlists: string[], range: FlagTimeRange): Promise<number[]> {
    if (watchlists.length === 0) return [];
    const { rows } = await this.db.query<{ watchlist: string; n: string }>(
      { name: 'ww-flags-counts', text: `SELECT watchlist, count(*) AS n FROM matches WHERE watchlist = ANY($1) AND flagged_at >= $2 AND flagged_at < $3 GROUP BY watchlist`,
      values: [watchlists, sinceBound(range.since), untilBound(range.until)] },
    );
    const byList = new Map(rows.map((r) => [r.watchlist, Number(r.n)]));
    return watchlists.map((w) => byList.get(w) ?? 0);
  }

  /** The match record of each flag (undefined where it is gone), in one query. */
  async matches(refs: Array<Pick<FlagRef, 'watchlist' | 'itemKey'>>): Promise<Array<StoredMatch | undefined>> {
    return this.archive.getMatches(refs);
  }
}
