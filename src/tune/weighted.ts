/**
 * A weighted watch-list learned from cases: every term gets a weight (logistic regression on
 * its counted hits) and the list flags when the sum reaches a threshold, so several moderate
 * terms flag together while one weak term cannot, and a term of other topics counts against.
 * How many terms to keep is chosen by cross-validation (held-back F1 less a penalty per
 * term); the threshold is moved by what the held-back folds say the training threshold misses.
 */
import { figuresOf } from './figures.js';
import { fitLogistic } from './logistic.js';
import type { Probe } from './probe.js';
import { bestThreshold } from './search.js';
import type { Figures } from './types.js';

/** Term counts tried; cross-validation picks one. */
const SIZES = [0, 3, 5, 8, 10, 15, 20, 30, 40, 60, 80, 100, 120, 150, 200];
/** L2 penalty of the fit: strong enough that a rare term's weight stays small. */
const LAMBDA = 5;
/** Share of the ranked terms that count against (terms of the other topics). */
const AGAINST_SHARE = 1 / 3;
/** Fitted weights times this, rounded, are the written weights: whole numbers an analyst can read. */
const SCALE = 10;

export interface WeightedSpace {
  probe: Probe;
  positive: Uint8Array;
  /** Whether the watch-list's query, as it is, matched each case. */
  baseMatched: Uint8Array;
  /** Probe indices of the watch-list's own terms (its weights' keys, or its query terms): always weighted. */
  own: number[];
  minSupport: number;
}

export interface WeightedModel {
  /** Probe indices: the list's own terms first, then the new ones. */
  terms: number[];
  weights: number[];
  threshold: number;
}

export interface WeightedCv {
  /** Held-back figures by number of new terms. */
  path: Array<{ terms: number; figures: Figures }>;
  chosen: number;
  /** At the chosen size: how far the held-back folds would move each fold's training threshold. */
  offset: number;
}

function counts(space: WeightedSpace, t: number, idx: ArrayLike<number>): [number, number, number] {
  const pres = space.probe.present[t]!;
  let p = 0, n = 0, positives = 0;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    positives += space.positive[i]!;
    if (pres[i]) space.positive[i] ? p++ : n++;
  }
  return [p, n, positives];
}

/**
 * New terms by how well they tell the cases apart on `idx`: the gap between their shares of
 * must and mustNot cases times their log-odds; terms for and against interleaved so a third
 * count against. Each must occur in `minSupport` cases of the side it speaks for.
 */
export function rankTerms(space: WeightedSpace, idx: ArrayLike<number>, allowed: Uint8Array): number[] {
  const own = new Set(space.own);
  const forTerms: Array<[number, number]> = [], against: Array<[number, number]> = [];
  space.probe.present.forEach((_, t) => {
    if (!allowed[t] || own.has(t)) return;
    const [p, n, positives] = counts(space, t, idx);
    const negatives = idx.length - positives;
    const rp = p / Math.max(1, positives), rn = n / Math.max(1, negatives);
    if ((rp > rn ? p : n) < space.minSupport || rp === rn) return;
    const logOdds = Math.log((p + 0.5) / (positives - p + 0.5)) - Math.log((n + 0.5) / (negatives - n + 0.5));
    (rp > rn ? forTerms : against).push([t, Math.abs(rp - rn) * Math.abs(logOdds)]);
  });
  const order = (list: Array<[number, number]>) => list.sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([t]) => t);
  const pro = order(forTerms), con = order(against);
  const out: number[] = [];
  let a = 0, b = 0;
  while (a < pro.length || b < con.length) {
    const takeAgainst = b < con.length && (a >= pro.length || b < AGAINST_SHARE * (out.length + 1));
    out.push(takeAgainst ? con[b++]! : pro[a++]!);
  }
  return out;
}

export function scoreOf(space: WeightedSpace, m: Pick<WeightedModel, 'terms' | 'weights'>, i: number): number {
  let s = 0;
  m.terms.forEach((t, k) => { s += m.weights[k]! * space.probe.counts[t]![i]!; });
  return s;
}

/** The query matches: as it was, or by a new term with a positive weight (those are ORed in). */
export function matchedBy(space: WeightedSpace, m: Pick<WeightedModel, 'terms' | 'weights'>, i: number): boolean {
  if (space.baseMatched[i]) return true;
  for (let k = space.own.length; k < m.terms.length; k++) if (m.weights[k]! > 0 && space.probe.present[m.terms[k]!]![i]) return true;
  return false;
}

