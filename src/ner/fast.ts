/**
 * Stage 1's and stage 2's base emissions at run time, with what depends on the word alone
 * computed once per distinct word of the document: the word's own keys, the keys it gives its
 * neighbours, and its place keys once per (word, place) seen. Only the keys joining two words
 * are looked up per token. The sums equal those of baseFeatures + JointTable.add (tested).
 */
import type { Doc } from './doc.js';
import {
  PAD_LEFT, PAD_RIGHT, PAIR_SLOTS, PLACE_SLOTS, SELF_SLOTS, afterKeys, beforeKeys,
  gazetteerParts, pairKeys, placeCode, placeKeys, selfKeys, twoAfterKey, twoBeforeKey,
} from './features.js';
import type { JointTable } from './joint.js';
import { LABELS } from './labels.js';
import type { Resources } from './types.js';
import type { WordInfo } from './words.js';

const V = 2 * LABELS;
/** Per word: vectors for itself, as the word before, after, two before, two after. */
const SELF = 0, BEFORE = 1, AFTER = 2, BEFORE2 = 3, AFTER2 = 4, ROLES = 5;

/**
 * Per-word vectors of frequent words, kept for the process per model (bounded; a word's
 * vectors depend on the word and the weights alone, so any document may reuse them).
 */
class WordVectors {
  readonly slot = new Map<string, number>();
  readonly vec = new Float32Array(WORDS_KEPT * ROLES * V);
}
const WORDS_KEPT = 8192;
const kept = new WeakMap<JointTable, WordVectors>();

function computeVectors(w: WordInfo | null, joint: JointTable, keys: Int32Array, out: Float32Array, o: number): void {
  const add = (role: number, n: number) => joint.addTo(keys, n, out, o + role * V);
  if (w) { selfKeys(w, keys, 0); add(SELF, SELF_SLOTS); }
  beforeKeys(w ? w.hLow : PAD_LEFT, w ? w.hShape : PAD_LEFT, keys, 0); add(BEFORE, 2);
  afterKeys(w ? w.hLow : PAD_RIGHT, w ? w.hShape : PAD_RIGHT, keys, 0); add(AFTER, 2);
  keys[0] = twoBeforeKey(w ? w.hLow : PAD_LEFT); add(BEFORE2, 1);
  keys[0] = twoAfterKey(w ? w.hLow : PAD_RIGHT); add(AFTER2, 1);
}

/** Vectors of every distinct word of the document (and, last, of the pad beyond a sentence). */
function typeVectors(doc: Doc, joint: JointTable): Float32Array {
  const nt = doc.types.length;
  const vec = new Float32Array((nt + 1) * ROLES * V);
  const keys = new Int32Array(SELF_SLOTS);
  let cache = kept.get(joint);
  if (!cache) kept.set(joint, (cache = new WordVectors()));
  const block = ROLES * V;
  for (let t = 0; t < nt; t++) {
    const w = doc.types[t]!;
    const at = cache.slot.get(w.raw);
    if (at !== undefined) { vec.set(cache.vec.subarray(at, at + block), t * block); continue; }
    computeVectors(w, joint, keys, vec, t * block);
    if (cache.slot.size < WORDS_KEPT && w.raw.length <= 24) {
      const o = cache.slot.size * block;
      cache.vec.set(vec.subarray(t * block, (t + 1) * block), o);
      cache.slot.set(w.raw, o);
    }
  }
  computeVectors(null, joint, keys, vec, nt * block);
  return vec;
}

/** The vector offset of the token at k + d in the given role, or of the pad when outside k's sentence. */
function roleAt(doc: Doc, k: number, d: number, role: number, pad: number): number {
  const j = k + d;
  let inside = j >= 0 && j < doc.n;
  if (inside && d < 0) inside = doc.pos[k]! >= -d;
  if (inside && d > 0) for (let x = k + 1; x <= j && inside; x++) if (doc.sentStart[x] === 1) inside = false;
  return ((inside ? doc.typeId[j]! : pad) * ROLES + role) * V;
}

export function baseEmissions(doc: Doc, res: Resources, joint: JointTable, emit1: Float32Array, emit2: Float32Array | null): void {
  const types = typeVectors(doc, joint);
  const pad = doc.types.length;
  const gaz = gazetteerParts(doc, res);
  const places = new Map<number, number>();
  const placeVec = new Float32Array(Math.min(doc.n, 4096) * V + V);
  let placeVecs = placeVec;
  const keys = new Int32Array(Math.max(PLACE_SLOTS, PAIR_SLOTS));
  const acc = new Float32Array(V);
  const useClusters = res.clusters !== null;
  for (let k = 0; k < doc.n; k++) {
    const t = doc.typeId[k]!;
    const code = t * 72 + placeCode(doc, k);
    let po = places.get(code);
    if (po === undefined) {
      po = places.size * V;
      if (po + V > placeVecs.length) { const grown = new Float32Array(placeVecs.length * 2); grown.set(placeVecs); placeVecs = grown; }
      placeKeys(doc, k, keys, 0);
      joint.addTo(keys, PLACE_SLOTS, placeVecs, po);
      places.set(code, po);
    }
    acc.fill(0);
    pairKeys(doc, k, gaz, useClusters, keys, 0);
    joint.addTo(keys, PAIR_SLOTS, acc, 0);
    const s = (t * ROLES + SELF) * V;
    const b1 = roleAt(doc, k, -1, BEFORE, pad), a1 = roleAt(doc, k, 1, AFTER, pad);
    const b2 = roleAt(doc, k, -2, BEFORE2, pad), a2 = roleAt(doc, k, 2, AFTER2, pad);
    const e = k * LABELS;
    for (let l = 0; l < LABELS; l++) {
      emit1[e + l]! += acc[l]! + placeVecs[po + l]! + types[s + l]! + types[b1 + l]! + types[a1 + l]! + types[b2 + l]! + types[a2 + l]!;
    }
    if (emit2) {
      for (let l = LABELS; l < V; l++) {
        emit2[e + l - LABELS]! += acc[l]! + placeVecs[po + l]! + types[s + l]! + types[b1 + l]! + types[a1 + l]! + types[b2 + l]! + types[a2 + l]!;
      }
    }
  }
}


