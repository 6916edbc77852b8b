/**
 * Each labelled case's verdict on each watch-list it is labelled for: whether the query
 * matched and the score, which is all a threshold decides on. Built over classifyItem.
 */
import { classifyItem, compileWatchlists, splitTitle, type BacktestCase, type Classifier } from '../classify/index.js';
import type { WatchlistsFile } from '../config/schema.js';
import { figuresFromPairs } from './figures.js';
import type { Figures, ScoredCase } from './types.js';

/** Watch-list id -> its labelled cases, in case order; only watch-lists the classifier knows. */
export function scoreCases(classifier: Classifier, cases: BacktestCase[], only?: string[], recognize = true): Map<string, ScoredCase[]> {
  const known = new Set(classifier.watchlists.map((w) => w.id).filter((id) => !only || only.includes(id)));
  const out = new Map<string, ScoredCase[]>();
  for (const c of cases) {
    const labels = [...(c.must ?? []).map((w) => [w, true] as const), ...(c.mustNot ?? []).map((w) => [w, false] as const)]
      .filter(([w]) => known.has(w));
    if (labels.length === 0) continue;
    const { matches } = classifyItem(classifier, splitTitle(c), { watchlists: labels.map(([w]) => w), recognize });
    for (const [watchlist, positive] of labels) {
      const m = matches.find((x) => x.watchlist === watchlist);
      if (!m) continue;
      const list = out.get(watchlist) ?? [];
      list.push({ caseId: c.id, positive, queryMatched: m.queryMatched, score: m.score });
      out.set(watchlist, list);
    }
  }
  return out;
}

/**
 * Whether a watch-list's verdicts depend on recognized names (person:, org:, place:); the
 * recognizer is the slow part of classifying, and nothing else needs it.
 */
export function needsRecognition(file: WatchlistsFile, watchlist: string): boolean {
  const wl = file.watchlists[watchlist]!;
  return /(^|[\s(])(person|org|place):/.test([wl.query, ...Object.keys(wl.weights ?? {})].join(' '));
}

/** One watch-list's verdicts on the cases labelled for it (in case order). */
export function scoreWatchlist(file: WatchlistsFile, watchlist: string, cases: BacktestCase[]): ScoredCase[] {
  return scoreCases(compileWatchlists(file), cases, [watchlist], needsRecognition(file, watchlist)).get(watchlist) ?? [];
}

/** One watch-list's figures on the cases labelled for it, at its own threshold. */
export function watchlistFigures(file: WatchlistsFile, watchlist: string, cases: BacktestCase[]): Figures {
  const scored = scoreWatchlist(file, watchlist, cases);
  const threshold = file.watchlists[watchlist]!.threshold;
  return figuresFromPairs(scored.map((c) => ({ positive: c.positive, flagged: c.queryMatched && c.score >= threshold })));
}