/** The list's own terms and the first `size` ranked ones, weighted on `idx`, with the best training threshold. */
function fitModel(space: WeightedSpace, idx: number[], ranked: number[], size: number, round: boolean): WeightedModel {
  const terms = [...space.own, ...ranked.slice(0, size)];
  const fit = fitLogistic(terms.map((t) => space.probe.counts[t]!), idx, space.positive, LAMBDA);
  const weights = Array.from(fit.weights, (w) => (round ? Math.round(w * SCALE) : w * SCALE));
  const m = { terms, weights, threshold: 0 };
  m.threshold = bestThreshold(idx, space.positive, (i) => matchedBy(space, m, i), (i) => scoreOf(space, m, i)).threshold;
  return m;
}

function sizesFor(available: number): number[] {
  return [...new Set(SIZES.map((s) => Math.min(s, available)))];
}

/** Each fold learns (terms ranked and weighted) on the others and is judged at every size. */
export function crossValidateWeighted(space: WeightedSpace, fold: number[], k: number, allowed: Uint8Array[], penalty: number): WeightedCv {
  const all = fold.map((_, i) => i);
  const ranked = Array.from({ length: k }, (_, f) => rankTerms(space, all.filter((i) => fold[i] !== f), allowed[f]!));
  const sizes = sizesFor(Math.max(...ranked.map((r) => r.length)));
  const tally = sizes.map(() => [0, 0, 0, 0]);
  const margins = sizes.map(() => new Float64Array(all.length));
  for (let f = 0; f < k; f++) {
    const train = all.filter((i) => fold[i] !== f), test = all.filter((i) => fold[i] === f);
    sizes.forEach((size, g) => {
      const m = fitModel(space, train, ranked[f]!, size, false);
      for (const i of test) {
        const matched = matchedBy(space, m, i), score = scoreOf(space, m, i);
        margins[g]![i] = matched ? score - m.threshold : -Infinity;
        const flagged = matched && score >= m.threshold;
        tally[g]![space.positive[i] ? (flagged ? 0 : 2) : (flagged ? 1 : 3)]!++;
      }
    });
  }
  const path = sizes.map((terms, g) => ({ terms, figures: figuresOf(tally[g]![0]!, tally[g]![1]!, tally[g]![2]!, tally[g]![3]!) }));
  let chosen = 0;
  path.forEach((p, g) => { if (p.figures.f1 - penalty * p.terms > path[chosen]!.figures.f1 - penalty * path[chosen]!.terms + 1e-12) chosen = g; });
  const m = margins[chosen]!;
  const offset = bestThreshold(all, space.positive, (i) => Number.isFinite(m[i]!), (i) => m[i]!).threshold;
  return { path, chosen, offset: Number.isFinite(offset) ? offset : 0 };
}

/**
 * The model on all the cases at the size cross-validation chose, with whole-number weights; the
 * threshold is moved by the offset and set halfway between two scores, so no sum is on the edge.
 */
export function finalWeighted(space: WeightedSpace, allowed: Uint8Array, cv: WeightedCv): WeightedModel {
  const all = Array.from(space.positive, (_, i) => i);
  const m = fitModel(space, all, rankTerms(space, all, allowed), cv.path[cv.chosen]!.terms, true);
  // A new term whose weight rounds to 0 does nothing; the list's own terms keep theirs, even 0.
  const keep = m.terms.map((_, k) => k < space.own.length || m.weights[k] !== 0);
  const kept = { terms: m.terms.filter((_, k) => keep[k]), weights: m.weights.filter((_, k) => keep[k]) };
  const threshold = Number.isFinite(m.threshold) ? Math.round(m.threshold + cv.offset) - 0.5 : 0.5;
  return { ...kept, threshold };
}

/** Figures on `idx` of a model (or a part of it) at a threshold. */
export function weightedFigures(space: WeightedSpace, m: WeightedModel, idx: ArrayLike<number>): Figures {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    const flagged = matchedBy(space, m, i) && scoreOf(space, m, i) >= m.threshold;
    if (space.positive[i]) flagged ? tp++ : fn++;
    else flagged ? fp++ : tn++;
  }
  return figuresOf(tp, fp, fn, tn);
}
