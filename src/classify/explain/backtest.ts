/**
 * Backtests: labelled texts run through the compiled watch-lists, scored as precision and
 * recall per watch-list, with the reason for every miss and every false alarm, so the person
 * tuning a watch-list sees the effect of a change before it ships.
 */
import type { ClassifyInput } from '../../types.js';
import { classifyDetailed } from '../classify.js';
import type { Classifier } from '../types.js';
import { explainFlag, explainMiss } from './explain.js';

/** One labelled text: the watch-lists that must flag it and those that must not. */
export interface BacktestCase {
  id: string;
  /** When absent, the first line of `text` is the title and the rest the body (as for files). */
  title?: string;
  text: string;
  must?: string[];
  mustNot?: string[];
}

/** What happened to one case on one watch-list it is labelled for. */
export interface CaseOutcome {
  caseId: string;
  /** How reports name the case: its title and id (`caseName`). */
  caseName: string;
  watchlist: string;
  expected: 'flag' | 'no flag';
  flagged: boolean;
  ok: boolean;
  score: number;
  threshold: number;
  /** Why it flagged (the terms that hit) or why not (the group that found nothing, the score). */
  reason: string;
}

export interface WatchlistStats {
  watchlist: string;
  /** Flagged and labelled must. */
  truePositives: number;
  /** Flagged but labelled mustNot. */
  falsePositives: number;
  /** Labelled must but not flagged. */
  falseNegatives: number;
  /** Labelled mustNot and not flagged. */
  trueNegatives: number;
  /** tp / (tp + fp); null when nothing was flagged among the labelled cases. */
  precision: number | null;
  /** tp / (tp + fn); null when no case is labelled must. */
  recall: number | null;
}

export interface BacktestReport {
  cases: number;
  watchlists: WatchlistStats[];
  outcomes: CaseOutcome[];
  /** The misses and false alarms. */
  failures: CaseOutcome[];
  /** Labels that name no watch-list of the config. */
  unknownWatchlists: string[];
  passed: boolean;
}

export function splitTitle(c: BacktestCase): ClassifyInput {
  if (c.title !== undefined) return { title: c.title, body: c.text };
  const cut = c.text.indexOf('\n');
  return cut < 0 ? { title: c.text, body: '' } : { title: c.text.slice(0, cut), body: c.text.slice(cut + 1) };
}

const NAME_CHARS = 70;

/**
 * A case as a person recognizes it: `"Its title" (its id)`, the title cut to 70 characters;
 * the id alone when there is no title. Verdicts' cases have ids like `g8ef8ce0...` that say nothing.
 */
export function caseName(c: BacktestCase): string {
  const title = splitTitle(c).title.replace(/\s+/g, ' ').trim();
  if (title === '' || title === c.id) return c.id;
  const cut = title.length > NAME_CHARS ? `${title.slice(0, NAME_CHARS - 1).trimEnd()}…` : title;
  return `"${cut}" (${c.id})`;
}

function runCase(classifier: Classifier, c: BacktestCase): CaseOutcome[] {
  const labels = [...(c.must ?? []).map((w) => [w, 'flag'] as const), ...(c.mustNot ?? []).map((w) => [w, 'no flag'] as const)];
  const ids = labels.map(([w]) => w).filter((w) => classifier.watchlists.some((wl) => wl.id === w));
  const { classification, hits } = classifyDetailed(classifier, splitTitle(c), { watchlists: ids });
  const out: CaseOutcome[] = [];
  for (const [watchlist, expected] of labels) {
    const match = classification.matches.find((m) => m.watchlist === watchlist);
    if (!match) continue;
    const reason = match.flagged ? explainFlag(match) : explainMiss(classifier, match, hits);
    const ok = match.flagged === (expected === 'flag');
    out.push({ caseId: c.id, caseName: caseName(c), watchlist, expected, flagged: match.flagged, ok, score: match.score, threshold: match.threshold, reason });
  }
  return out;
}

function statsFor(watchlist: string, outcomes: CaseOutcome[]): WatchlistStats {
  const mine = outcomes.filter((o) => o.watchlist === watchlist);
  const count = (expected: CaseOutcome['expected'], flagged: boolean) => mine.filter((o) => o.expected === expected && o.flagged === flagged).length;
  const tp = count('flag', true), fn = count('flag', false), fp = count('no flag', true), tn = count('no flag', false);
  return {
    watchlist, truePositives: tp, falsePositives: fp, falseNegatives: fn, trueNegatives: tn,
    precision: tp + fp === 0 ? null : tp / (tp + fp),
    recall: tp + fn === 0 ? null : tp / (tp + fn),
  };
}

/** Runs every case against the watch-lists it is labelled for. */
export function runBacktest(classifier: Classifier, cases: BacktestCase[]): BacktestReport {
  const outcomes = cases.flatMap((c) => runCase(classifier, c));
  const known = new Set(classifier.watchlists.map((w) => w.id));
  const labelled = [...new Set(cases.flatMap((c) => [...(c.must ?? []), ...(c.mustNot ?? [])]))];
  const unknownWatchlists = labelled.filter((w) => !known.has(w));
  const watchlists = classifier.watchlists.filter((w) => labelled.includes(w.id)).map((w) => statsFor(w.id, outcomes));
  const failures = outcomes.filter((o) => !o.ok);
  return { cases: cases.length, watchlists, outcomes, failures, unknownWatchlists, passed: failures.length === 0 && unknownWatchlists.length === 0 };
}
