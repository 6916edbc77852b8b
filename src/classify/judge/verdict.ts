/** Turns the hit terms of one article into one watch-list's verdict: match, score, hits. */
import type { Hit, WatchlistMatch } from '../../types.js';
import { evalCode } from '../compile/flat.js';
import type { ArticleContext, Classifier, CompiledWatchlist } from '../types.js';
import type { LeafHits } from './leaf-eval.js';
import { collectReasons } from './reasons.js';
import { scoreWatchlist } from './score.js';
import { snippetOf } from './snippets.js';

/** Hits listed per term in an explanation: enough to see why, short enough to read. */
export const MAX_LISTED_HITS = 3;

/** The hits that explain a verdict: query terms first, then weight terms, each listed once. */
export function collectHits(wl: CompiledWatchlist, hits: LeafHits, ctx: ArticleContext): Hit[] {
  const out: Hit[] = [];
  for (const t of wl.explained) {
    if (!hits.has(t.id)) continue;
    const occ = hits.get(t.id);
    for (let k = 0; k < occ.length && k < MAX_LISTED_HITS; k++) {
      const o = occ[k]!;
      out.push({ term: t.text, field: o.field, start: o.start, end: o.end, snippet: snippetOf(ctx, o) });
    }
  }
  return out;
}

/** Does list i's query match, given the leaves that hit? (The one evaluator, on the flat code.) */
export function queryMatches(c: Classifier, i: number, hits: LeafHits): boolean {
  const m = hits.marks();
  return evalCode(c.flat.code, c.flat.codeStart[i]!, m.leafHit, m.generation);
}

/**
 * Watch-list i's verdict (it is touched: scratch.listHits counts its leaves that hit). Most
 * touched lists have fewer hits than their query needs: no evaluation, and for most the
 * count is the score.
 */
export function judgeWatchlist(c: Classifier, i: number, hits: LeafHits, ctx: ArticleContext, allHits: boolean): WatchlistMatch {
  const wl = c.watchlists[i]!;
  const hitCount = c.scratch.listHits[i]!;
  const queryMatched = hitCount >= c.flat.minHits[i]! && queryMatches(c, i, hits);
  const score = scoreWatchlist(c, i, hits, hitCount);
  const explain = queryMatched || allHits;
  const match: WatchlistMatch = {
    watchlist: wl.id, flagged: queryMatched && score >= wl.threshold, queryMatched, score,
    threshold: wl.threshold, hits: explain ? collectHits(wl, hits, ctx) : [],
  };
  if (wl.alert !== undefined) match.alert = wl.alert;
  if (explain) match.reasons = collectReasons(wl, hits, ctx);
  return match;
}
