/**
 * The score landscape of one watch-list over labelled cases: how the scores of the cases it
 * must flag and of those it must not are spread, the threshold that maximises F1, the lowest
 * that keeps precision at 0.9 or more, and what moving the threshold there would change.
 */
import { figuresFromPairs } from './figures.js';
import type { Figures, ScoredCase } from './types.js';

export const PRECISION_TARGET = 0.9;

export interface HistogramBin {
  /** Scores in [from, to] (one score when from === to). */
  from: number;
  to: number;
  must: number;
  mustNot: number;
}

/** What a threshold would do, against the current one. */
export interface ThresholdChoice {
  threshold: number;
  figures: Figures;
  /** Cases that would start or stop being flagged, by kind. */
  hitsGained: string[];
  hitsLost: string[];
  falseAlarmsAdded: string[];
  falseAlarmsRemoved: string[];
}

export interface Landscape {
  watchlist: string;
  threshold: number;
  current: Figures;
  /** Scores of the cases whose query matched (the threshold decides only those). */
  histogram: HistogramBin[];
  /** Cases whose query did not match: no threshold flags them. */
  queryUnmatched: { must: number; mustNot: number };
  bestF1: ThresholdChoice;
  /** null when no threshold reaches the precision target. */
  precisionTarget: ThresholdChoice | null;
}

const flaggedAt = (c: ScoredCase, t: number) => c.queryMatched && c.score >= t;

export function figuresAt(cases: ScoredCase[], t: number): Figures {
  return figuresFromPairs(cases.map((c) => ({ positive: c.positive, flagged: flaggedAt(c, t) })));
}

function choiceAt(cases: ScoredCase[], current: number, t: number): ThresholdChoice {
  const moved = (positive: boolean, nowFlagged: boolean) =>
    cases.filter((c) => c.positive === positive && flaggedAt(c, t) === nowFlagged && flaggedAt(c, current) !== nowFlagged).map((c) => c.caseId);
  return {
    threshold: t, figures: figuresAt(cases, t),
    hitsGained: moved(true, true), hitsLost: moved(true, false), falseAlarmsAdded: moved(false, true), falseAlarmsRemoved: moved(false, false),
  };
}

/** The thresholds that make a difference (each matched score), and the current one. */
export function candidateThresholds(cases: ScoredCase[], current: number): number[] {
  return [...new Set([current, ...cases.filter((c) => c.queryMatched).map((c) => c.score)])].sort((a, b) => a - b);
}

/** Best F1; of equal ones, the closest to the current threshold (the smallest change). */
export function bestF1Threshold(cases: ScoredCase[], current: number): number {
  let best = current, bestF1 = figuresAt(cases, current).f1;
  for (const t of candidateThresholds(cases, current)) {
    const f1 = figuresAt(cases, t).f1;
    if (f1 > bestF1 + 1e-12 || (Math.abs(f1 - bestF1) <= 1e-12 && Math.abs(t - current) < Math.abs(best - current))) { best = t; bestF1 = f1; }
  }
  return best;
}

/** The threshold with the best recall at precision >= target (of equal recalls, the best precision). */
export function precisionThreshold(cases: ScoredCase[], current: number, target = PRECISION_TARGET): number | null {
  let best: number | null = null, bestRecall = -1, bestPrecision = -1;
  for (const t of candidateThresholds(cases, current)) {
    const f = figuresAt(cases, t);
    if (f.precision === null || f.precision < target - 1e-12) continue;
    const r = f.recall ?? 0;
    if (r > bestRecall + 1e-12 || (Math.abs(r - bestRecall) <= 1e-12 && f.precision > bestPrecision + 1e-12)) { best = t; bestRecall = r; bestPrecision = f.precision; }
  }
  return best;
}

const MAX_ROWS = 12;

function histogram(cases: ScoredCase[]): HistogramBin[] {
  const matched = cases.filter((c) => c.queryMatched);
  if (matched.length === 0) return [];
  const scores = [...new Set(matched.map((c) => c.score))].sort((a, b) => a - b);
  const integers = scores.every(Number.isInteger);
  const lo = scores[0]!, hi = scores[scores.length - 1]!;
  const ranges: Array<[number, number]> = integers && hi - lo < MAX_ROWS
    ? Array.from({ length: hi - lo + 1 }, (_, i) => [lo + i, lo + i])
    : evenRanges(lo, hi, integers);
  return ranges.map(([from, to], i) => {
    const inBin = (s: number) => s >= from && (i === ranges.length - 1 ? s <= to : s < ranges[i + 1]![0]);
    const mine = matched.filter((c) => inBin(c.score));
    return { from, to, must: mine.filter((c) => c.positive).length, mustNot: mine.filter((c) => !c.positive).length };
  });
}

function evenRanges(lo: number, hi: number, integers: boolean): Array<[number, number]> {
  const width = integers ? Math.ceil((hi - lo + 1) / MAX_ROWS) : (hi - lo) / MAX_ROWS || 1;
  const rows = integers ? Math.ceil((hi - lo + 1) / width) : MAX_ROWS;
  return Array.from({ length: rows }, (_, i) => {
    const from = lo + i * width;
    const last = i === rows - 1;
    return [from, last ? hi : integers ? from + width - 1 : from + width] as [number, number];
  });
}

export function buildLandscape(watchlist: string, threshold: number, cases: ScoredCase[]): Landscape {
  const precisionT = precisionThreshold(cases, threshold);
  const unmatched = cases.filter((c) => !c.queryMatched);
  return {
    watchlist, threshold, current: figuresAt(cases, threshold), histogram: histogram(cases),
    queryUnmatched: { must: unmatched.filter((c) => c.positive).length, mustNot: unmatched.filter((c) => !c.positive).length },
    bestF1: choiceAt(cases, threshold, bestF1Threshold(cases, threshold)),
    precisionTarget: precisionT === null ? null : choiceAt(cases, threshold, precisionT),
  };
}
