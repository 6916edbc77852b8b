/** What `wirewatch suggest` proposes for one watch-list, with the figures behind each part. */
import type { WatchlistsFile } from '../config/schema.js';
import type { Figures } from './types.js';

export interface SuggestOptions {
  /** Cross-validation folds (default 4). */
  folds?: number;
  /** F1 a term must earn on held-back cases to be kept (default 0.001). */
  penalty?: number;
  /** The most terms and exclusions the search considers (default 40). */
  maxSteps?: number;
  /** Candidate terms probed (default 400, and half as many exclusions). */
  poolSize?: number;
}

/** A term to add (ORed into the query) or to exclude (AND NOT), in the order the search took it. */
export interface TermSuggestion {
  kind: 'add' | 'exclude';
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
  /** The list had no weights and now gets weight 1 on every term, so repeated mentions count. */
  countHits: boolean;
  threshold: number;
  /** Everything applied, on all the cases (learned on them: optimistic). */
  after: Figures;
  /** Cross-validated: the search learned on the other folds; figures pooled over the held-back folds. */
  heldOut: { folds: number; thresholdOnly: Figures; after: Figures; path: Figures[] };
  /** The watch-lists file with the suggestion applied. */
  watchlistsFile: WatchlistsFile;
}
