/**
 * Best label path over one sentence (Viterbi over label bigrams), restricted to well-formed
 * BILOU paths. Scratch buffers are reused across calls, so decoding allocates nothing per token.
 */
import { ALLOWED, LABELS, canEnd, canStart } from './labels.js';

const NEG = -1e30;
let delta = new Float64Array(LABELS * 64);
let back = new Uint8Array(LABELS * 64);
/** For each label, the labels that may come before it (a well-formed path has few). */
const FROM: Uint8Array[] = Array.from({ length: LABELS }, (_, to) => Uint8Array.from(Array.from({ length: LABELS }, (_, f) => f).filter((f) => ALLOWED[f * LABELS + to] === 1)));
const STARTS = Uint8Array.from({ length: LABELS }, (_, l) => (canStart(l) ? 1 : 0));
const ENDS = Uint8Array.from({ length: LABELS }, (_, l) => (canEnd(l) ? 1 : 0));

/**
 * emit[(from + k) * LABELS + l] is the score of label l at token from + k; trans[a * LABELS + b]
 * the score of b after a. Writes the best labels of tokens [from, to) into out.
 */
export function viterbi(emit: Float32Array, trans: Float32Array, from: number, to: number, out: Uint8Array, afterO = false, beforeO = false): void {
  const n = to - from;
  if (n <= 0) return;
  if (delta.length < n * LABELS) {
    delta = new Float64Array(n * LABELS * 2);
    back = new Uint8Array(n * LABELS * 2);
  }
  const e0 = from * LABELS;
  for (let l = 0; l < LABELS; l++) delta[l] = STARTS[l] ? emit[e0 + l]! + (afterO ? trans[l]! : 0) : NEG;
  for (let k = 1; k < n; k++) {
    const d = k * LABELS, p = d - LABELS, e = (from + k) * LABELS;
    for (let to2 = 0; to2 < LABELS; to2++) {
      let best = NEG, arg = 0;
      const froms = FROM[to2]!;
      for (let i = 0; i < froms.length; i++) {
        const fr = froms[i]!;
        const s = delta[p + fr]! + trans[fr * LABELS + to2]!;
        if (s > best) { best = s; arg = fr; }
      }
      delta[d + to2] = best + emit[e + to2]!;
      back[d + to2] = arg;
    }
  }
  let best = NEG, arg = 0;
  const last = (n - 1) * LABELS;
  for (let l = 0; l < LABELS; l++) {
    const d = delta[last + l]! + (beforeO ? trans[l * LABELS]! : 0);
    if (ENDS[l] && d > best) { best = d; arg = l; }
  }
  for (let k = n - 1; k >= 0; k--) {
    out[from + k] = arg;
    arg = back[k * LABELS + arg]!;
  }
}
