/**
 * What every way of suggesting works from: the cases labelled for one watch-list, how the list
 * as it is scores them, the folds, and one probe of the candidate terms (the list's own terms
 * first), with the terms the search on all cases and on each fold may use.
 */
import { compileWatchlists, splitTitle, type BacktestCase } from '../classify/index.js';
import type { WatchlistConfig, WatchlistsFile } from '../config/schema.js';
import { queryTerm } from './candidates.js';
import { assignFolds } from './cross-validate.js';
import { probeTerms, type Probe } from './probe.js';
import type { Base } from './search.js';
import type { SuggestOptions } from './suggestion.js';
import { readTerms, termPools } from './term-pool.js';

export interface SuggestContext {
  /** The watch-lists with any suggested aliases. */
  file: WatchlistsFile;
  watchlist: string;
  original: WatchlistConfig;
  cases: BacktestCase[];
  base: Base;
  probe: Probe;
  /**
   * How many of the probe's first terms are the list's own (its weights' keys, or its query's
   * terms); 0 when one of them could not be probed on its own.
   */
  own: number;
  /** Whether classifying needs the name recognizer (the list's own terms use person:, org: or place:). */
  recognize: boolean;
  support: number;
  o: Required<SuggestOptions>;
  folds: number;
  fold: number[];
  /** Which probe terms the search on all cases, and on each fold, may use. */
  allowed: { all: Uint8Array; folds: Uint8Array[] };
}

/** The list's own terms: what its score counts. */
function ownTerms(file: WatchlistsFile, watchlist: string): string[] {
  const wl = file.watchlists[watchlist]!;
  const compiled = compileWatchlists(file).watchlists.find((w) => w.id === watchlist)!;
  // With defaultWeight, the compiled weights also hold the terms it gives points to.
  if (wl.weights) return compiled.weights.map((w) => w.key);
  return compiled.terms.map((t) => t.text);
}

export function prepareContext(file: WatchlistsFile, watchlist: string, cases: BacktestCase[], base: Base, support: number, o: Required<SuggestOptions>, positives: number): SuggestContext {
  const original = file.watchlists[watchlist]!;
  const folds = Math.min(o.folds, positives);
  const fold = assignFolds(cases.map((c) => c.id), base.positive, folds);
  const ct = readTerms(cases);
  const pools = termPools(ct, fold, folds, base.positive, original, support, o.poolSize);
  const keys = [...new Set([...pools.all, ...pools.folds.flat()])].map((t) => queryTerm(t, ct.caps));
  const own = ownTerms(file, watchlist);
  // Names recognized in the text count only when the list's own terms ask for them (the recognizer is the slow part).
  const recognize = own.some((t) => /(^|[\s(])(person|org|place):/.test(t));
  const probe = probeTerms([...own, ...keys], cases.map(splitTitle), file.entities, recognize);
  const ownProbed = own.every((t, i) => probe.terms[i] === t);
  const allowed = (pool: string[]) => {
    const set = new Set(pool.map((t) => queryTerm(t, ct.caps)));
    return Uint8Array.from(probe.terms, (t, i) => (i >= own.length && set.has(t) ? 1 : 0));
  };
  return {
    file, watchlist, original, cases, base, probe, own: ownProbed ? own.length : 0, recognize, support, o, folds, fold,
    allowed: { all: allowed(pools.all), folds: pools.folds.map(allowed) },
  };
}
