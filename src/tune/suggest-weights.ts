/**
 * Suggestions as a learned weighted list: the list's own terms and the new ones each get a
 * whole-number weight (negative for terms of other topics, which stay out of the query), and
 * the threshold applies to their sum. See weighted.ts for how the weights are learned.
 */
import type { WatchlistConfig } from '../config/schema.js';
import { termCounts } from './suggest-terms.js';
import type { SuggestContext } from './suggest-context.js';
import type { TermSuggestion } from './suggestion.js';
import type { VariantResult } from './types.js';
import { crossValidateWeighted, finalWeighted, weightedFigures, type WeightedModel, type WeightedSpace } from './weighted.js';

/** The suggested list: new positive terms ORed into the query, every term weighted. */
function learnedList(ctx: SuggestContext, space: WeightedSpace, m: WeightedModel): { watchlist: WatchlistConfig; weights: Record<string, number> } {
  const terms = m.terms.map((t) => ctx.probe.terms[t]!);
  const weights = Object.fromEntries(terms.map((t, k) => [t, m.weights[k]!]));
  const adds = terms.filter((_, k) => k >= space.own.length && m.weights[k]! > 0);
  const query = adds.length ? [ctx.original.query.trim(), ...adds].join(' OR ') : ctx.original.query;
  return { watchlist: { ...ctx.original, query, weights, threshold: m.threshold }, weights };
}

/** New terms, strongest weight first, each with the figures of the list up to it (own terms included). */
function describe(ctx: SuggestContext, space: WeightedSpace, m: WeightedModel): TermSuggestion[] {
  const all = ctx.cases.map((_, i) => i);
  const own = space.own.length;
  const order = m.terms.map((_, k) => k).slice(own).sort((a, b) => Math.abs(m.weights[b]!) - Math.abs(m.weights[a]!) || a - b);
  return order.map((k, n) => {
    const upTo = [...Array.from({ length: own }, (_, j) => j), ...order.slice(0, n + 1)];
    const part = { terms: upTo.map((j) => m.terms[j]!), weights: upTo.map((j) => m.weights[j]!), threshold: m.threshold };
    const t = m.terms[k]!;
    return {
      kind: m.weights[k]! > 0 ? 'add' as const : 'against' as const, weight: m.weights[k]!, term: ctx.probe.terms[t]!,
      ...termCounts(ctx.base, ctx.probe.present[t]!), threshold: m.threshold, after: weightedFigures(space, part, all),
    };
  });
}

/** The learned list, cross-validated; none when the list's own terms could not be probed. */
export function weightedVariant(ctx: SuggestContext): VariantResult[] {
  if (ctx.own === 0) return [];
  const space: WeightedSpace = {
    probe: ctx.probe, positive: ctx.base.positive, baseMatched: ctx.base.matched,
    own: Array.from({ length: ctx.own }, (_, i) => i), minSupport: ctx.support,
  };
  const cv = crossValidateWeighted(space, ctx.fold, ctx.folds, ctx.allowed.folds, ctx.o.penalty);
  return [{
    scoring: 'learned', path: cv.path, chosen: cv.chosen,
    finish: () => {
      const m = finalWeighted(space, ctx.allowed.all, cv);
      return { scoring: 'learned', terms: describe(ctx, space, m), threshold: m.threshold, ...learnedList(ctx, space, m) };
    },
  }];
}
