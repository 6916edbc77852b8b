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
/** The closers after O, by name, for the written-out loop in viterbi (checked against CLOSERS below). */
const CL1 = label(0, L), CL2 = label(0, U), CL3 = label(1, L), CL4 = label(1, U), CL5 = label(2, L), CL6 = label(2, U), CL7 = label(3, L), CL8 = label(3, U);
if (C !== 9 || CLOSERS[0] !== 0 || [CL1, CL2, CL3, CL4, CL5, CL6, CL7, CL8].some((l, i) => CLOSERS[i + 1] !== l)) throw new Error('ner: viterbi closers are not the nine the loop is written for');

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
    // The closers' scores at the token before, read once for all nine starters (the loop over
    // CLOSERS written out: same additions, same order, same ties to the first closer).
    const c0 = delta[p]!, c1 = delta[p + CL1]!, c2 = delta[p + CL2]!, c3 = delta[p + CL3]!, c4 = delta[p + CL4]!;
    const c5 = delta[p + CL5]!, c6 = delta[p + CL6]!, c7 = delta[p + CL7]!, c8 = delta[p + CL8]!;
    for (let s = 0, at = 0; s < STARTERS.length; s++, at += C) {
      let best = NEG, arg = 0, v = c0 + trans[STARTER_AT[at]!]!;
      if (v > best) { best = v; arg = 0; }
      v = c1 + trans[STARTER_AT[at + 1]!]!; if (v > best) { best = v; arg = CL1; }
      v = c2 + trans[STARTER_AT[at + 2]!]!; if (v > best) { best = v; arg = CL2; }
      v = c3 + trans[STARTER_AT[at + 3]!]!; if (v > best) { best = v; arg = CL3; }
      v = c4 + trans[STARTER_AT[at + 4]!]!; if (v > best) { best = v; arg = CL4; }
      v = c5 + trans[STARTER_AT[at + 5]!]!; if (v > best) { best = v; arg = CL5; }
      v = c6 + trans[STARTER_AT[at + 6]!]!; if (v > best) { best = v; arg = CL6; }
      v = c7 + trans[STARTER_AT[at + 7]!]!; if (v > best) { best = v; arg = CL7; }
      v = c8 + trans[STARTER_AT[at + 8]!]!; if (v > best) { best = v; arg = CL8; }
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
