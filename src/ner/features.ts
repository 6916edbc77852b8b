/**
 * Stage 1's feature keys per token: every template is an integer hash of its template number
 * and the values it joins (word hashes, shapes, flags...), so no feature string is ever built.
 * Each token gets a fixed number of slots; 0 in a slot means "no feature here".
 */
import { wordAt, type Doc } from './doc.js';
import { finish, key1, key2, key3, mix } from './hash.js';
import type { Resources } from './types.js';
import { windowsOf, type Windows } from './windows.js';
import { F_MASK, capClass, type WordInfo } from './words.js';

/** Slots per token in stage 1 (base features; stage 2's are in doc-features.ts). */
export const BASE_SLOTS = 36;

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
  const gaz = res.gazetteer;
  if (gaz.size === 0) return out;
  const maxLen = Math.min(gaz.maxLen, 6);
  const masks = new Uint8Array(maxLen);
  for (let r = 0; r < w.count; r++) {
    const from = w.runs[r * 2]!, to = w.runs[r * 2 + 1]!;
    // Greedy longest match per type, left to right, as a tagger reading the run would.
    const next = [from, from, from, from];
    for (let i = from; i < to; i++) {
      if (!gaz.startsWith(doc.hLow[i]!)) continue;
      let h = 0x3c6ef372;
      for (let len = 1; len <= maxLen; len++) {
        if (i + len > to) { masks[len - 1] = 0; continue; }
        h = mix(h, doc.hLow[i + len - 1]!);
        masks[len - 1] = gaz.typesOf(finish(h));
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

/** Whether the token at offset d (-2..2) from k is in k's sentence. */
export function inSentence(doc: Doc, k: number, d: number): boolean {
  if (d < 0) return doc.pos[k]! >= -d;
  const j = k + d;
  if (j >= doc.n) return false;
  for (let x = k + 1; x <= j; x++) if (doc.sentStart[x] === 1) return false;
  return true;
}

/** Word hash of the token at offset d from k inside k's sentence (a pad beyond it). */
function lowAt(doc: Doc, k: number, d: number): number {
  return inSentence(doc, k, d) ? doc.hLow[k + d]! : d < 0 ? PAD_LEFT : PAD_RIGHT;
}

function shapeAt(doc: Doc, k: number, d: number, short: boolean): number {
  if (!inSentence(doc, k, d)) return d < 0 ? PAD_LEFT : PAD_RIGHT;
  return short ? doc.hShort[k + d]! : doc.hShape[k + d]!;
}

/** Writes the base feature keys of every token in a window into keys[k * BASE_SLOTS + s] (others stay 0). */
export function baseFeatures(doc: Doc, res: Resources, keys: Int32Array): Windows {
  const w = windowsOf(doc.n, doc.sentStart, doc.cased);
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
export const SELF_SLOTS = 12, NEIGHBOUR_SLOTS = 6, PLACE_SLOTS = 9, PAIR_SLOTS = 9;
/** The slots of a token's base keys that name its word itself (lower-cased, as written, and by case), for training's dropout. */
export const WORD_SLOTS: readonly number[] = [0, 1, 11];

/** Keys of the word alone, given whether case informs at it (un: 1 when it does not). */
export function selfKeys(w: WordInfo, un: number, out: Int32Array, o: number): void {
  out[o] = key1(2, w.hLow);
  out[o + 1] = key1(3, w.hRaw);
  out[o + 2] = key1(10, w.hShape);
  for (let a = 0; a < 8; a++) out[o + 3 + a] = w.affix[a] === 0 ? 0 : key1(16 + a, w.affix[a]!);
  out[o + 11] = key3(32, w.hLow, un, capClass(w.flags));
}

/**
 * The keys a word (or a pad, given as hLow = hShape = PAD_LEFT or PAD_RIGHT) gives its
 * neighbours, in NEAR_* order: as the word just before a token, its word and shape; just after,
 * the same; two before, two after, its word.
 */
export function neighbourKeys(hLow: number, hShape: number, out: Int32Array, o: number): void {
  out[o + NEAR_BEFORE] = key1(4, hLow);
  out[o + NEAR_BEFORE + 1] = key1(11, hShape);
  out[o + NEAR_AFTER] = key1(5, hLow);
  out[o + NEAR_AFTER + 1] = key1(12, hShape);
  out[o + NEAR_BEFORE2] = twoBeforeKey(hLow);
  out[o + NEAR_AFTER2] = twoAfterKey(hLow);
}

/** The key of the word two before a token, and two after. */
export function twoBeforeKey(hLow: number): number {
  return key1(6, hLow);
}

export function twoAfterKey(hLow: number): number {
  return key1(7, hLow);
}

export const NEAR_BEFORE = 0, NEAR_AFTER = 2, NEAR_BEFORE2 = 4, NEAR_AFTER2 = 5, NEAR_KEYS = 6;

const near = new Int32Array(NEAR_KEYS);

/** The key at `which` (NEAR_*) of the word at offset d from k, or of the pad beyond k's sentence. */
function nearKey(doc: Doc, k: number, d: number, which: number): number {
  const pad = d < 0 ? PAD_LEFT : PAD_RIGHT;
  if (inSentence(doc, k, d)) neighbourKeys(doc.hLow[k + d]!, doc.hShape[k + d]!, near, 0);
  else neighbourKeys(pad, pad, near, 0);
  return near[which]!;
}

/** What the place keys depend on besides the word's kind: position, headline kind, case-uninformative, field, last. */
export function placeCode(doc: Doc, k: number): number {
  const pos = doc.pos[k]! > 2 ? 2 : doc.pos[k]!;
  const last = k + 1 >= doc.n || doc.sentStart[k + 1] === 1 ? 1 : 0;
  return ((((pos * 3 + doc.head[k]!) * 2 + doc.uninf[k]!) * 2 + doc.field[k]!) * 2) + last;
}

export const PLACE_CODES = 72;

export function placeKeys(doc: Doc, k: number, out: Int32Array, o: number): void {
  const flags = doc.packed[k]! & F_MASK, shape = doc.hShape[k]!, short = doc.hShort[k]!;
  const cls = capClass(flags), un = doc.uninf[k]!, head = doc.head[k]!;
  const pos = doc.pos[k]! > 2 ? 2 : doc.pos[k]!;
  const last = k + 1 >= doc.n || doc.sentStart[k + 1] === 1 ? 1 : 0;
  out[o] = key1(1, 0);
  out[o + 1] = key3(24, pos, short, head);
  out[o + 2] = key2(25, head, shape);
  out[o + 3] = key3(26, doc.prior[k]!, un, cls);
  out[o + 4] = key3(27, doc.docCase[k]!, un, cls);
  out[o + 5] = key2(28, doc.field[k]!, shape);
  out[o + 6] = key3(31, flags, un, head);
  out[o + 7] = key2(33, last, short);
  out[o + 8] = key3(34, doc.prior[k]!, doc.docCase[k]!, un);
}

/**
 * Keys joining the token to its neighbours: the short shapes around it, its shape with the
 * word before and after, and the gazetteer entries covering it. (Word bigrams and shape
 * bigrams at +-1 were dropped: on eng.testa the model was as good or better without them.)
 */
export function pairKeys(doc: Doc, k: number, gaz: Uint8Array, out: Int32Array, o: number): void {
  const s0 = doc.hShape[k]!, shm1 = shapeAt(doc, k, -1, true), shp1 = shapeAt(doc, k, 1, true);
  const cls = capClass(doc.packed[k]! & F_MASK);
  out[o] = key3(15, shm1, doc.hShort[k]!, shp1);
  out[o + 1] = key2(29, lowAt(doc, k, -1), s0);
  out[o + 2] = key2(30, s0, lowAt(doc, k, 1));
  out[o + 3] = key2(35, shapeAt(doc, k, -2, true), shm1);
  out[o + 4] = key2(36, shp1, shapeAt(doc, k, 2, true));
  for (let t = 0; t < 4; t++) {
    const g = gaz[k * 4 + t]!;
    out[o + 5 + t] = g === 0 ? 0 : key3(37, t, g, cls);
  }
}

function tokenFeatures(doc: Doc, k: number, gaz: Uint8Array, out: Int32Array, o: number): void {
  selfKeys(wordAt(doc, k), doc.uninf[k]!, out, o);
  let s = o + SELF_SLOTS;
  out[s] = nearKey(doc, k, -1, NEAR_BEFORE);
  out[s + 1] = nearKey(doc, k, -1, NEAR_BEFORE + 1);
  out[s + 2] = nearKey(doc, k, 1, NEAR_AFTER);
  out[s + 3] = nearKey(doc, k, 1, NEAR_AFTER + 1);
  out[s + 4] = nearKey(doc, k, -2, NEAR_BEFORE2);
  out[s + 5] = nearKey(doc, k, 2, NEAR_AFTER2);
  s += NEIGHBOUR_SLOTS;
  placeKeys(doc, k, out, s);
  pairKeys(doc, k, gaz, out, s + PLACE_SLOTS);
}
