/**
 * Suggestions for one watch-list from labelled cases: aliases for its entities, terms to add
 * and to exclude, and a threshold, each with the figures it gives; learned on part of the
 * cases and judged on the part held back, so what is suggested generalises.
 */
import { compileWatchlists, splitTitle, type BacktestCase } from '../classify/index.js';
import type { WatchlistConfig, WatchlistsFile } from '../config/schema.js';
import { WirewatchError } from '../errors.js';
import { suggestAliases } from './aliases.js';
import { caseTerms, queryTerm, tokenize } from './candidates.js';
import { assignFolds, crossValidate, type CrossValidation } from './cross-validate.js';
import { figuresFromPairs } from './figures.js';
import { bestF1Threshold, figuresAt } from './landscape.js';
import { probeTerms, type Probe } from './probe.js';
import { scoreWatchlist, watchlistFigures } from './score-cases.js';
import type { ScoredCase } from './types.js';
import { bestWith, figuresAfter, pruneMoves, searchPath, type Base, type Move, type SearchSpace } from './search.js';
import type { AliasSuggestion, Suggestion, SuggestOptions, TermSuggestion } from './suggestion.js';

export class SuggestError extends WirewatchError {
  constructor(message: string) {
    super('suggest', message, { permanent: true });
  }
}

const DEFAULTS: Required<SuggestOptions> = { folds: 4, penalty: 0.001, maxSteps: 60, poolSize: 400 };

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

/** Each case's candidate terms (folded), and how the texts write each word (for the capitals rule). */
interface CaseTerms { terms: Set<string>[]; caps: Map<string, [number, number]> }

function readTerms(cases: BacktestCase[]): CaseTerms {
  const caps = new Map<string, [number, number]>();
  const terms = cases.map((c) => { const { title, body } = splitTitle(c); return caseTerms(`${title}\n${body}`, caps); });
  return { terms, caps };
}

/**
 * Terms worth trying on the cases `idx`: those more common, for their share of the cases, in
 * the must cases (to add) or in the mustNot cases (to exclude), strongest first. Folded keys.
 */
function termPool(ct: CaseTerms, idx: number[], positive: Uint8Array, wl: WatchlistConfig, support: number, size: number): string[] {
  const df = new Map<string, [number, number]>();
  let P = 0;
  for (const i of idx) {
    P += positive[i]!;
    for (const t of ct.terms[i]!) {
      const d = df.get(t) ?? [0, 0];
      d[positive[i] ? 0 : 1]++;
      df.set(t, d);
    }
  }
  const sizes = [Math.max(1, P), Math.max(1, idx.length - P)];
  // A term the watch-list already uses, or a phrase around one of its words, adds nothing new.
  const used = new Set(tokenize(`${wl.query} ${Object.keys(wl.weights ?? {}).join(' ')}`).map((t) => t.key));
  const rows = [...df].filter(([t]) => !t.split(' ').some((w) => used.has(w)))
    .map(([t, d]) => ({ t, d, rate: [d[0] / sizes[0]!, d[1] / sizes[1]!] as const }));
  const rank = (k: 0 | 1) => rows.filter((r) => r.d[k] >= support && r.rate[k] > r.rate[1 - k]!)
    .map((r) => ({ t: r.t, v: r.rate[k] * (r.rate[k] / (r.rate[0] + r.rate[1])) }))
    .sort((a, b) => b.v - a.v || a.t.localeCompare(b.t)).slice(0, k === 0 ? size : size / 2).map((r) => r.t);
  return [...new Set([...rank(0), ...rank(1)])];
}

/** The pool of all the cases, and one per fold from its training cases only, so no fold sees its held-back cases. */
function termPools(ct: CaseTerms, fold: number[], k: number, positive: Uint8Array, wl: WatchlistConfig, support: number, size: number) {
  const all = fold.map((_, i) => i);
  return { all: termPool(ct, all, positive, wl, support, size), folds: Array.from({ length: k }, (_, f) => termPool(ct, all.filter((i) => fold[i] !== f), positive, wl, support, size)) };
}

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

function describeMoves(space: SearchSpace, moves: Move[], thresholds: number[], all: number[]): TermSuggestion[] {
  const { base, probe } = space;
  return moves.map((move, m) => {
    const pres = probe.present[move.term]!;
    let inPositives = 0, inMisses = 0, inNegatives = 0;
    for (let i = 0; i < pres.length; i++) {
      if (!pres[i]) continue;
      if (!base.positive[i]) inNegatives++;
      else { inPositives++; if (!base.matched[i]) inMisses++; }
    }
    const after = figuresAfter(space, moves.slice(0, m + 1), thresholds[m]!, all);
    return { kind: move.kind, term: probe.terms[move.term]!, inPositives, inMisses, inNegatives, threshold: thresholds[m]!, after };
  });
}

/** One way to score the suggested watch-list, searched and cross-validated on its own. */
interface Variant {
  space: SearchSpace;
  cv: CrossValidation;
  /** Weights to start from: the original's, or 1 on each of its terms when hits are to count. */
  weights?: Record<string, number>;
}

