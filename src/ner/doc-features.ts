/**
 * Stage 2's feature keys: what stage 1 said about a token and its neighbours, and how the same
 * words were labelled elsewhere in the document. Every key is a hash of its template number and
 * small integers; the run-time path (fast.ts) caches their sums by those integers.
 */
import type { Doc } from './doc.js';
import { key1, key2, key3 } from './hash.js';
import { L, LABELS, label, typeOf } from './labels.js';
import { F_MASK, capClass } from './words.js';

/** Slots per token in stage 2. */
export const DOC_SLOTS = 11;

/** Per lower-cased form of the document (lowId) and label, how many of its tokens stage 1 gave that label. */
export function labelVotes(doc: Doc, first: Uint8Array): Int32Array {
  const votes = new Int32Array(doc.lowCount * LABELS);
  for (let k = 0; k < doc.n; k++) votes[doc.lowId[k]! * LABELS + first[k]!]!++;
  return votes;
}

/** The values stage 2's keys are made of, in a DocContext array (DC_* order). */
export const DC_OWN = 0, DC_PREV = 1, DC_NEXT = 2, DC_UN = 3, DC_CLS = 4, DC_PREV_TYPE = 5, DC_NEXT_TYPE = 6,
  DC_OTHERS = 7, DC_BEST_LABEL = 8, DC_BEST_TYPE = 9, DC_SHARE = 10, DC_HEAD = 11, DC_FULL = 12, DC_SIZE = 13;

/**
 * What stage 1 said about token k and its neighbours, how the other occurrences of its word
 * were labelled (how many, most frequent name label, most frequent type or -1, and whether that
 * type holds a majority of them: 2, some: 1, none: 3, no others: 0), and what the neighbours'
 * words mostly were elsewhere (a type, -1, or 9 beyond the sentence).
 */
export function docContext(doc: Doc, first: Uint8Array, votes: Int32Array, k: number, c: Int32Array): void {
  votesOf(doc, first, votes, k, c, DC_OTHERS);
  const full = votes[doc.lowId[k]! * LABELS + FULL_NAME_END]! - (first[k] === FULL_NAME_END ? 1 : 0);
  c[DC_FULL] = full > 0 ? 1 : 0;
  c[DC_OWN] = first[k]!;
  c[DC_PREV] = k > 0 ? first[k - 1]! : LABELS;
  c[DC_NEXT] = k + 1 < doc.n ? first[k + 1]! : LABELS;
  c[DC_UN] = doc.uninf[k]!;
  c[DC_CLS] = capClass(doc.packed[k]! & F_MASK);
  c[DC_HEAD] = doc.head[k]!;
  c[DC_PREV_TYPE] = k > 0 && doc.sentStart[k] === 0 ? majorityType(doc, first, votes, k - 1) : 9;
  c[DC_NEXT_TYPE] = k + 1 < doc.n && doc.sentStart[k + 1] === 0 ? majorityType(doc, first, votes, k + 1) : 9;
}

const scratch = new Int32Array(4);

function majorityType(doc: Doc, first: Uint8Array, votes: Int32Array, k: number): number {
  votesOf(doc, first, votes, k, scratch, 0);
  return scratch[3] === 2 ? scratch[2]! : -1;
}

/** Into out[o..o+4): others, best label, best type, share (see docContext). */
function votesOf(doc: Doc, first: Uint8Array, votes: Int32Array, k: number, out: Int32Array, o: number): void {
  const base = doc.lowId[k]! * LABELS, own = first[k]!;
  let bestLab = 0, bestLabN = 0, others = 0;
  let t0 = 0, t1 = 0, t2 = 0, t3 = 0;
  for (let l = 0; l < LABELS; l++) {
    const v = votes[base + l]! - (l === own ? 1 : 0);
    if (v === 0) continue;
    others += v;
    if (l === 0) continue;
    if (v > bestLabN) { bestLabN = v; bestLab = l; }
    const t = typeOf(l);
    if (t === 0) t0 += v; else if (t === 1) t1 += v; else if (t === 2) t2 += v; else t3 += v;
  }
  let bestType = -1, bestTypeN = 0;
  if (t0 > bestTypeN) { bestTypeN = t0; bestType = 0; }
  if (t1 > bestTypeN) { bestTypeN = t1; bestType = 1; }
  if (t2 > bestTypeN) { bestTypeN = t2; bestType = 2; }
  if (t3 > bestTypeN) { bestTypeN = t3; bestType = 3; }
  out[o] = others;
  out[o + 1] = bestLab;
  out[o + 2] = bestType;
  out[o + 3] = others === 0 ? 0 : bestTypeN * 2 > others ? 2 : bestTypeN > 0 ? 1 : 3;
}

/** Stage 2's keys from the token's own and neighbouring labels (DOC_LOCAL_SLOTS of them). */
export function docLocalKeys(c: Int32Array, out: Int32Array, o: number): void {
  const own = c[DC_OWN]!, un = c[DC_UN]!, cls = c[DC_CLS]!;
  out[o] = key1(60, own);
  out[o + 1] = key2(61, c[DC_PREV] === LABELS ? 99 : c[DC_PREV]!, own);
  out[o + 2] = key2(62, own, c[DC_NEXT] === LABELS ? 99 : c[DC_NEXT]!);
  out[o + 3] = key3(66, own, un, cls);
  out[o + 4] = key2(68, c[DC_PREV_TYPE]!, own);
  out[o + 5] = key2(69, own, c[DC_NEXT_TYPE]!);
}

/** The label of a person name's last word ("Blair" in "Tony Blair"). */
const FULL_NAME_END = label(0, L);

/** Stage 2's keys from the other occurrences' votes (DOC_VOTE_SLOTS, all 0 when there are none). */
export function docVoteKeys(c: Int32Array, out: Int32Array, o: number): void {
  if (c[DC_OTHERS] === 0) { out.fill(0, o, o + DOC_VOTE_SLOTS); return; }
  const own = c[DC_OWN]!, un = c[DC_UN]!, cls = c[DC_CLS]!, bestType = c[DC_BEST_TYPE]!, share = c[DC_SHARE]!;
  out[o] = key3(63, c[DC_BEST_LABEL]!, un, cls);
  out[o + 1] = key3(64, bestType, share, un);
  out[o + 2] = key3(65, bestType, share === 2 ? 1 : 0, own === 0 ? 0 : typeOf(own) === bestType ? 1 : 2);
  out[o + 3] = key3(67, bestType, share, c[DC_HEAD]! * 4 + cls);
  // Whether the word ends a person's full name elsewhere: persons are named in full once.
  out[o + 4] = key3(70, own, c[DC_FULL]!, un);
}

export const DOC_LOCAL_SLOTS = 6, DOC_VOTE_SLOTS = 5;

/** Stage 2's keys for the active tokens (DOC_SLOTS each; others stay 0). */
export function docFeatures(doc: Doc, first: Uint8Array, keys: Int32Array, active: Uint8Array): void {
  const votes = labelVotes(doc, first);
  const c = new Int32Array(DC_SIZE);
  for (let k = 0; k < doc.n; k++) {
    if (!active[k]) continue;
    docContext(doc, first, votes, k, c);
    docLocalKeys(c, keys, k * DOC_SLOTS);
    docVoteKeys(c, keys, k * DOC_SLOTS + DOC_LOCAL_SLOTS);
  }
}
