/**
 * Exact-span scoring on PER/ORG/LOC as the issue defines it: MISC gold spans are dropped and a
 * prediction that overlaps one is not counted; predicted misc names are not counted. Predicted
 * character offsets are mapped to the CoNLL tokens they start and end in, as a harness would.
 */
import type { LaidOut } from './conll.js';

export type ScoredType = 'PER' | 'ORG' | 'LOC';
export const SCORED: ScoredType[] = ['PER', 'ORG', 'LOC'];
export interface Counts { tp: number; fp: number; fn: number }
export type Tally = Record<ScoredType, Counts>;
export interface Predicted { field: 0 | 1; start: number; end: number; type: 'PER' | 'ORG' | 'LOC' | 'MISC' }

export function emptyTally(): Tally {
  return { PER: { tp: 0, fp: 0, fn: 0 }, ORG: { tp: 0, fp: 0, fn: 0 }, LOC: { tp: 0, fp: 0, fn: 0 } };
}

/** Index of the token holding character c of the field, or -1 (between tokens). */
function tokenAt(doc: LaidOut, field: 0 | 1, c: number): number {
  let lo = 0, hi = doc.tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = doc.tokens[mid]!;
    if (t.field < field || (t.field === field && t.end <= c)) lo = mid + 1;
    else if (t.field > field || t.start > c) hi = mid - 1;
    else return mid;
  }
  return -1;
}

export function scoreDoc(doc: LaidOut, predicted: Predicted[], tally: Tally): void {
  const gold = new Map<string, string>();
  const misc: [number, number][] = [];
  for (const g of doc.gold) {
    const a = tokenAt(doc, g.field, g.start), b = tokenAt(doc, g.field, g.end - 1);
    if (g.type === 'MISC') misc.push([a, b]);
    else gold.set(`${a}:${b}`, g.type);
  }
  const hit = new Set<string>();
  for (const p of predicted) {
    if (p.type === 'MISC') continue;
    const a = tokenAt(doc, p.field, p.start), b = tokenAt(doc, p.field, p.end - 1);
    if (misc.some(([x, y]) => a <= y && b >= x && a >= 0)) continue;
    const key = `${a}:${b}`;
    if (a >= 0 && b >= 0 && gold.get(key) === p.type && !hit.has(key)) { tally[p.type].tp++; hit.add(key); }
    else tally[p.type].fp++;
  }
  for (const [key, type] of gold) if (!hit.has(key)) tally[type as ScoredType].fn++;
}

export function prf(c: Counts): { p: number; r: number; f: number } {
  const p = c.tp / (c.tp + c.fp || 1), r = c.tp / (c.tp + c.fn || 1);
  return { p, r, f: (2 * p * r) / (p + r || 1) };
}

export function micro(t: Tally): Counts {
  return SCORED.reduce((a, k) => ({ tp: a.tp + t[k].tp, fp: a.fp + t[k].fp, fn: a.fn + t[k].fn }), { tp: 0, fp: 0, fn: 0 });
}

export function formatTally(label: string, t: Tally): string {
  const row = (name: string, c: Counts) => {
    const { p, r, f } = prf(c);
    return `  ${name.padEnd(5)} P ${p.toFixed(3)} R ${r.toFixed(3)} F1 ${f.toFixed(3)}  (gold ${c.tp + c.fn})`;
  };
  return [label, ...SCORED.map((k) => row(k, t[k])), row('micro', micro(t))].join('\n');
}
