/**
 * Feature keys per token: every template is an integer hash of its template number and the
 * values it joins (word hashes, shapes, flags...), so no feature string is ever built. Each
 * token gets a fixed number of slots; 0 in a slot means "no feature here".
 */
import type { Doc } from './doc.js';
import { finish, key1, key2, key3, mix } from './hash.js';
import { LABELS, typeOf } from './labels.js';
import type { Resources } from './types.js';
import { windowsOf, type Windows } from './windows.js';
import { capClass, type WordInfo } from './words.js';

/** Slots per token in stage 1 (base features) and stage 2 (document level). */
export const BASE_SLOTS = 39;
export const DOC_SLOTS = 10;

export const PAD_LEFT = 0x51ed270b, PAD_RIGHT = 0x2f3a1c7d;

/** Hash of the lower-cased token sequence, the gazetteer's key. */
export function gazetteerKey(hLows: ArrayLike<number>, from: number, to: number): number {
  let h = 0x3c6ef372;
  for (let k = from; k < to; k++) h = mix(h, hLows[k]!);
  return finish(h);
}

/**
 * Per token and type: 0, or 1 + the BILOU part of the longest gazetteer entry of that type
 * covering it, among entries that lie inside one window (the only tokens decoded).
 */
export function gazetteerParts(doc: Doc, res: Resources, w: Windows): Uint8Array {
  const out = new Uint8Array(doc.n * 4);
  if (res.gazetteer.size === 0) return out;
  const maxLen = Math.min(res.gazMaxLen, 6);
  const masks = new Uint8Array(maxLen);
  for (let r = 0; r < w.count; r++) {
    const from = w.runs[r * 2]!, to = w.runs[r * 2 + 1]!;
    // Greedy longest match per type, left to right, as a tagger reading the run would.
    const next = [from, from, from, from];
    for (let i = from; i < to; i++) {
      let h = 0x3c6ef372;
      for (let len = 1; len <= maxLen; len++) {
        if (i + len > to) { masks[len - 1] = 0; continue; }
        h = mix(h, doc.info[i + len - 1]!.hLow);
        masks[len - 1] = res.gazetteer.get(finish(h)) ?? 0;
      }
      for (let t = 0; t < 4; t++) {
        if (i < next[t]!) continue;
        let best = 0;
        for (let len = maxLen; len >= 1 && best === 0; len--) if ((masks[len - 1]! >> t) & 1) best = len;
        if (best === 0) continue;
        markEntry(out, i, best, t);
        next[t] = i + best;
      }
    }
  }
  return out;
}

function markEntry(out: Uint8Array, i: number, len: number, t: number): void {
  if (len === 1) { out[i * 4 + t] = 4; return; }
  out[i * 4 + t] = 1;
  for (let k = i + 1; k < i + len - 1; k++) out[k * 4 + t] = 2;
  out[(i + len - 1) * 4 + t] = 3;
}

/** Word hash of the token at offset d from k inside k's sentence (a pad beyond it). */
function lowAt(doc: Doc, k: number, d: number): number {
  const j = k + d;
  if (d < 0 && (j < 0 || doc.pos[k]! < -d)) return PAD_LEFT;
  if (d > 0 && (j >= doc.n || !sameSentence(doc, k, j))) return PAD_RIGHT;
  return doc.info[j]!.hLow;
}

function sameSentence(doc: Doc, k: number, j: number): boolean {
  for (let x = k + 1; x <= j; x++) if (doc.sentStart[x] === 1) return false;
  return true;
}

function shapeAt(doc: Doc, k: number, d: number, short: boolean): number {
  const j = k + d;
  if (d < 0 && (j < 0 || doc.pos[k]! < -d)) return PAD_LEFT;
  if (d > 0 && (j >= doc.n || !sameSentence(doc, k, j))) return PAD_RIGHT;
  return short ? doc.info[j]!.hShort : doc.info[j]!.hShape;
}

/** Writes the base feature keys of every token in a window into keys[k * BASE_SLOTS + s] (others stay 0). */
export function baseFeatures(doc: Doc, res: Resources, keys: Int32Array): Windows {
  const w = windowsOf(doc.n, doc.sentStart, doc.upper);
  const gaz = gazetteerParts(doc, res, w);
  for (let k = 0; k < doc.n; k++) if (w.active[k]) tokenFeatures(doc, k, gaz, keys, k * BASE_SLOTS);
  return w;
}

