/**
 * The candidate terms a suggestion may try: every case's words and two-word phrases, and the
 * pools of those worth probing, drawn for all the cases and for each cross-validation fold
 * from its training cases only, so no fold sees the cases it is judged on.
 */
import { splitTitle, type BacktestCase } from '../classify/index.js';
import type { WatchlistConfig } from '../config/schema.js';
import { caseTerms, tokenize } from './candidates.js';

/** Each case's candidate terms (folded), and how the texts write each word (for the capitals rule). */
export interface CaseTerms { terms: Set<string>[]; caps: Map<string, [number, number]> }

export function readTerms(cases: BacktestCase[]): CaseTerms {
  const caps = new Map<string, [number, number]>();
  const terms = cases.map((c) => { const { title, body } = splitTitle(c); return caseTerms(`${title}\n${body}`, caps); });
  return { terms, caps };
}

/**
 * Terms worth trying on the cases `idx`: those more common, for their share of the cases, in
 * the must cases (to add) or in the mustNot cases (to exclude), strongest first. Folded keys.
 */
function termPool(ct: CaseTerms, idx: number[], positive: Uint8Array, wl: WatchlistConfig, support: number, size: number): string[] {
  const df = new Map<string, [number, number]>();
  let P = 0;
  for (const i of idx) {
    P += positive[i]!;
    for (const t of ct.terms[i]!) {
      const d = df.get(t) ?? [0, 0];
      d[positive[i] ? 0 : 1]++;
      df.set(t, d);
    }
  }
  const sizes = [Math.max(1, P), Math.max(1, idx.length - P)];
  // A term the watch-list already uses, or a phrase around one of its words, adds nothing new.
  const used = new Set(tokenize(`${wl.query} ${Object.keys(wl.weights ?? {}).join(' ')}`).map((t) => t.key));
  const rows = [...df].filter(([t]) => !t.split(' ').some((w) => used.has(w)))
    .map(([t, d]) => ({ t, d, rate: [d[0] / sizes[0]!, d[1] / sizes[1]!] as const }));
  const rank = (k: 0 | 1) => rows.filter((r) => r.d[k] >= support && r.rate[k] > r.rate[1 - k]!)
    .map((r) => ({ t: r.t, v: r.rate[k] * (r.rate[k] / (r.rate[0] + r.rate[1])) }))
    .sort((a, b) => b.v - a.v || a.t.localeCompare(b.t)).slice(0, k === 0 ? size : size / 2).map((r) => r.t);
  return [...new Set([...rank(0), ...rank(1)])];
}

export interface TermPools { all: string[]; folds: string[][] }

/** The pool of all the cases, and one per fold from its training cases only. */
export function termPools(ct: CaseTerms, fold: number[], k: number, positive: Uint8Array, wl: WatchlistConfig, support: number, size: number): TermPools {
  const all = fold.map((_, i) => i);
  return { all: termPool(ct, all, positive, wl, support, size), folds: Array.from({ length: k }, (_, f) => termPool(ct, all.filter((i) => fold[i] !== f), positive, wl, support, size)) };
}
