/**
 * Which candidate terms each case contains, as the classifier itself sees them: every
 * candidate becomes a one-term watch-list of one probe classifier, and each case is
 * classified once. The search then adds and removes terms by arithmetic on these answers.
 */
import { classifyItem, compileWatchlists, QueryError, type Classifier } from '../classify/index.js';
import type { WatchlistsFile } from '../config/schema.js';
import type { ClassifyInput } from '../types.js';

export interface Probe {
  /** The terms as written in a query; a term the query language refused is left out. */
  terms: string[];
  /** Per term, per case: 1 when the term hits. */
  present: Uint8Array[];
  /** Per term, per case: its hits, at most 3 (what a weight of 1 adds to a score). */
  counts: Uint8Array[];
}

function probeFile(terms: string[], entities: WatchlistsFile['entities']): WatchlistsFile {
  const watchlists: WatchlistsFile['watchlists'] = {};
  terms.forEach((t, i) => { watchlists[`p${i}`] = { query: t, weights: { [t]: 1 }, threshold: 0 }; });
  return { entities, watchlists };
}

/** Compiles the probe, dropping any term the language refuses (QueryError names its watch-list). */
function compileProbe(terms: string[], entities: WatchlistsFile['entities']): { classifier: Classifier; terms: string[] } {
  let kept = terms;
  for (;;) {
    try {
      return { classifier: compileWatchlists(probeFile(kept, entities)), terms: kept };
    } catch (err) {
      const bad = err instanceof QueryError ? /^p(\d+)$/.exec(err.watchlist)?.[1] : undefined;
      if (bad === undefined) throw err;
      kept = kept.filter((_, i) => i !== Number(bad));
    }
  }
}

/** `recognize`: find names in the texts too, for terms such as `person:X` (slow; off by default). */
export function probeTerms(terms: string[], inputs: ClassifyInput[], entities: WatchlistsFile['entities'] = {}, recognize = false): Probe {
  const compiled = compileProbe(terms, entities);
  const n = inputs.length;
  const present = compiled.terms.map(() => new Uint8Array(n));
  const counts = compiled.terms.map(() => new Uint8Array(n));
  inputs.forEach((input, c) => {
    const { matches } = classifyItem(compiled.classifier, input, { recognize });
    matches.forEach((m, t) => {
      if (!m.queryMatched) return;
      present[t]![c] = 1;
      counts[t]![c] = m.score;
    });
  });
  return { terms: compiled.terms, present, counts };
}
