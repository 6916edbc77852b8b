/**
 * Best label path over a run of tokens (Viterbi over label bigrams), restricted to well-formed
 * BILOU paths. Their shape makes the search small: a label that starts something (O, B-, U-)
 * follows only a label that closes something (O, L-, U-), and I- or L- follows only B- or I- of
 * its type; the loops walk exactly those pairs. Scratch buffers are reused across calls, so
 * decoding allocates nothing per token.
 */
import { ALLOWED, B, I, L, LABELS, U, canEnd, canStart, label } from './labels.js';

const NEG = -1e30;
const TYPES = (LABELS - 1) / 4;
/** Labels that close a name or are outside one (O, L-, U-), and those that may follow them (O, B-, U-). */
const CLOSERS = Int32Array.from([0, ...Array.from({ length: TYPES }, (_, t) => [label(t, L), label(t, U)]).flat()]);
const STARTERS = Int32Array.from([0, ...Array.from({ length: TYPES }, (_, t) => [label(t, B), label(t, U)]).flat()]);
const C = CLOSERS.length;

// The shortcut above must be exactly the BILOU grammar of labels.ts.
for (let from = 0; from < LABELS; from++) {
  for (let to = 0; to < LABELS; to++) {
    const inside = (to - 1) & 3;
    const expected = to !== 0 && (inside === I || inside === L)
      ? from !== 0 && ((from - 1) >> 2) === ((to - 1) >> 2) && ((from - 1) & 3) <= I
      : CLOSERS.includes(from);
    if ((ALLOWED[from * LABELS + to] === 1) !== expected) throw new Error(`ner: viterbi shortcut disagrees with the label grammar at ${from} -> ${to}`);
  }
}

let delta = new Float64Array(LABELS * 64);
let back = new Uint8Array(LABELS * 64);
const STARTS = Uint8Array.from({ length: LABELS }, (_, l) => (canStart(l) ? 1 : 0));
const ENDS = Uint8Array.from({ length: LABELS }, (_, l) => (canEnd(l) ? 1 : 0));

/** Where in a transition table the score of starter s after closer c is: [s * C + c] (read in place: training changes the table between calls). */
const STARTER_AT = Int32Array.from({ length: STARTERS.length * C }, (_, i) => CLOSERS[i % C]! * LABELS + STARTERS[Math.floor(i / C)]!);

/**
 * emit[k * LABELS + l] is the score of label l at token k; trans[a * LABELS + b] the score of b
 * after a. Writes the best labels of tokens [from, to) into out. With afterO the run follows an
 * O (its first label pays the transition from O); with beforeO an O follows it.
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
    for (let s = 0; s < STARTERS.length; s++) {
      let best = NEG, arg = 0;
      for (let c = 0; c < C; c++) {
        const fr = CLOSERS[c]!;
        const v = delta[p + fr]! + trans[STARTER_AT[s * C + c]!]!;
        if (v > best) { best = v; arg = fr; }
      }
      const lab = STARTERS[s]!;
      delta[d + lab] = best + emit[e + lab]!;
      back[d + lab] = arg;
    }
    for (let t = 0; t < TYPES; t++) {
      const b = 1 + 4 * t, i = b + 1;
      for (let lab = i; lab <= i + 1; lab++) {
        const vb = delta[p + b]! + trans[b * LABELS + lab]!, vi = delta[p + i]! + trans[i * LABELS + lab]!;
        delta[d + lab] = (vb >= vi ? vb : vi) + emit[e + lab]!;
        back[d + lab] = vb >= vi ? b : i;
      }
    }
  }
  let best = NEG, arg = 0;
  const last = (n - 1) * LABELS;
  for (let l = 0; l < LABELS; l++) {
    const v = delta[last + l]! + (beforeO ? trans[l * LABELS]! : 0);
    if (ENDS[l] && v > best) { best = v; arg = l; }
  }
  for (let k = n - 1; k >= 0; k--) {
    out[from + k] = arg;
    arg = back[k * LABELS + arg]!;
  }
}
