/**
 * Each labelled case's verdict on each watch-list it is labelled for: whether the query
 * matched and the score, which is all a threshold decides on. Built over classifyItem.
 */
import { classifyItem, splitTitle, type BacktestCase, type Classifier } from '../classify/index.js';
import type { ScoredCase } from './types.js';

/** Watch-list id -> its labelled cases, in case order; only watch-lists the classifier knows. */
export function scoreCases(classifier: Classifier, cases: BacktestCase[], only?: string[]): Map<string, ScoredCase[]> {
  const known = new Set(classifier.watchlists.map((w) => w.id).filter((id) => !only || only.includes(id)));
  const out = new Map<string, ScoredCase[]>();
  for (const c of cases) {
    const labels = [...(c.must ?? []).map((w) => [w, true] as const), ...(c.mustNot ?? []).map((w) => [w, false] as const)]
      .filter(([w]) => known.has(w));
    if (labels.length === 0) continue;
    const { matches } = classifyItem(classifier, splitTitle(c), { watchlists: labels.map(([w]) => w) });
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
