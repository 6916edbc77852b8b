/**
 * The one scoring rule (README.md, "The query language"): the sum over `weights` of weight x hits, each entry
 * counting at most 3 hits; with no weights, the number of distinct positive query terms that
 * hit. Verdicts and explanations (a reason's share of the score) both take it from here.
 */
import type { Classifier, CompiledWeight, FlatClassifier } from '../types.js';
import type { LeafHits, LeafMarks } from './leaf-eval.js';

/** A weight entry counts at most this many hits (README.md, "The query language"). */
export const MAX_COUNTED_HITS = 3;

/** How many times the entry's terms occur (an OR of terms adds up its parts). */
export function occurrencesOf(w: CompiledWeight, hits: LeafHits): number {
  let n = 0;
  for (const l of w.leaves) if (hits.has(l.id)) n += hits.get(l.id).length;
  return n;
}

/** What one weight entry adds to the score. */
export function weightPoints(w: CompiledWeight, hits: LeafHits): number {
  return w.weight * Math.min(MAX_COUNTED_HITS, occurrencesOf(w, hits));
}

/** The number of list i's distinct positive terms that hit (the score without weights). */
function countTerms(flat: FlatClassifier, list: number, m: LeafMarks): number {
  let n = 0;
  const ids = flat.termIds;
  for (let k = flat.termStart[list]!, end = flat.termStart[list + 1]!; k < end; k++) {
    if (m.leafHit[ids[k]!] === m.generation) n++;
  }
  return n;
}

/**
 * Watch-list i's score. `hitCount`, when known, is how many of its leaves hit: for a list
 * without weights whose every leaf is one positive term (flat.countIsScore), that is the score.
 */
export function scoreWatchlist(c: Classifier, i: number, hits: LeafHits, hitCount?: number): number {
  const flat = c.flat;
  if (flat.weighted[i] === 0) return hitCount !== undefined && flat.countIsScore[i] === 1 ? hitCount : countTerms(flat, i, hits.marks());
  let score = 0;
  for (const w of c.watchlists[i]!.weights) score += weightPoints(w, hits);
  return score;
}
