/** What `wirewatch suggest` proposes for one watch-list, with the figures behind each part. */
import type { WatchlistsFile } from '../config/schema.js';
import type { Figures } from './types.js';

export type Scoring = 'as-is' | 'hits' | 'learned';

export interface SuggestOptions {
  /** Cross-validation folds (default 4). */
  folds?: number;
  /** F1 a term must earn on held-back cases to be kept (default 0.0003). */
  penalty?: number;
  /** The most terms and exclusions the search considers (default 40). */
  maxSteps?: number;
  /** Candidate terms probed (default 400, and half as many exclusions). */
  poolSize?: number;
}

/**
 * A term to add (ORed into the query), to exclude (AND NOT), in a learned list to count
 * against (a negative weight, not in the query), or a term of the query made to count only
 * near another (`near`: `term` is the constraint); in the order the search took it, or for a
 * learned list strongest weight first; a NEAR comes last.
 */
export interface TermSuggestion {
  kind: 'add' | 'exclude' | 'against' | 'near';
  /** Its weight, when the list has learned weights. */
  weight?: number;
  /** As written in the query. */
  term: string;
  /** Cases that contain it: labelled must, must but missed by the watch-list as it is, labelled mustNot. */
  inPositives: number;
  inMisses: number;
  inNegatives: number;
  /** The threshold and the figures on the cases once this and every earlier term is applied. */
  threshold: number;
  after: Figures;
}

export interface AliasSuggestion {
  entity: string;
  alias: string;
  /** Missed must cases where the recognizer found the name, and mustNot cases that have it. */
  inMisses: number;
  inNegatives: number;
  /** Figures on the cases with this alias (and the earlier ones) added, nothing else changed. */
  after: Figures;
}

export interface Suggestion {
  watchlist: string;
  cases: { must: number; mustNot: number };
  /** The fewest must cases a term had to occur in. */
  minSupport: number;
  /** The watch-list as it is. */
  before: Figures;
  /** The threshold alone (nothing else changed) that maximises F1 on the cases. */
  thresholdOnly: { threshold: number; figures: Figures };
  aliases: AliasSuggestion[];
  terms: TermSuggestion[];
  /**
   * How the suggested list scores: `as-is` (as it did; new terms weight 1 if it has weights),
   * `hits` (weight 1 on every term, so repeated mentions count), or `learned` (a weight for
   * every term, learned from the cases, and a threshold on their sum).
   */
  scoring: Scoring;
  /** With `learned`: every weight of the suggested list, its own terms' included. */
  weights?: Record<string, number>;
  threshold: number;
  /** Everything applied, on all the cases (learned on them: optimistic). */
  after: Figures;
  /** Cross-validated: the search learned on the other folds; figures pooled over the held-back folds. */
  heldOut: { folds: number; thresholdOnly: Figures; after: Figures; path: Array<{ terms: number; figures: Figures }> };
  /** The watch-lists file with the suggestion applied. */
  watchlistsFile: WatchlistsFile;
}
