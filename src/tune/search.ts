/**
 * Greedy search over a watch-list's changes: each step adds the term (ORed into the query)
 * or the exclusion (AND NOT) that most raises F1 on the training cases at the best
 * threshold, until no move helps. Works by arithmetic on the probe's answers, so a step
 * costs no classification.
 */
import { figuresOf } from './figures.js';
import type { Probe } from './probe.js';
import type { Figures } from './types.js';

/** The watch-list as it is, on every case. */
export interface Base {
  positive: Uint8Array;
  matched: Uint8Array;
  score: Float64Array;
}

export interface Move {
  kind: 'add' | 'exclude';
  /** Index into probe.terms. */
  term: number;
}

export interface Step {
  move: Move;
  threshold: number;
  train: Figures;
}

export interface SearchSpace {
  base: Base;
  probe: Probe;
  /** Terms added to a weighted watch-list get weight 1, so their hits (at most 3) count. */
  weighted: boolean;
  /** A term must hit at least this many positive training cases (exclusions: false alarms). */
  minSupport: number;
  maxSteps: number;
  /** A step must raise training F1 by more than this. */
  minGain: number;
  /** Which probe terms the search may use (default all). */
  allowed?: Uint8Array;
}

/** What the changes so far make of each case. */
class State {
  readonly addScore: Float64Array;
  readonly addMatched: Uint8Array;
  readonly excluded: Uint8Array;
  /** Reused by every evaluation. */
  readonly scratchMatched: Uint8Array;
  readonly scratchScore: Float64Array;

  constructor(n: number) {
    this.scratchMatched = new Uint8Array(n);
    this.scratchScore = new Float64Array(n);
    this.addScore = new Float64Array(n);
    this.addMatched = new Uint8Array(n);
    this.excluded = new Uint8Array(n);
  }

  apply(space: SearchSpace, move: Move): void {
    const pres = space.probe.present[move.term]!;
    const gain = space.weighted ? space.probe.counts[move.term]! : pres;
    for (let i = 0; i < pres.length; i++) {
      if (!pres[i]) continue;
      if (move.kind === 'exclude') this.excluded[i] = 1;
      else { this.addMatched[i] = 1; this.addScore[i]! += gain[i]!; }
    }
  }
}

export interface Best { threshold: number; figures: Figures }

/**
 * The threshold with the best F1 given each case's match and score (of equal ones the
 * lowest), found by one sweep down the sorted scores.
 */
export function bestThreshold(idx: ArrayLike<number>, positive: Uint8Array, matched: (i: number) => boolean, score: (i: number) => number): Best {
  let positives = 0;
  const flaggable: Array<[number, number]> = [];
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    if (positive[i]) positives++;
    if (matched(i)) flaggable.push([score(i), positive[i]!]);
  }
  flaggable.sort((a, b) => b[0] - a[0]);
  let tp = 0, fp = 0, bestF1 = -1, bestT = Infinity, bestTp = 0, bestFp = 0;
  for (let k = 0; k < flaggable.length; k++) {
    const [s, p] = flaggable[k]!;
    if (p) tp++; else fp++;
    if (k + 1 < flaggable.length && flaggable[k + 1]![0] === s) continue;
    const f1 = (2 * tp) / (2 * tp + fp + (positives - tp));
    if (f1 >= bestF1) { bestF1 = f1; bestT = s; bestTp = tp; bestFp = fp; }
  }
  const negatives = idx.length - positives;
  if (bestF1 < 0) return { threshold: Infinity, figures: figuresOf(0, 0, positives, negatives) };
  return { threshold: bestT, figures: figuresOf(bestTp, bestFp, positives - bestTp, negatives - bestFp) };
}

/** Integer scores (every unweighted list, most weighted ones): F1 by counting, no sort. */
function bestByCounts(idx: ArrayLike<number>, positive: Uint8Array, matched: Uint8Array, score: Float64Array): Best | undefined {
  let max = 0, positives = 0;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    positives += positive[i]!;
    if (!matched[i]) continue;
    const v = score[i]!;
    if (!Number.isInteger(v) || v < 0 || v > 100_000) return undefined;
    if (v > max) max = v;
  }
  const pos = new Int32Array(max + 1), neg = new Int32Array(max + 1);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    if (matched[i]) positive[i] ? pos[score[i]!]!++ : neg[score[i]!]!++;
  }
  let tp = 0, fp = 0, bestF1 = -1, bestT = Infinity, bestTp = 0, bestFp = 0;
  for (let v = max; v >= 0; v--) {
    if (pos[v] === 0 && neg[v] === 0) continue;
    tp += pos[v]!; fp += neg[v]!;
    const f1 = (2 * tp) / (2 * tp + fp + (positives - tp));
    if (f1 >= bestF1) { bestF1 = f1; bestT = v; bestTp = tp; bestFp = fp; }
  }
  const negatives = idx.length - positives;
  if (bestF1 < 0) return { threshold: Infinity, figures: figuresOf(0, 0, positives, negatives) };
  return { threshold: bestT, figures: figuresOf(bestTp, bestFp, positives - bestTp, negatives - bestFp) };
}

