/** Precision, recall and F1 from the four counts, the one way every tuning module computes them. */
import type { Figures } from './types.js';

export function figuresOf(tp: number, fp: number, fn: number, tn: number): Figures {
  const precision = tp + fp === 0 ? null : tp / (tp + fp);
  const recall = tp + fn === 0 ? null : tp / (tp + fn);
  const f1 = precision && recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn, trueNegatives: tn, precision, recall, f1 };
}

/** Counts flagged/labelled pairs into figures. */
export function figuresFromPairs(pairs: Iterable<{ positive: boolean; flagged: boolean }>): Figures {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (const p of pairs) {
    if (p.positive) p.flagged ? tp++ : fn++;
    else p.flagged ? fp++ : tn++;
  }
  return figuresOf(tp, fp, fn, tn);
}

const two = (v: number | null) => (v === null ? 'n/a' : v.toFixed(2));

/** `P 0.91 R 0.80 F1 0.85`: the one-line form every report prints. */
export function formatFigures(f: Figures): string {
  return `P ${two(f.precision)} R ${two(f.recall)} F1 ${f.f1.toFixed(2)}`;
}
