/**
 * Feature keys per token: every template is an integer hash of its template number and the
 * values it joins (word hashes, shapes, flags...), so no feature string is ever built. Each
 * token gets a fixed number of slots; 0 in a slot means "no feature here".
 */
import type { Doc } from './doc.js';
import { finish, key1, key2, key3, mix } from './hash.js';
import { LABELS, typeOf } from './labels.js';
import type { Resources } from './types.js';
import { capClass } from './words.js';

/** Slots per token in stage 1 (base features) and added by stage 2 (document level). */
export const BASE_SLOTS = 44;
export const DOC_SLOTS = 6;

const PAD_LEFT = 0x51ed270b, PAD_RIGHT = 0x2f3a1c7d;

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
  const hl = new Int32Array(doc.n);
  for (let k = 0; k < doc.n; k++) hl[k] = doc.info[k]!.hLow;
  const maxLen = Math.min(res.gazMaxLen, 6);
  for (let t = 0; t < 4; t++) {
    let i = 0;
    while (i < doc.n) {
      let end = i + 1;
      while (end < doc.n && end - i < maxLen && doc.sentStart[end] === 0) end++;
      let best = 0;
      for (let len = end - i; len >= 1 && best === 0; len--) {
        const m = res.gazetteer.get(gazetteerKey(hl, i, i + len));
        if (m !== undefined && (m >> t) & 1) best = len;
      }
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

function tokenFeatures(doc: Doc, k: number, gaz: Uint8Array, useClusters: boolean, out: Int32Array, o: number): void {
  const w = doc.info[k]!;
  const l0 = w.hLow, lm1 = lowAt(doc, k, -1), lp1 = lowAt(doc, k, 1);
  const s0 = w.hShape, sm1 = shapeAt(doc, k, -1, false), sp1 = shapeAt(doc, k, 1, false);
  const sh0 = w.hShort, shm1 = shapeAt(doc, k, -1, true), shp1 = shapeAt(doc, k, 1, true);
  const cls = capClass(w.flags), un = doc.uninf[k]!, head = doc.head[k]!;
  const pos = doc.pos[k]! > 2 ? 2 : doc.pos[k]!;
  const last = k + 1 >= doc.n || doc.sentStart[k + 1] === 1 ? 1 : 0;
  let s = o;
  out[s++] = key1(1, 0);
  out[s++] = key1(2, l0);
  out[s++] = key1(3, w.hRaw);
  out[s++] = key1(4, lm1);
  out[s++] = key1(5, lp1);
  out[s++] = key1(6, lowAt(doc, k, -2));
  out[s++] = key1(7, lowAt(doc, k, 2));
  out[s++] = key2(8, lm1, l0);
  out[s++] = key2(9, l0, lp1);
  out[s++] = key1(10, s0);
  out[s++] = key1(11, sm1);
  out[s++] = key1(12, sp1);
  out[s++] = key2(13, sm1, s0);
  out[s++] = key2(14, s0, sp1);
  out[s++] = key3(15, shm1, sh0, shp1);
  for (let a = 0; a < 8; a++) out[s++] = w.affix[a] === 0 ? 0 : key1(16 + a, w.affix[a]!);
  out[s++] = key3(24, pos, sh0, head);
  out[s++] = key2(25, head, s0);
  out[s++] = key3(26, doc.prior[k]!, un, cls);
  out[s++] = key3(27, doc.docCase[k]!, un, cls);
  out[s++] = key2(28, doc.field[k]!, s0);
  out[s++] = key2(29, lm1, s0);
  out[s++] = key2(30, s0, lp1);
  out[s++] = key3(31, w.flags, un, head);
  out[s++] = key3(32, l0, un, cls);
  out[s++] = key2(33, last, sh0);
  out[s++] = key3(34, doc.prior[k]!, doc.docCase[k]!, un);
  out[s++] = key2(35, shapeAt(doc, k, -2, true), shm1);
  out[s++] = key2(36, shp1, shapeAt(doc, k, 2, true));
  for (let t = 0; t < 4; t++) {
    const g = gaz[k * 4 + t]!;
    out[s++] = g === 0 ? 0 : key3(37, t, g, cls);
  }
  if (useClusters) {
    const c0 = clusterAt(doc, k, 0);
    out[s++] = key1(41, c0);
    out[s++] = key1(42, clusterAt(doc, k, -1));
    out[s++] = key2(43, clusterAt(doc, k, 1), c0 & 0xff);
  } else {
    out[s++] = 0; out[s++] = 0; out[s++] = 0;
  }
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
