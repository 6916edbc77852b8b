/**
 * Feature keys per token: every template is an integer hash of its template number and the
 * values it joins (word hashes, shapes, flags...), so no feature string is ever built. Each
 * token gets a fixed number of slots; 0 in a slot means "no feature here".
 */
import type { Doc } from './doc.js';
import { finish, key1, key2, key3, mix } from './hash.js';
import { LABELS, typeOf } from './labels.js';
import type { Resources } from './types.js';
import { capClass, type WordInfo } from './words.js';

/** Slots per token in stage 1 (base features) and added by stage 2 (document level). */
export const BASE_SLOTS = 43;
export const DOC_SLOTS = 6;

export const PAD_LEFT = 0x51ed270b, PAD_RIGHT = 0x2f3a1c7d;

/** Hash of the lower-cased token sequence, the gazetteer's key. */
export function gazetteerKey(hLows: ArrayLike<number>, from: number, to: number): number {
  let h = 0x3c6ef372;
  for (let k = from; k < to; k++) h = mix(h, hLows[k]!);
  return finish(h);
}

/** Per token and type: 0, or 1 + the BILOU part of the longest gazetteer entry of that type covering it. */
export function gazetteerParts(doc: Doc, res: Resources): Uint8Array {
  const out = new Uint8Array(doc.n * 4);
  if (res.gazetteer.size === 0) return out;
  const maxLen = Math.min(res.gazMaxLen, 6);
  // masks[i * maxLen + len - 1]: the types of the entry of len tokens starting at i (same sentence).
  const masks = new Uint8Array(doc.n * maxLen);
  for (let i = 0; i < doc.n; i++) {
    let h = 0x3c6ef372;
    for (let len = 1; len <= maxLen && i + len <= doc.n; len++) {
      if (len > 1 && doc.sentStart[i + len - 1] === 1) break;
      h = mix(h, doc.info[i + len - 1]!.hLow);
      masks[i * maxLen + len - 1] = res.gazetteer.get(finish(h)) ?? 0;
    }
  }
  for (let t = 0; t < 4; t++) {
    let i = 0;
    while (i < doc.n) {
      let best = 0;
      for (let len = maxLen; len >= 1 && best === 0; len--) if ((masks[i * maxLen + len - 1]! >> t) & 1) best = len;
      if (best === 0) { i++; continue; }
      if (best === 1) out[i * 4 + t] = 4;
      else {
        out[i * 4 + t] = 1;
        for (let k = i + 1; k < i + best - 1; k++) out[k * 4 + t] = 2;
        out[(i + best - 1) * 4 + t] = 3;
      }
      i += best;
    }
  }
  return out;
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

function clusterAt(doc: Doc, k: number, d: number): number {
  const j = k + d;
  if (j < 0 || j >= doc.n) return -1;
  return doc.cluster[j]!;
}

/** Writes the base feature keys of every token into keys[k * BASE_SLOTS + s]. */
export function baseFeatures(doc: Doc, res: Resources, keys: Int32Array): void {
  const gaz = gazetteerParts(doc, res);
  for (let k = 0; k < doc.n; k++) tokenFeatures(doc, k, gaz, res.clusters !== null, keys, k * BASE_SLOTS);
}

/**
 * A token's keys fall in four groups, so the run-time path can cache the first three per word
 * type (see fast.ts): keys of the word alone; keys a word gives its neighbours (the word or
 * shape at -2..+2); keys of the word in its place (position, headline, case); and keys that
 * join two or more words (bigrams, shape runs, gazetteer parts).
 */
export const SELF_SLOTS = 11, NEIGHBOUR_SLOTS = 6, PLACE_SLOTS = 10, PAIR_SLOTS = 16;

export function selfKeys(w: WordInfo, out: Int32Array, o: number): void {
  out[o] = key1(2, w.hLow);
  out[o + 1] = key1(3, w.hRaw);
  out[o + 2] = key1(10, w.hShape);
  for (let a = 0; a < 8; a++) out[o + 3 + a] = w.affix[a] === 0 ? 0 : key1(16 + a, w.affix[a]!);
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

/** What the place keys depend on besides the word: position, headline kind, case-uninformative, field, last. */
export function placeCode(doc: Doc, k: number): number {
  const pos = doc.pos[k]! > 2 ? 2 : doc.pos[k]!;
  const last = k + 1 >= doc.n || doc.sentStart[k + 1] === 1 ? 1 : 0;
  return ((((pos * 3 + doc.head[k]!) * 2 + doc.uninf[k]!) * 2 + doc.field[k]!) * 2) + last;
}

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
  out[o + 7] = key3(32, w.hLow, un, cls);
  out[o + 8] = key2(33, last, w.hShort);
  out[o + 9] = key3(34, doc.prior[k]!, doc.docCase[k]!, un);
}

export function pairKeys(doc: Doc, k: number, gaz: Uint8Array, useClusters: boolean, out: Int32Array, o: number): void {
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
  if (useClusters) {
    const c0 = clusterAt(doc, k, 0);
    out[o + 13] = key1(41, c0);
    out[o + 14] = key1(42, clusterAt(doc, k, -1));
    out[o + 15] = key2(43, clusterAt(doc, k, 1), c0 & 0xff);
  } else {
    out[o + 13] = 0; out[o + 14] = 0; out[o + 15] = 0;
  }
}

function tokenFeatures(doc: Doc, k: number, gaz: Uint8Array, useClusters: boolean, out: Int32Array, o: number): void {
  selfKeys(doc.info[k]!, out, o);
  let s = o + SELF_SLOTS;
  beforeKeys(lowAt(doc, k, -1), shapeAt(doc, k, -1, false), out, s);
  afterKeys(lowAt(doc, k, 1), shapeAt(doc, k, 1, false), out, s + 2);
  out[s + 4] = twoBeforeKey(lowAt(doc, k, -2));
  out[s + 5] = twoAfterKey(lowAt(doc, k, 2));
  s += NEIGHBOUR_SLOTS;
  placeKeys(doc, k, out, s);
  pairKeys(doc, k, gaz, useClusters, out, s + PLACE_SLOTS);
}

/**
 * Stage 2: what stage 1 said about this token and about the same word elsewhere in the
 * document (votes of the other occurrences, by full label and by type).
 */
export function docFeatures(doc: Doc, first: Uint8Array, keys: Int32Array): void {
  const votes = new Int32Array(doc.lowCount * LABELS);
  for (let k = 0; k < doc.n; k++) votes[doc.lowId[k]! * LABELS + first[k]!]!++;
  for (let k = 0; k < doc.n; k++) {
    const base = doc.lowId[k]! * LABELS, own = first[k]!;
    let bestLab = 0, bestLabN = 0, others = 0;
    const typeVotes = [0, 0, 0, 0];
    for (let l = 0; l < LABELS; l++) {
      const v = votes[base + l]! - (l === own ? 1 : 0);
      others += v;
      if (l > 0 && v > bestLabN) { bestLabN = v; bestLab = l; }
      if (l > 0) typeVotes[typeOf(l)]! += v;
    }
    let bestType = -1, bestTypeN = 0;
    for (let t = 0; t < 4; t++) if (typeVotes[t]! > bestTypeN) { bestTypeN = typeVotes[t]!; bestType = t; }
    const oVotes = others - bestTypeN;
    const share = others === 0 ? 0 : bestTypeN * 2 > others ? 2 : bestTypeN > 0 ? 1 : 3;
    const un = doc.uninf[k]!, cls = capClass(doc.info[k]!.flags);
    const o = k * DOC_SLOTS;
    keys[o] = key1(60, own);
    keys[o + 1] = key2(61, k > 0 ? first[k - 1]! : 99, own);
    keys[o + 2] = key2(62, own, k + 1 < doc.n ? first[k + 1]! : 99);
    keys[o + 3] = others === 0 ? 0 : key3(63, bestLab, un, cls);
    keys[o + 4] = others === 0 ? 0 : key3(64, bestType, share, un);
    keys[o + 5] = others === 0 ? 0 : key3(65, bestType, oVotes > 0 ? 1 : 0, own === 0 ? 0 : typeOf(own) === bestType ? 1 : 2);
  }
}
