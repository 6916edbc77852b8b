/** The plain data of tuning: analysts' verdicts, score landscapes and suggestions. */

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

/** Counts of one confusion matrix, and what follows from them. */
export interface Figures {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  /** null when nothing was flagged */
  precision: number | null;
  /** null when no case is positive */
  recall: number | null;
  /** 0 when precision or recall is null or both are 0 */
  f1: number;
}

/** One labelled case as the landscape and the suggester see it on one watch-list. */
export interface ScoredCase {
  caseId: string;
  positive: boolean;
  queryMatched: boolean;
  score: number;
}