/**
 * A token's keys fall in four groups, so the run-time path can cache the first three (see
 * fast.ts): keys of the word alone (and whether case informs at it); keys a word gives its
 * neighbours (the word or shape at -2..+2); keys of the word's kind in its place (shape,
 * flags, prior, position, headline, case elsewhere); and keys that join two or more words.
 */
export const SELF_SLOTS = 12, NEIGHBOUR_SLOTS = 6, PLACE_SLOTS = 9, PAIR_SLOTS = 13;

/** Keys of the word alone, given whether case informs at it (un: 1 when it does not). */
export function selfKeys(w: WordInfo, un: number, out: Int32Array, o: number): void {
  out[o] = key1(2, w.hLow);
  out[o + 1] = key1(3, w.hRaw);
  out[o + 2] = key1(10, w.hShape);
  for (let a = 0; a < 8; a++) out[o + 3 + a] = w.affix[a] === 0 ? 0 : key1(16 + a, w.affix[a]!);
  out[o + 11] = key3(32, w.hLow, un, capClass(w.flags));
}

/** Keys of the word (or pad) just before a token: its word and shape. */
export function beforeKeys(hLow: number, hShape: number, out: Int32Array, o: number): void {
  out[o] = key1(4, hLow);
  out[o + 1] = key1(11, hShape);
}

export function afterKeys(hLow: number, hShape: number, out: Int32Array, o: number): void {
  out[o] = key1(5, hLow);
  out[o + 1] = key1(12, hShape);
}

export function twoBeforeKey(hLow: number): number {
  return key1(6, hLow);
}

export function twoAfterKey(hLow: number): number {
  return key1(7, hLow);
}

/** What the place keys depend on besides the word's kind: position, headline kind, case-uninformative, field, last. */
export function placeCode(doc: Doc, k: number): number {
  const pos = doc.pos[k]! > 2 ? 2 : doc.pos[k]!;
  const last = k + 1 >= doc.n || doc.sentStart[k + 1] === 1 ? 1 : 0;
  return ((((pos * 3 + doc.head[k]!) * 2 + doc.uninf[k]!) * 2 + doc.field[k]!) * 2) + last;
}

export const PLACE_CODES = 72;

export function placeKeys(doc: Doc, k: number, out: Int32Array, o: number): void {
  const w = doc.info[k]!;
  const cls = capClass(w.flags), un = doc.uninf[k]!, head = doc.head[k]!;
  const pos = doc.pos[k]! > 2 ? 2 : doc.pos[k]!;
  const last = k + 1 >= doc.n || doc.sentStart[k + 1] === 1 ? 1 : 0;
  out[o] = key1(1, 0);
  out[o + 1] = key3(24, pos, w.hShort, head);
  out[o + 2] = key2(25, head, w.hShape);
  out[o + 3] = key3(26, doc.prior[k]!, un, cls);
  out[o + 4] = key3(27, doc.docCase[k]!, un, cls);
  out[o + 5] = key2(28, doc.field[k]!, w.hShape);
  out[o + 6] = key3(31, w.flags, un, head);
  out[o + 7] = key2(33, last, w.hShort);
  out[o + 8] = key3(34, doc.prior[k]!, doc.docCase[k]!, un);
}

export function pairKeys(doc: Doc, k: number, gaz: Uint8Array, out: Int32Array, o: number): void {
  const w = doc.info[k]!;
  const l0 = w.hLow, lm1 = lowAt(doc, k, -1), lp1 = lowAt(doc, k, 1);
  const s0 = w.hShape, sm1 = shapeAt(doc, k, -1, false), sp1 = shapeAt(doc, k, 1, false);
  const shm1 = shapeAt(doc, k, -1, true), shp1 = shapeAt(doc, k, 1, true);
  const cls = capClass(w.flags);
  out[o] = key2(8, lm1, l0);
  out[o + 1] = key2(9, l0, lp1);
  out[o + 2] = key2(13, sm1, s0);
  out[o + 3] = key2(14, s0, sp1);
  out[o + 4] = key3(15, shm1, w.hShort, shp1);
  out[o + 5] = key2(29, lm1, s0);
  out[o + 6] = key2(30, s0, lp1);
  out[o + 7] = key2(35, shapeAt(doc, k, -2, true), shm1);
  out[o + 8] = key2(36, shp1, shapeAt(doc, k, 2, true));
  for (let t = 0; t < 4; t++) {
    const g = gaz[k * 4 + t]!;
    out[o + 9 + t] = g === 0 ? 0 : key3(37, t, g, cls);
  }
}

