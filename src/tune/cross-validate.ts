/**
 * Internal cross-validation: the cases are split into folds (each with its share of
 * positives); the search learns on all folds but one and is judged on the one held back.
 * Pooled over folds, the held-back F1 after m moves says how far to follow the search,
 * with a penalty per move so a few strong terms beat many weak ones.
 */
import { createHash } from 'node:crypto';
import { figuresOf } from './figures.js';
import { figuresAfter, searchPath, type SearchSpace } from './search.js';
import type { Figures } from './types.js';

export interface CrossValidation {
  folds: number;
  /** Held-back figures after m moves, m = 0 (threshold only) to the longest path. */
  heldOut: Figures[];
  /** The number of moves to keep. */
  chosen: number;
}

/** Stable fold of a case: by a hash of its id, dealt in turn within positives and negatives. */
export function assignFolds(ids: string[], positive: Uint8Array, k: number): number[] {
  const order = ids.map((id, i) => ({ i, h: createHash('sha1').update(id).digest('hex') })).sort((a, b) => a.h.localeCompare(b.h));
  const fold = new Array<number>(ids.length).fill(0);
  const dealt = [0, 0];
  for (const { i } of order) fold[i] = dealt[positive[i]!]!++ % k;
  return fold;
}

function add(a: Figures, b: Figures): Figures {
  return figuresOf(a.truePositives + b.truePositives, a.falsePositives + b.falsePositives, a.falseNegatives + b.falseNegatives, a.trueNegatives + b.trueNegatives);
}

/** `allowed[f]`: the terms fold f may use (chosen without its held-back cases); default all. */
export function crossValidate(space: SearchSpace, ids: string[], k: number, penalty: number, allowed?: Uint8Array[]): CrossValidation {
  const fold = assignFolds(ids, space.base.positive, k);
  const perFold: Figures[][] = [];
  for (let f = 0; f < k; f++) {
    const train = ids.flatMap((_, i) => (fold[i] !== f ? [i] : []));
    const test = ids.flatMap((_, i) => (fold[i] === f ? [i] : []));
    const { start, steps } = searchPath(allowed ? { ...space, allowed: allowed[f] } : space, train);
    const row = [figuresAfter(space, [], start.threshold, test)];
    steps.forEach((_, m) => row.push(figuresAfter(space, steps.slice(0, m + 1).map((s) => s.move), steps[m]!.threshold, test)));
    perFold.push(row);
  }
  const longest = Math.max(...perFold.map((r) => r.length));
  // A fold whose search stopped early keeps its last watch-list for the longer lengths.
  const heldOut = Array.from({ length: longest }, (_, m) => perFold.map((r) => r[Math.min(m, r.length - 1)]!).reduce(add));
  let chosen = 0;
  heldOut.forEach((f, m) => { if (f.f1 - penalty * m > heldOut[chosen]!.f1 - penalty * chosen + 1e-12) chosen = m; });
  return { folds: k, heldOut, chosen };
}
