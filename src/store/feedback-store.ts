/**
 * Analysts' verdicts, in the archive, one per (watch-list, item): a later verdict on the same
 * item replaces the earlier one. Verdicts carry the item's text and outlive the items'
 * retention, so they can still become backtest cases when the item is gone.
 */
import type { Verdict } from '../tune/types.js';
import type { Database } from './db/database.js';

export class FeedbackStore {
  constructor(private readonly db: Database) {}

  async save(v: Verdict): Promise<void> {
    await this.db.query(
      `INSERT INTO verdicts (watchlist, item_key, at, record) VALUES ($1, $2, $3, $4)
       ON CONFLICT (watchlist, item_key) DO UPDATE SET at = EXCLUDED.at, record = EXCLUDED.record`,
      [v.watchlist, v.itemKey, v.at, JSON.stringify(v)],
    );
  }

  /** One watch-list's verdicts, newest first. */
  async list(watchlist: string): Promise<Verdict[]> {
    return this.listAll([watchlist]);
  }

  /** The verdicts on some items of one watch-list, by item key (items without one left out). */
  async get(watchlist: string, itemKeys: string[]): Promise<Map<string, Verdict>> {
    if (itemKeys.length === 0) return new Map();
    const { rows } = await this.db.query<{ item_key: string; record: Verdict }>(
      'SELECT item_key, record FROM verdicts WHERE watchlist = $1 AND item_key = ANY($2)', [watchlist, itemKeys],
    );
    return new Map(rows.map((r) => [r.item_key, r.record]));
  }

  /** The watch-lists that have verdicts. */
  async watchlists(): Promise<string[]> {
    const { rows } = await this.db.query<{ watchlist: string }>('SELECT DISTINCT watchlist FROM verdicts ORDER BY watchlist');
    return rows.map((r) => r.watchlist);
  }

  /** Every verdict, or those of the watch-lists named; newest first. */
  async listAll(watchlists?: string[]): Promise<Verdict[]> {
    const { rows } = watchlists === undefined
      ? await this.db.query<{ record: Verdict }>('SELECT record FROM verdicts ORDER BY at DESC, watchlist, item_key')
      : await this.db.query<{ record: Verdict }>('SELECT record FROM verdicts WHERE watchlist = ANY($1) ORDER BY at DESC, watchlist, item_key', [watchlists]);
    return rows.map((r) => r.record);
  }
}