/** The best threshold and its figures on `idx`, with `move` tried on top of the state. */
function evaluate(space: SearchSpace, s: State, idx: ArrayLike<number>, move?: Move): Best {
  const { base, probe, weighted } = space;
  const pres = move ? probe.present[move.term]! : undefined;
  const gain = move ? (weighted ? probe.counts[move.term]! : pres!) : undefined;
  const adds = move?.kind === 'add';
  const matched = s.scratchMatched, score = s.scratchScore;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    const hit = pres !== undefined && pres[i] === 1;
    matched[i] = !s.excluded[i] && !(hit && !adds) && (base.matched[i] === 1 || s.addMatched[i] === 1 || (hit && adds)) ? 1 : 0;
    score[i] = base.score[i]! + s.addScore[i]! + (hit && adds ? gain![i]! : 0);
  }
  return bestByCounts(idx, base.positive, matched, score)
    ?? bestThreshold(idx, base.positive, (i) => matched[i] === 1, (i) => score[i]!);
}

/**
 * Terms to add, strongest first: in enough training positives, and ranked by how much more
 * often they occur there than in negatives (class-balanced, smoothed), times how many
 * positives they reach.
 */
export function rankAdds(space: SearchSpace, idx: ArrayLike<number>): number[] {
  const { probe, base } = space;
  let P = 0;
  for (let k = 0; k < idx.length; k++) P += base.positive[idx[k]!]!;
  const N = Math.max(1, idx.length - P);
  const scored: Array<[number, number]> = [];
  probe.present.forEach((pres, t) => {
    if (space.allowed && !space.allowed[t]) return;
    let p = 0, n = 0;
    for (let k = 0; k < idx.length; k++) { const i = idx[k]!; if (pres[i]) base.positive[i] ? p++ : n++; }
    if (p < space.minSupport) return;
    const balanced = (p + 0.5) / (p + 0.5 + ((n + 0.5) * P) / N);
    if (balanced <= 0.5) return;
    scored.push([t, (p / P) * Math.log(balanced / (1 - balanced))]);
  });
  return scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([t]) => t);
}

/** Exclusions worth trying now: in enough false alarms and in no positive case at all, flagged or not. */
function excludeCandidates(space: SearchSpace, s: State, idx: ArrayLike<number>, threshold: number): number[] {
  const { probe, base } = space;
  const out: number[] = [];
  probe.present.forEach((pres, t) => {
    if (space.allowed && !space.allowed[t]) return;
    let falseAlarms = 0;
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k]!;
      if (!pres[i] || s.excluded[i]) continue;
      if (base.positive[i]) return;
      if ((base.matched[i] || s.addMatched[i]) && base.score[i]! + s.addScore[i]! >= threshold) falseAlarms++;
    }
    if (falseAlarms >= space.minSupport) out.push(t);
  });
  return out;
}

/**
 * The path on the training cases `idx`: each step adds the next ranked term, or, when one
 * does better, an exclusion that removes false alarms and loses no hit. The path goes on
 * while terms remain (F1 may dip before a higher threshold pays off); cross-validation
 * decides where to cut it.
 */
export function searchPath(space: SearchSpace, idx: ArrayLike<number>): { start: Best; steps: Step[] } {
  const s = new State(space.base.positive.length);
  const start = evaluate(space, s, idx);
  let current = start;
  const adds = rankAdds(space, idx);
  const used = new Set<number>();
  const steps: Step[] = [];
  let next = 0;
  while (steps.length < space.maxSteps && next < adds.length) {
    const add: Move = { kind: 'add', term: adds[next]! };
    let best = { move: add, result: evaluate(space, s, idx, add) };
    for (const term of excludeCandidates(space, s, idx, current.threshold)) {
      if (used.has(term)) continue;
      const move: Move = { kind: 'exclude', term };
      const result = evaluate(space, s, idx, move);
      if (result.figures.f1 > best.result.figures.f1 && result.figures.f1 - current.figures.f1 > space.minGain) best = { move, result };
    }
    if (best.move === add) next++;
    s.apply(space, best.move);
    used.add(best.move.term);
    current = best.result;
    steps.push({ move: best.move, threshold: current.threshold, train: current.figures });
  }
  return { start, steps };
}

/** Figures on cases `idx` after the first `m` moves, at the given threshold. */
export function figuresAfter(space: SearchSpace, moves: Move[], threshold: number, idx: ArrayLike<number>): Figures {
  const s = new State(space.base.positive.length);
  for (const move of moves) s.apply(space, move);
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    const flagged = !s.excluded[i] && (space.base.matched[i] || s.addMatched[i]) && space.base.score[i]! + s.addScore[i]! >= threshold;
    if (space.base.positive[i]) flagged ? tp++ : fn++;
    else flagged ? fp++ : tn++;
  }
  return figuresOf(tp, fp, fn, tn);
}

/** The best threshold and its figures on `idx` once `moves` are applied. */
export function bestWith(space: SearchSpace, moves: Move[], idx: ArrayLike<number>): Best {
  const s = new State(space.base.positive.length);
  for (const move of moves) s.apply(space, move);
  return evaluate(space, s, idx);
}

/**
 * Drops, latest first, every move the others do as well without (F1 on `idx` at the best
 * threshold does not fall): the path adds terms in rank order, and some only repeat others.
 */
export function pruneMoves(space: SearchSpace, moves: Move[], idx: ArrayLike<number>): { moves: Move[]; best: Best } {
  let kept = [...moves];
  let best = bestWith(space, kept, idx);
  for (let k = kept.length - 1; k >= 0; k--) {
    const without = kept.filter((_, j) => j !== k);
    const result = bestWith(space, without, idx);
    if (result.figures.f1 >= best.figures.f1 - 1e-12) { kept = without; best = result; }
  }
  return { moves: kept, best };
}
