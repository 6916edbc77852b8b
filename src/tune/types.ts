/** The plain data of tuning: analysts' verdicts, score landscapes and suggestions. */
import type { WatchlistStats } from '../classify/index.js';
import type { WatchlistConfig } from '../config/schema.js';
import type { Scoring, TermSuggestion } from './suggestion.js';

/**
 * What an analyst said about one item for one watch-list: a flag was right (`relevant`), a
 * false alarm (`not-relevant`), or the item should have been flagged and was not (`missed`).
 */
export type VerdictKind = 'relevant' | 'not-relevant' | 'missed';

export const VERDICT_KINDS: readonly VerdictKind[] = ['relevant', 'not-relevant', 'missed'];

/** One verdict, kept with the item's text so it outlives the item (and can become a backtest case). */
export interface Verdict {
  watchlist: string;
  /** The stored item's key, or `text-<hash>` for text pasted into the "try it" box. */
  itemKey: string;
  verdict: VerdictKind;
  title: string;
  body: string;
  url?: string;
  feedId?: string;
  /** ISO time the verdict was given. */
  at: string;
  /** Who gave it, when the client says. */
  by?: string;
  /** The watch-list's score and flag on the item when the verdict was given. */
  score?: number;
  flagged?: boolean;
}

/** A backtest's counts and precision and recall (as for a watch-list), with F1 (0 when either is null or both 0). */
export type Figures = Omit<WatchlistStats, 'watchlist'> & { f1: number };

/** One labelled case as the landscape and the suggester see it on one watch-list. */
export interface ScoredCase {
  caseId: string;
  positive: boolean;
  queryMatched: boolean;
  score: number;
}

/**
 * One way of suggesting, cross-validated: held-back figures by number of terms, the number
 * chosen, and the suggestion it makes on all the cases (computed only for the one that wins).
 */
export interface VariantResult {
  scoring: Scoring;
  path: Array<{ terms: number; figures: Figures }>;
  /** Index into path. */
  chosen: number;
  finish(): { scoring: Scoring; terms: TermSuggestion[]; threshold: number; watchlist: WatchlistConfig; weights?: Record<string, number> };
}
