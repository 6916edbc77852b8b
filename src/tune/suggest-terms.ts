/**
 * Suggestions as terms ORed into the query and exclusions ANDed off it, the list scoring as it
 * does (or with weight 1 on every term): a greedy path of moves, cut where cross-validation
 * says, then pruned of moves that only repeat others.
 */
import type { WatchlistConfig } from '../config/schema.js';
import { crossValidate, type CrossValidation } from './cross-validate.js';
import { bestWith, figuresAfter, pruneMoves, searchPath, type Base, type Move, type SearchSpace } from './search.js';
import type { SuggestContext } from './suggest-context.js';
import type { Scoring, TermSuggestion } from './suggestion.js';
import type { VariantResult } from './types.js';

/** The watch-list with the moves applied: terms ORed in (and weighted 1 if it has weights), exclusions ANDed out. */
export function applyMoves(wl: WatchlistConfig, adds: string[], excludes: string[], threshold: number): WatchlistConfig {
  const group = (q: string) => (/^("[^"]*"|[^\s()"]+)$/.test(q.trim()) ? q.trim() : `(${q.trim()})`);
  let query = wl.query;
  // OR binds loosest, so `Q OR t` needs no parentheses around Q.
  if (adds.length) query = [query.trim(), ...adds].join(' OR ');
  if (excludes.length) query = `${group(query)} AND NOT ${excludes.length > 1 ? `(${excludes.join(' OR ')})` : excludes[0]}`;
  const out: WatchlistConfig = { ...wl, query, threshold };
  if (wl.weights && adds.length) out.weights = { ...wl.weights, ...Object.fromEntries(adds.map((t) => [t, 1])) };
  return out;
}

/** How many of the cases contain a term: must ones, must ones the list missed, mustNot ones. */
export function termCounts(base: Base, pres: Uint8Array): { inPositives: number; inMisses: number; inNegatives: number } {
  let inPositives = 0, inMisses = 0, inNegatives = 0;
  for (let i = 0; i < pres.length; i++) {
    if (!pres[i]) continue;
    if (!base.positive[i]) inNegatives++;
    else { inPositives++; if (!base.matched[i]) inMisses++; }
  }
  return { inPositives, inMisses, inNegatives };
}

function describeMoves(space: SearchSpace, moves: Move[], thresholds: number[], all: number[]): TermSuggestion[] {
  return moves.map((move, m) => {
    const after = figuresAfter(space, moves.slice(0, m + 1), thresholds[m]!, all);
    return { kind: move.kind, term: space.probe.terms[move.term]!, ...termCounts(space.base, space.probe.present[move.term]!), threshold: thresholds[m]!, after };
  });
}

/** One way to score the suggested watch-list, searched and cross-validated on its own. */
interface Variant {
  scoring: Scoring;
  space: SearchSpace;
  cv: CrossValidation;
  /** Weights to start from: the original's, or 1 on each of its terms when hits are to count. */
  weights?: Record<string, number>;
}

function makeVariant(ctx: SuggestContext, scoring: Scoring, base: Base, weights?: Record<string, number>): Variant {
  const space: SearchSpace = { base, probe: ctx.probe, weighted: Boolean(weights), minSupport: ctx.support, maxSteps: ctx.o.maxSteps, minGain: 0.001, allowed: ctx.allowed.all };
  return { scoring, space, cv: crossValidate(space, ctx.cases.map((c) => c.id), ctx.folds, ctx.o.penalty, ctx.allowed.folds), ...(weights ? { weights } : {}) };
}

/** The moves to keep on all the cases: the path cut where cross-validation says, then pruned. */
function finalMoves(v: Variant, all: number[], originalThreshold: number): { moves: Move[]; thresholds: number[]; threshold: number } {
  const path = searchPath(v.space, all);
  const pruned = pruneMoves(v.space, path.steps.slice(0, v.cv.chosen).map((s) => s.move), all);
  const moves = pruned.moves;
  const thresholds = moves.map((_, m) => bestWith(v.space, moves.slice(0, m + 1), all).threshold);
  let threshold = moves.length ? pruned.best.threshold : path.start.threshold;
  if (!Number.isFinite(threshold)) threshold = originalThreshold;
  // Keep the threshold as it is when it flags the same cases (no change for its own sake).
  const a = figuresAfter(v.space, moves, originalThreshold, all), b = figuresAfter(v.space, moves, threshold, all);
  if (a.truePositives === b.truePositives && a.falsePositives === b.falsePositives) threshold = originalThreshold;
  return { moves, thresholds, threshold };
}

function finish(ctx: SuggestContext, v: Variant): ReturnType<VariantResult['finish']> {
  const all = ctx.cases.map((_, i) => i);
  const { moves, thresholds, threshold } = finalMoves(v, all, ctx.original.threshold);
  const name = (kind: Move['kind']) => moves.filter((m) => m.kind === kind).map((m) => ctx.probe.terms[m.term]!);
  const start = v.weights ? { ...ctx.original, weights: v.weights } : ctx.original;
  return {
    scoring: v.scoring, terms: describeMoves(v.space, moves, thresholds, all), threshold,
    watchlist: applyMoves(start, name('add'), name('exclude'), threshold),
  };
}

function result(ctx: SuggestContext, v: Variant): VariantResult {
  const path = v.cv.heldOut.map((figures, terms) => ({ terms, figures }));
  return { scoring: v.scoring, path, chosen: v.cv.chosen, finish: () => finish(ctx, v) };
}

/**
 * As the list scores now (its weights, or the number of distinct terms that hit), and, for a
 * list without weights, with weight 1 on every term so that repeated mentions count (up to 3
 * a term). Each is searched and cross-validated.
 */
export function termVariants(ctx: SuggestContext): VariantResult[] {
  const plain = makeVariant(ctx, 'as-is', ctx.base, ctx.original.weights);
  if (ctx.original.weights || ctx.own === 0) return [result(ctx, plain)];
  const own = ctx.probe.counts.slice(0, ctx.own);
  const score = Float64Array.from(ctx.base.score, (_, i) => own.reduce((n, c) => n + c[i]!, 0));
  const weights = Object.fromEntries(ctx.probe.terms.slice(0, ctx.own).map((t) => [t, 1]));
  return [result(ctx, plain), result(ctx, makeVariant(ctx, 'hits', { ...ctx.base, score }, weights))];
}
