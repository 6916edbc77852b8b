/**
 * The reasons behind a verdict, as the score saw them: each weights entry (or, without weights,
 * each positive query term) with its points, its occurrences and the words that matched,
 * strongest first. Query terms without a weight come after, at 0 points: they made the query
 * match, and say so.
 */
import type { Reason } from '../../types.js';
import type { ArticleContext, CompiledWatchlist, Occurrence } from '../types.js';
import type { LeafHits } from './leaf-eval.js';
import { weightPoints } from './score.js';
import { fieldText } from './snippets.js';

const MAX_MATCHED = 3;
/** A matched text longer than this (a NEAR span, a regex match) is cut, with an ellipsis. */
const MAX_MATCHED_CHARS = 60;

function matchedText(ctx: ArticleContext, o: Occurrence): string | undefined {
  if (o.field !== 'title' && o.field !== 'body') return undefined; // feed:, tag: name no words of the text
  const text = fieldText(ctx, o.field).slice(o.start, Math.min(o.end, o.start + 4 * MAX_MATCHED_CHARS)).replace(/\s+/g, ' ').trim();
  return text.length > MAX_MATCHED_CHARS ? `${text.slice(0, MAX_MATCHED_CHARS - 1).trimEnd()}…` : text;
}

function reasonOf(term: string, points: number, occ: readonly Occurrence[], ctx: ArticleContext): Reason {
  const counts = new Map<string, number>();
  for (const o of occ) {
    const text = matchedText(ctx, o);
    if (text) counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  const matched = [...counts].sort((a, b) => b[1] - a[1]).slice(0, MAX_MATCHED).map(([text, count]) => ({ text, count }));
  return { term, points, count: occ.length, matched };
}

export function collectReasons(wl: CompiledWatchlist, hits: LeafHits, ctx: ArticleContext): Reason[] {
  const out: Reason[] = [];
  const weighted = new Set<string>();
  for (const w of wl.weights) {
    weighted.add(w.key);
    const occ = w.leaves.flatMap((l) => hits.get(l.id));
    if (occ.length > 0) out.push(reasonOf(w.key, weightPoints(w, hits), occ, ctx));
  }
  const termPoints = wl.weights.length > 0 ? 0 : 1;
  for (const t of wl.terms) {
    if (weighted.has(t.text) || !hits.has(t.id)) continue;
    out.push(reasonOf(t.text, termPoints, hits.get(t.id), ctx));
  }
  // Stable: equal reasons keep query order.
  return out.sort((a, b) => b.points - a.points || b.count - a.count);
}
