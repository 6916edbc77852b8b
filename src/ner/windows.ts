/**
 * Where the recognizer looks: only around words that carry a capital letter. A name in news
 * text has one (or sits within a word of one: "bin Laden", "Bank of England"), and most tokens
 * are far from any, so runs of tokens within PAD of a capitalized word, inside one sentence,
 * are decoded and every other token is O without a score being computed. A run that does not
 * reach its sentence's edge is decoded as following, or followed by, an O.
 */
import { B, L, U, partOf } from './labels.js';
import { viterbi } from './viterbi.js';

/** Tokens either side of a capitalized word that are decoded with it. */
export const PAD = 1;

/**
 * The runs to decode as [from, to) pairs in `runs` (2 ints a run), and per token 1 when it lies
 * in one. `upper[k]` is 1 when token k has a capital letter.
 */
export interface Windows { active: Uint8Array; runs: Int32Array; count: number }

export function windowsOf(n: number, sentStart: Uint8Array, upper: Uint8Array): Windows {
  const active = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    if (!upper[k]) continue;
    let a = k;
    while (a > k - PAD && a > 0 && sentStart[a] === 0) a--;
    let b = k;
    while (b < k + PAD && b + 1 < n && sentStart[b + 1] === 0) b++;
    for (let j = a; j <= b; j++) active[j] = 1;
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
