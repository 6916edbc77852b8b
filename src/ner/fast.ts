/**
 * The run-time emissions, inside the windows only. What depends on a word alone (its own keys,
 * and those it gives the words around it) is summed once per process and word; what depends on
 * a word's kind in its place (shape, flags, prior, position, headline, case elsewhere) once per
 * process and combination; only the keys joining two words are looked up per token. The sums
 * equal those of baseFeatures and docFeatures looked up one key at a time (tested).
 */
import type { Doc } from './doc.js';
import {
  DOC_SLOTS, PAD_LEFT, PAD_RIGHT, PAIR_SLOTS, PLACE_CODES, PLACE_SLOTS, SELF_SLOTS, afterKeys, beforeKeys,
  docFeatures, gazetteerParts, pairKeys, placeCode, placeKeys, selfKeys, twoAfterKey, twoBeforeKey,
} from './features.js';
import { LABELS } from './labels.js';
import type { Stage } from './table.js';
import type { Resources } from './types.js';
import { RowWeights, VectorCache } from './vectors.js';
import type { Vocabulary, Word } from './vocab.js';
import type { Windows } from './windows.js';

const SELF0 = 0, SELF1 = 1, BEFORE = 2, AFTER = 3, BEFORE2 = 4, AFTER2 = 5, ROLES = 6;
/** Summed vectors kept per process before the caches start over. */
const KEEP = 1 << 17;

export class FastModel {
  private readonly w1: RowWeights;
  private readonly w2: RowWeights | null;
  private readonly words = new VectorCache(KEEP);
  private readonly places = new VectorCache(KEEP);
  /** Vectors of the pads beyond a sentence in each neighbour role. */
  private readonly pads = new Float32Array(ROLES * LABELS);
  private readonly keys = new Int32Array(Math.max(SELF_SLOTS, PLACE_SLOTS, PAIR_SLOTS, DOC_SLOTS));
  private generation = -1;

  constructor(stages: Stage[], private readonly res: Resources) {
    this.w1 = new RowWeights(stages[0]!);
    this.w2 = stages[1] ? new RowWeights(stages[1]) : null;
    const k = this.keys;
    beforeKeys(PAD_LEFT, PAD_LEFT, k, 0); this.w1.addAll(k, 0, 2, this.pads, BEFORE * LABELS);
    afterKeys(PAD_RIGHT, PAD_RIGHT, k, 0); this.w1.addAll(k, 0, 2, this.pads, AFTER * LABELS);
    this.w1.add(twoBeforeKey(PAD_LEFT), this.pads, BEFORE2 * LABELS);
    this.w1.add(twoAfterKey(PAD_RIGHT), this.pads, AFTER2 * LABELS);
  }

  get twoStages(): boolean { return this.w2 !== null; }

  /** Called once per document, before any emission: drops cached sums the vocabulary no longer numbers. */
  startDocument(vocab: Vocabulary): void {
    if (vocab.generation !== this.generation) {
      this.generation = vocab.generation;
      this.words.clear();
      this.places.clear();
    }
    this.words.trim();
    this.places.trim();
  }

  /** Stage 1's emissions of the active tokens into emit (doc.n * LABELS, zeroed). */
  stage1(doc: Doc, w: Windows, emit: Float32Array): void {
    const gaz = gazetteerParts(doc, this.res, w);
    const keys = this.keys;
    for (let k = 0; k < doc.n; k++) {
      if (!w.active[k]) continue;
      const o = k * LABELS, word = doc.info[k]!;
      this.addWord(word, doc.uninf[k] ? SELF1 : SELF0, emit, o);
      this.addNeighbour(doc, k, -1, BEFORE, emit, o);
      this.addNeighbour(doc, k, 1, AFTER, emit, o);
      this.addNeighbour(doc, k, -2, BEFORE2, emit, o);
      this.addNeighbour(doc, k, 2, AFTER2, emit, o);
      this.addPlace(doc, k, word, emit, o);
      pairKeys(doc, k, gaz, keys, 0);
      this.w1.addAll(keys, 0, PAIR_SLOTS, emit, o);
    }
  }

  /** Stage 2's emissions: stage 1's plus the weights of the document-level features. */
  stage2(doc: Doc, w: Windows, first: Uint8Array, emit1: Float32Array): Float32Array {
    const emit = emit1.slice();
    const extra = new Int32Array(doc.n * DOC_SLOTS);
    docFeatures(doc, first, extra, w.active);
    for (let k = 0; k < doc.n; k++) if (w.active[k]) this.w2!.addAll(extra, k * DOC_SLOTS, DOC_SLOTS, emit, k * LABELS);
    return emit;
  }

  private addWord(word: Word, role: number, emit: Float32Array, o: number): void {
    const key = word.id * ROLES + role;
    let at = this.words.find(key);
    if (at < 0) at = this.fillWord(word, role, key);
    const data = this.words.data;
    for (let l = 0; l < LABELS; l++) emit[o + l]! += data[at + l]!;
  }

  private fillWord(word: Word, role: number, key: number): number {
    const at = this.words.make(key), data = this.words.data, keys = this.keys;
    if (role === SELF0 || role === SELF1) { selfKeys(word, role === SELF1 ? 1 : 0, keys, 0); this.w1.addAll(keys, 0, SELF_SLOTS, data, at); }
    else if (role === BEFORE) { beforeKeys(word.hLow, word.hShape, keys, 0); this.w1.addAll(keys, 0, 2, data, at); }
    else if (role === AFTER) { afterKeys(word.hLow, word.hShape, keys, 0); this.w1.addAll(keys, 0, 2, data, at); }
    else this.w1.add(role === BEFORE2 ? twoBeforeKey(word.hLow) : twoAfterKey(word.hLow), data, at);
    return at;
  }

  /** The vector the token at k + d gives k in its role, or the pad's when k + d is outside k's sentence. */
  private addNeighbour(doc: Doc, k: number, d: number, role: number, emit: Float32Array, o: number): void {
    const j = k + d;
    let inside = d < 0 ? doc.pos[k]! >= -d : j < doc.n;
    if (inside && d > 0) for (let x = k + 1; x <= j; x++) if (doc.sentStart[x] === 1) { inside = false; break; }
    if (inside) { this.addWord(doc.info[j]!, role, emit, o); return; }
    const pads = this.pads, p = role * LABELS;
    for (let l = 0; l < LABELS; l++) emit[o + l]! += pads[p + l]!;
  }

  private addPlace(doc: Doc, k: number, word: Word, emit: Float32Array, o: number): void {
    const key = ((word.kind * PLACE_CODES + placeCode(doc, k)) * 4 + doc.docCase[k]!) * 6 + doc.prior[k]!;
    if (key >= 0x3fffffff) { placeKeys(doc, k, this.keys, 0); this.w1.addAll(this.keys, 0, PLACE_SLOTS, emit, o); return; }
    let at = this.places.find(key);
    if (at < 0) {
      at = this.places.make(key);
      placeKeys(doc, k, this.keys, 0);
      this.w1.addAll(this.keys, 0, PLACE_SLOTS, this.places.data, at);
    }
    const data = this.places.data;
    for (let l = 0; l < LABELS; l++) emit[o + l]! += data[at + l]!;
  }
}
