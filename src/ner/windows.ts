/**
 * Where the recognizer looks: only around words that carry a capital letter. A name in news
 * text has one, or sits next to one ("bin Laden", "Bank of England", "Lord 's", "Euro 96"), and
 * most tokens are far from any, so the runs of tokens that have a capital letter, follow one
 * but are not a plain lower-case word, or come just before one, inside one sentence, are
 * decoded, and every other token is O without a score being computed. A run that does not
 * reach its sentence's edge is decoded as following, or followed by, an O. (On CoNLL-2003
 * eng.testa this leaves out 8 of 5,942 names and 64% of the tokens.)
 */
import { B, L, U, partOf } from './labels.js';
import { viterbi } from './viterbi.js';

/** How a token is written, as windowsOf reads it: with a capital letter somewhere; a word starting in lower case; other. */
export const CASE_UPPER = 1, CASE_PLAIN = 2;

/** The runs to decode as [from, to) pairs in `runs` (2 ints a run), and per token 1 when it lies in one. */
export interface Windows { active: Uint8Array; runs: Int32Array; count: number }

/** `cased[k]` is CASE_UPPER, CASE_PLAIN or 0 for token k. */
export function windowsOf(n: number, sentStart: Uint8Array, cased: Uint8Array): Windows {
  const active = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    if (cased[k] !== CASE_UPPER) continue;
    active[k] = 1;
    if (k > 0 && sentStart[k] === 0) active[k - 1] = 1;
    if (k + 1 < n && sentStart[k + 1] === 0 && cased[k + 1] !== CASE_PLAIN) active[k + 1] = 1;
  }
  let runs = new Int32Array(16), count = 0;
  let k = 0;
  while (k < n) {
    if (!active[k]) { k++; continue; }
    let e = k + 1;
    while (e < n && active[e] && !sentStart[e]) e++;
    if (count * 2 + 2 > runs.length) { const grown = new Int32Array(runs.length * 2); grown.set(runs); runs = grown; }
    runs[count * 2] = k; runs[count * 2 + 1] = e;
    count++;
    k = e;
  }
  return { active, runs, count };
}

/** Best labels of every run under emit and trans; tokens outside the runs are O. */
export function decodeWindows(w: Windows, sentStart: Uint8Array, emit: Float32Array, trans: Float32Array, out: Uint8Array): void {
  out.fill(0);
  const n = out.length;
  for (let r = 0; r < w.count; r++) {
    const from = w.runs[r * 2]!, to = w.runs[r * 2 + 1]!;
    viterbi(emit, trans, from, to, out, sentStart[from] === 0, to < n && sentStart[to] === 0);
  }
}

/** A label sequence with every name that does not lie wholly inside one run made O (what training can learn). */
export function insideWindows(w: Windows, gold: Uint8Array): Uint8Array {
  const out = new Uint8Array(gold.length);
  for (let r = 0; r < w.count; r++) {
    const from = w.runs[r * 2]!, to = w.runs[r * 2 + 1]!;
    for (let k = from; k < to; k++) out[k] = gold[k]!;
    // A name cut by the run's edge cannot be decoded: drop its pieces.
    let a = from;
    while (a < to && out[a] !== 0 && !startsName(out[a]!)) out[a++] = 0;
    let b = to - 1;
    while (b >= from && out[b] !== 0 && !endsName(out[b]!)) out[b--] = 0;
  }
  return out;
}

function startsName(lab: number): boolean {
  const part = partOf(lab);
  return part === B || part === U;
}

function endsName(lab: number): boolean {
  const part = partOf(lab);
  return part === L || part === U;
}