function tokenFeatures(doc: Doc, k: number, gaz: Uint8Array, out: Int32Array, o: number): void {
  selfKeys(doc.info[k]!, doc.uninf[k]!, out, o);
  let s = o + SELF_SLOTS;
  beforeKeys(lowAt(doc, k, -1), shapeAt(doc, k, -1, false), out, s);
  afterKeys(lowAt(doc, k, 1), shapeAt(doc, k, 1, false), out, s + 2);
  out[s + 4] = twoBeforeKey(lowAt(doc, k, -2));
  out[s + 5] = twoAfterKey(lowAt(doc, k, 2));
  s += NEIGHBOUR_SLOTS;
  placeKeys(doc, k, out, s);
  pairKeys(doc, k, gaz, out, s + PLACE_SLOTS);
}

/**
 * How the other occurrences of token k's word were labelled by stage 1: into out, how many
 * there are, their most frequent name label, their most frequent type (-1 none) and whether
 * that type holds a majority of them (2), some (1), none (3), or there are none (0).
 */
function votesOf(doc: Doc, first: Uint8Array, votes: Int32Array, k: number, out: Int32Array): void {
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
  out[0] = others;
  out[1] = bestLab;
  out[2] = bestType;
  out[3] = others === 0 ? 0 : bestTypeN * 2 > others ? 2 : bestTypeN > 0 ? 1 : 3;
}

/** The type most other occurrences of token k's word were given, or -1 (9 beyond the sentence). */
function majorityType(doc: Doc, first: Uint8Array, votes: Int32Array, k: number, inside: boolean, scratch: Int32Array): number {
  if (!inside) return 9;
  votesOf(doc, first, votes, k, scratch);
  return scratch[3] === 2 ? scratch[2]! : -1;
}

/**
 * Stage 2's keys for the active tokens: what stage 1 said about this token and its neighbours,
 * about the same word elsewhere in the document (votes of the other occurrences, by full label
 * and by type), and what the neighbours' words were mostly called elsewhere.
 */
export function docFeatures(doc: Doc, first: Uint8Array, keys: Int32Array, active: Uint8Array): void {
  const votes = new Int32Array(doc.lowCount * LABELS);
  for (let k = 0; k < doc.n; k++) votes[doc.lowId[k]! * LABELS + first[k]!]!++;
  const v = new Int32Array(4), scratch = new Int32Array(4);
  for (let k = 0; k < doc.n; k++) {
    if (!active[k]) continue;
    votesOf(doc, first, votes, k, v);
    const own = first[k]!, others = v[0]!, bestLab = v[1]!, bestType = v[2]!, share = v[3]!;
    const un = doc.uninf[k]!, cls = capClass(doc.info[k]!.flags);
    const prevType = majorityType(doc, first, votes, k - 1, k > 0 && doc.sentStart[k] === 0, scratch);
    const nextType = majorityType(doc, first, votes, k + 1, k + 1 < doc.n && doc.sentStart[k + 1] === 0, scratch);
    const o = k * DOC_SLOTS;
    keys[o] = key1(60, own);
    keys[o + 1] = key2(61, k > 0 ? first[k - 1]! : 99, own);
    keys[o + 2] = key2(62, own, k + 1 < doc.n ? first[k + 1]! : 99);
    keys[o + 3] = others === 0 ? 0 : key3(63, bestLab, un, cls);
    keys[o + 4] = others === 0 ? 0 : key3(64, bestType, share, un);
    keys[o + 5] = others === 0 ? 0 : key3(65, bestType, share === 2 ? 1 : 0, own === 0 ? 0 : typeOf(own) === bestType ? 1 : 2);
    keys[o + 6] = key3(66, own, un, cls);
    keys[o + 7] = others === 0 ? 0 : key3(67, bestType, share, doc.head[k]! * 4 + cls);
    keys[o + 8] = key2(68, prevType, own);
    keys[o + 9] = key2(69, own, nextType);
  }
}