interface SearchContext {
  file: WatchlistsFile;
  watchlist: string;
  cases: BacktestCase[];
  base: Base;
  probe: Probe;
  support: number;
  o: Required<SuggestOptions>;
  folds: number;
  /** Which probe terms the search on all cases, and on each fold, may use. */
  allowed: { all: Uint8Array; folds: Uint8Array[] };
}

/**
 * How the suggested watch-list scores: as it does (its weights, or the number of distinct terms
 * that hit), or, for a list without weights, weight 1 on every term so that repeated mentions
 * count (up to 3 a term). Each is searched and cross-validated; the better on held-back cases wins.
 */
function searchVariants(ctx: SearchContext): Variant {
  const original = ctx.file.watchlists[ctx.watchlist]!;
  const ids = ctx.cases.map((c) => c.id);
  const make = (base: Base, weighted: boolean, weights?: Record<string, number>): Variant => {
    const space: SearchSpace = { base, probe: ctx.probe, weighted, minSupport: ctx.support, maxSteps: ctx.o.maxSteps, minGain: 0.001, allowed: ctx.allowed.all };
    return { space, cv: crossValidate(space, ids, ctx.folds, ctx.o.penalty, ctx.allowed.folds), ...(weights ? { weights } : {}) };
  };
  const plain = make(ctx.base, Boolean(original.weights), original.weights);
  if (original.weights) return plain;
  const terms = compileWatchlists(ctx.file).watchlists.find((w) => w.id === ctx.watchlist)!.terms.map((t) => t.text);
  const own = probeTerms(terms, ctx.cases.map(splitTitle), ctx.file.entities);
  if (own.terms.length !== terms.length) return plain;
  const score = Float64Array.from(ctx.base.score, (_, i) => own.counts.reduce((n, c) => n + c[i]!, 0));
  const counted = make({ ...ctx.base, score }, true, Object.fromEntries(terms.map((t) => [t, 1])));
  const value = (v: Variant) => v.cv.heldOut[v.cv.chosen]!.f1 - ctx.o.penalty * v.cv.chosen;
  return value(counted) > value(plain) + 1e-9 ? counted : plain;
}

function checkCases(watchlist: string, cases: BacktestCase[]): { positives: number; support: number } {
  const positives = cases.filter((c) => c.must?.includes(watchlist)).length;
  const support = minSupport(positives);
  if (positives < 2 * support || cases.length - positives < 2) {
    throw new SuggestError(`${watchlist}: too few cases to learn from (${positives} must, ${cases.length - positives} mustNot; at least ${2 * support} must and 2 mustNot)`);
  }
  return { positives, support };
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
  const folds = Math.min(o.folds, positives);
  const ct = readTerms(cases);
  const pools = termPools(ct, assignFolds(cases.map((c) => c.id), base.positive, folds), folds, base.positive, original, support, o.poolSize);
  const keys = [...new Set([...pools.all, ...pools.folds.flat()])];
  const probe = probeTerms(keys.map((t) => queryTerm(t, ct.caps)), cases.map(splitTitle), withAliases.entities);
  const allowed = (pool: string[]) => { const set = new Set(pool.map((t) => queryTerm(t, ct.caps))); return Uint8Array.from(probe.terms, (t) => (set.has(t) ? 1 : 0)); };
  const v = searchVariants({ file: withAliases, watchlist, cases, base, probe, support, o, folds, allowed: { all: allowed(pools.all), folds: pools.folds.map(allowed) } });
  const all = cases.map((_, i) => i);
  const { moves, thresholds, threshold } = finalMoves(v, all, original.threshold);
  const name = (kind: Move['kind']) => moves.filter((m) => m.kind === kind).map((m) => probe.terms[m.term]!);
  const start = v.weights ? { ...original, weights: v.weights } : original;
  const suggested = applyMoves(start, name('add'), name('exclude'), threshold);
  const after = { ...withAliases, watchlists: { ...withAliases.watchlists, [watchlist]: suggested } };
  return {
    watchlist, cases: { must: positives, mustNot: cases.length - positives }, minSupport: support,
    before: figuresAt(scoredBefore, original.threshold), thresholdOnly: { threshold: thresholdOnly, figures: figuresAt(scoredBefore, thresholdOnly) },
    aliases, terms: describeMoves(v.space, moves, thresholds, all), countHits: !original.weights && Boolean(v.weights),
    threshold, after: watchlistFigures(after, watchlist, cases),
    heldOut: { folds, thresholdOnly: v.cv.heldOut[0]!, after: v.cv.heldOut[v.cv.chosen]!, path: v.cv.heldOut },
    watchlistsFile: after,
  };
}

function withEntityAliases(file: WatchlistsFile, aliases: AliasSuggestion[]): WatchlistsFile {
  if (aliases.length === 0) return file;
  const entities = { ...file.entities };
  for (const a of aliases) entities[a.entity] = { ...entities[a.entity]!, aliases: [...entities[a.entity]!.aliases, a.alias] };
  return { ...file, entities };
}
