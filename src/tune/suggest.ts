/**
 * Suggestions for one watch-list from labelled cases: aliases for its entities, terms to add
 * and to exclude (or a weight for every term), and a threshold, each with the figures it
 * gives; learned on part of the cases and judged on the part held back, so what is suggested
 * generalises. Of the ways of suggesting, the one with the best held-back F1, less a penalty
 * per term, wins.
 */
import type { BacktestCase } from '../classify/index.js';
import type { WatchlistsFile } from '../config/schema.js';
import { WirewatchError } from '../errors.js';
import { suggestAliases } from './aliases.js';
import { suggestNear } from './near.js';
import { bestF1Threshold, figuresAt } from './landscape.js';
import { scoreWatchlist, watchlistFigures } from './score-cases.js';
import type { Base } from './search.js';
import { prepareContext } from './suggest-context.js';
import { termVariants } from './suggest-terms.js';
import { weightedVariant } from './suggest-weights.js';
import type { AliasSuggestion, Suggestion, SuggestOptions } from './suggestion.js';
import { figuresOf } from './figures.js';
import type { Figures, ScoredCase, VariantResult } from './types.js';

export { applyMoves } from './suggest-terms.js';

export class SuggestError extends WirewatchError {
  constructor(message: string) {
    super('suggest', message, { permanent: true });
  }
}

const DEFAULTS: Required<SuggestOptions> = { folds: 4, penalty: 0.0003, maxSteps: 60, poolSize: 400 };

/** A term must hit at least this many positive cases: never one case's quirk. */
export function minSupport(positives: number): number {
  return Math.max(3, Math.ceil(positives * 0.03));
}

function labelled(cases: BacktestCase[], watchlist: string): BacktestCase[] {
  return cases.filter((c) => c.must?.includes(watchlist) || c.mustNot?.includes(watchlist));
}

function baseOf(scored: ScoredCase[]): Base {
  return {
    positive: Uint8Array.from(scored, (c) => (c.positive ? 1 : 0)),
    matched: Uint8Array.from(scored, (c) => (c.queryMatched ? 1 : 0)),
    score: Float64Array.from(scored, (c) => c.score),
  };
}

function checkCases(watchlist: string, cases: BacktestCase[]): { positives: number; support: number } {
  const positives = cases.filter((c) => c.must?.includes(watchlist)).length;
  const support = minSupport(positives);
  if (positives < 2 * support || cases.length - positives < 2) {
    throw new SuggestError(`${watchlist}: too few cases to learn from (${positives} must, ${cases.length - positives} mustNot; at least ${2 * support} must and 2 mustNot)`);
  }
  return { positives, support };
}

function withEntityAliases(file: WatchlistsFile, aliases: AliasSuggestion[]): WatchlistsFile {
  if (aliases.length === 0) return file;
  const entities = { ...file.entities };
  for (const a of aliases) entities[a.entity] = { ...entities[a.entity]!, aliases: [...entities[a.entity]!.aliases, a.alias] };
  return { ...file, entities };
}

/** The variant with the best held-back F1 less the penalty per term; of equals, the first listed. */
function bestVariant(variants: VariantResult[], penalty: number): VariantResult {
  const value = (v: VariantResult) => v.path[v.chosen]!.figures.f1 - penalty * v.path[v.chosen]!.terms;
  return variants.reduce((best, v) => (value(v) > value(best) + 1e-9 ? v : best));
}

/** Held-back figures moved by what a NEAR changed on the held-back folds (hits and false alarms). */
function shifted(f: Figures, without: Figures, withNear: Figures): Figures {
  const tp = f.truePositives + withNear.truePositives - without.truePositives;
  const fp = Math.max(0, f.falsePositives + withNear.falsePositives - without.falsePositives);
  const positives = f.truePositives + f.falseNegatives, negatives = f.falsePositives + f.trueNegatives;
  return figuresOf(tp, fp, positives - tp, negatives - fp);
}

export function suggestWatchlist(file: WatchlistsFile, watchlist: string, allCases: BacktestCase[], options: SuggestOptions = {}): Suggestion {
  const o = { ...DEFAULTS, ...options };
  if (!Object.hasOwn(file.watchlists, watchlist)) {
    throw new SuggestError(`no watch-list "${watchlist}" (known: ${Object.keys(file.watchlists).join(', ') || 'none'})`);
  }
  const cases = labelled(allCases, watchlist);
  const { positives, support } = checkCases(watchlist, cases);
  const original = file.watchlists[watchlist]!;
  const scoredBefore = scoreWatchlist(file, watchlist, cases);
  const thresholdOnly = bestF1Threshold(scoredBefore, original.threshold);
  const aliases: AliasSuggestion[] = suggestAliases(file, watchlist, cases, support);
  const withAliases = withEntityAliases(file, aliases);
  const base = baseOf(aliases.length ? scoreWatchlist(withAliases, watchlist, cases) : scoredBefore);
  const ctx = prepareContext(withAliases, watchlist, cases, base, support, o, positives);
  const variants = [...termVariants(ctx), ...weightedVariant(ctx)];
  const v = bestVariant(variants, o.penalty);
  const s = v.finish();
  const near = suggestNear(ctx, s.watchlist);
  if (near) { s.watchlist = near.watchlist; s.terms.push(near.term); }
  const heldOut = near ? shifted(v.path[v.chosen]!.figures, near.heldOut.without, near.heldOut.with) : v.path[v.chosen]!.figures;
  const after = { ...withAliases, watchlists: { ...withAliases.watchlists, [watchlist]: s.watchlist } };
  return {
    watchlist, cases: { must: positives, mustNot: cases.length - positives }, minSupport: support,
    before: figuresAt(scoredBefore, original.threshold), thresholdOnly: { threshold: thresholdOnly, figures: figuresAt(scoredBefore, thresholdOnly) },
    aliases, terms: s.terms, scoring: s.scoring, ...(s.weights ? { weights: s.weights } : {}),
    threshold: s.threshold, after: watchlistFigures(after, watchlist, cases),
    heldOut: { folds: ctx.folds, thresholdOnly: variants[0]!.path[0]!.figures, after: heldOut, path: v.path },
    watchlistsFile: after,
  };
}
