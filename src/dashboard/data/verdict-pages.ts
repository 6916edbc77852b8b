/**
 * What the pages show of verdicts: the verdict already given on each flag shown, the stored
 * items a text filter finds that a watch-list did not flag (for "should have been flagged"),
 * and one watch-list's verdicts with their weekly backtest.
 */
import type { StoredItem } from '../../types.js';
import type { VerdictKind } from '../../tune/types.js';
import type { WorkerContext } from '../../workers/context.js';
import { RequestError } from '../errors.js';
import { listFeedback, type FeedbackList } from './feedback.js';
import { filterWords } from './items.js';
import { listWatchlists, type WatchlistRow } from './watchlists.js';

/** How many of the newest stored items the text filter looks through for unflagged ones. */
export const UNFLAGGED_SCAN = 500;
/** How many of them a page lists. */
export const UNFLAGGED_SHOWN = 20;

export const verdictKey = (watchlist: string, itemKey: string) => `${watchlist}\n${itemKey}`;

/** The verdict given on each (watch-list, item) pair, keyed by verdictKey. */
export async function verdictsOn(ctx: WorkerContext, pairs: Array<{ watchlist: string; itemKey: string }>): Promise<Map<string, VerdictKind>> {
  const byList = new Map<string, string[]>();
  for (const p of pairs) byList.set(p.watchlist, [...(byList.get(p.watchlist) ?? []), p.itemKey]);
  const found = await Promise.all([...byList].map(([w, keys]) => ctx.store.feedback.get(w, keys)));
  const out = new Map<string, VerdictKind>();
  for (const verdicts of found) for (const v of verdicts.values()) out.set(verdictKey(v.watchlist, v.itemKey), v.verdict);
  return out;
}

export interface UnflaggedItems {
  /** The watch-list that did not flag them; without one, items flagged by none. */
  watchlist?: string;
  items: StoredItem[];
  /** Among the newest UNFLAGGED_SCAN stored items. */
  scanned: number;
}

/** Stored items with every word of `q` that the watch-list (or, with none, no watch-list) did not flag; newest first. */
export async function findUnflagged(ctx: WorkerContext, q: string, watchlist?: string): Promise<UnflaggedItems> {
  const words = filterWords(q).map((w) => w.toLowerCase());
  const recent = await ctx.store.items.listRecent(UNFLAGGED_SCAN);
  const withWords = recent.filter((it) => {
    const text = `${it.title}\n${it.summary}\n${it.body}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  const lists = watchlist ? [watchlist] : Object.keys(ctx.live.current().config.watchlists.watchlists);
  const items: StoredItem[] = [];
  for (const it of withWords) {
    if (items.length >= UNFLAGGED_SHOWN) break;
    const matches = await Promise.all(lists.map((w) => ctx.store.items.getMatch(w, it.key)));
    if (matches.every((m) => !m)) items.push(it);
  }
  return { ...(watchlist ? { watchlist } : {}), items, scanned: recent.length };
}

export interface WatchlistVerdicts {
  row: WatchlistRow;
  feedback: FeedbackList;
}

/** One watch-list's card, its verdicts and their weekly backtest; 404 for an unknown one. */
export async function loadWatchlistVerdicts(ctx: WorkerContext, id: string): Promise<WatchlistVerdicts> {
  if (!Object.hasOwn(ctx.live.current().config.watchlists.watchlists, id)) throw new RequestError(404, `no watch-list "${id}"`);
  const [rows, feedback] = await Promise.all([listWatchlists(ctx), listFeedback(ctx, { watchlist: id })]);
  const row = rows.find((r) => r.id === id);
  if (!row) throw new RequestError(404, `no watch-list "${id}"`);
  return { row, feedback };
}
