/**
 * The run-time emissions, inside the windows only. A word's own keys are summed once per
 * process and word; the keys of a word's kind in its place (shape, flags, prior, position,
 * headline, case elsewhere) once per process and combination; stage 2's once per combination
 * of what they read; the keys a word gives its neighbours are made once per word; only the
 * keys joining two words are made per token. The sums equal those of baseFeatures and
 * docFeatures looked up one key at a time (tested).
 */
import { wordAt, type Doc } from './doc.js';
import {
  DC_BEST_LABEL, DC_BEST_TYPE, DC_CLS, DC_HEAD, DC_NEXT, DC_NEXT_TYPE, DC_OTHERS, DC_OWN, DC_PREV, DC_PREV_TYPE, DC_SHARE,
  DC_FULL, DC_SIZE, DC_UN, DOC_LOCAL_SLOTS, DOC_VOTE_SLOTS, docContext, docLocalKeys, docVoteKeys, labelVotes,
} from './doc-features.js';
import {
  NEAR_AFTER, NEAR_AFTER2, NEAR_BEFORE, NEAR_BEFORE2, NEAR_KEYS, PAD_LEFT, PAD_RIGHT, PAIR_SLOTS, PLACE_CODES, PLACE_SLOTS, SELF_SLOTS,
  gazetteerParts, inSentence, neighbourKeys, pairKeys, placeCode, placeKeys, selfKeys, twoAfterKey, twoBeforeKey,
} from './features.js';
import { LABELS } from './labels.js';
import type { Stage } from './table.js';
import type { Resources } from './types.js';
import { DenseVectorCache, RowWeights, VectorCache } from './vectors.js';
import type { Vocabulary } from './vocab.js';
import type { Windows } from './windows.js';

/** Summed vectors kept per process before a cache starts over. */
const KEEP = 1 << 19;

export class FastModel {
  private readonly w1: RowWeights;
  private readonly w2: RowWeights | null;
  /**
   * Sums of a word's own keys, by word number * 4 + (1 when case says nothing at it); and of
   * the keys it gives the token after it (+ 2) and before it (+ 3).
   */
  private readonly words = new DenseVectorCache(KEEP);
  /** Sums of the place keys, by word kind and place (placeKey). */
  private readonly places = new VectorCache(KEEP);
  /** Stage 2's sums, by the codes of docLocalKeys and docVoteKeys. */
  private readonly local = new VectorCache(KEEP);
  private readonly voted = new VectorCache(KEEP);
  /** The keys of the pads beyond a sentence, as neighbours: left pad, then right pad. */
  private readonly padKeys = new Int32Array(NEAR_KEYS * 2);
  private readonly keys = new Int32Array(Math.max(SELF_SLOTS, PLACE_SLOTS, PAIR_SLOTS, DOC_LOCAL_SLOTS + DOC_VOTE_SLOTS));
  private readonly context = new Int32Array(DC_SIZE);
  private generation = -1;

  constructor(stages: Stage[], private readonly res: Resources) {
    this.w1 = new RowWeights(stages[0]!);
    this.w2 = stages[1] ? new RowWeights(stages[1]) : null;
    neighbourKeys(PAD_LEFT, PAD_LEFT, this.padKeys, 0);
    neighbourKeys(PAD_RIGHT, PAD_RIGHT, this.padKeys, NEAR_KEYS);
  }

  /** Called once per document, before any emission: drops sums the vocabulary no longer numbers, and bounds the caches. */
  startDocument(vocab: Vocabulary): void {
    if (vocab.generation !== this.generation) {
      this.generation = vocab.generation;
      this.words.clear();
      this.places.clear();
    }
    this.words.trim();
    for (const c of [this.places, this.local, this.voted]) c.trim();
  }

  /** Scratch emissions, reused from one document to the next (valid until the next call). */
  private emit1 = new Float32Array(1024 * LABELS);
  private emit2 = new Float32Array(1024 * LABELS);

  /** Stage 1's emissions (doc.n * LABELS; only the active tokens' rows are meaningful). */
  stage1(doc: Doc, w: Windows): Float32Array {
    if (this.emit1.length < doc.n * LABELS) { this.emit1 = new Float32Array(doc.n * LABELS * 2); this.emit2 = new Float32Array(doc.n * LABELS * 2); }
    const emit = this.emit1;
    emit.fill(0, 0, doc.n * LABELS);
    const gaz = gazetteerParts(doc, this.res, w);
    const keys = this.keys, w1 = this.w1;
    for (let k = 0; k < doc.n; k++) {
      if (!w.active[k]) continue;
      const o = k * LABELS;
      this.addSelf(doc, k, emit, o);
      this.addNext(doc, k, -1, emit, o);
      this.addNext(doc, k, 1, emit, o);
      w1.add(inSentence(doc, k, -2) ? twoBeforeKey(doc.hLow[k - 2]!) : this.padKeys[NEAR_BEFORE2]!, emit, o);
      w1.add(inSentence(doc, k, 2) ? twoAfterKey(doc.hLow[k + 2]!) : this.padKeys[NEAR_KEYS + NEAR_AFTER2]!, emit, o);
      this.addPlace(doc, k, emit, o);
      pairKeys(doc, k, gaz, keys, 0);
      w1.addAll(keys, 0, PAIR_SLOTS, emit, o);
    }
    return emit;
  }

  /** Stage 2's emissions: stage 1's plus the weights of the document-level features. */
  stage2(doc: Doc, w: Windows, first: Uint8Array, emit1: Float32Array): Float32Array {
    const emit = this.emit2;
    emit.set(emit1.subarray(0, doc.n * LABELS));
    const votes = labelVotes(doc, first), c = this.context;
    for (let k = 0; k < doc.n; k++) {
      if (!w.active[k]) continue;
      docContext(doc, first, votes, k, c);
      const o = k * LABELS;
      const local = (((((c[DC_OWN]! * 18 + c[DC_PREV]!) * 18 + c[DC_NEXT]!) * 2 + c[DC_UN]!) * 4 + c[DC_CLS]!) * 6
        + typeCode(c[DC_PREV_TYPE]!)) * 6 + typeCode(c[DC_NEXT_TYPE]!);
      this.addCached(this.local, local, c, docLocalKeys, DOC_LOCAL_SLOTS, emit, o);
      if (c[DC_OTHERS] === 0) continue;
      const voted = ((((((c[DC_OWN]! * 17 + c[DC_BEST_LABEL]!) * 5 + c[DC_BEST_TYPE]! + 1) * 4 + c[DC_SHARE]!) * 2 + c[DC_UN]!) * 4
        + c[DC_CLS]!) * 3 + c[DC_HEAD]!) * 2 + c[DC_FULL]!;
      this.addCached(this.voted, voted, c, docVoteKeys, DOC_VOTE_SLOTS, emit, o);
    }
    return emit;
  }

  private addCached(cache: VectorCache, key: number, c: Int32Array, keysOf: (c: Int32Array, out: Int32Array, o: number) => void, n: number, emit: Float32Array, o: number): void {
    let at = cache.find(key);
    if (at < 0) {
      at = cache.make(key);
      keysOf(c, this.keys, 0);
      this.w2!.addAll(this.keys, 0, n, cache.data, at);
    }
    addVector(cache.data, at, emit, o);
  }

  private addSelf(doc: Doc, k: number, emit: Float32Array, o: number): void {
    const un = doc.uninf[k]!, key = doc.ids[k]! * 4 + un;
    let at = this.words.find(key);
    if (at < 0) {
      at = this.words.make(key);
      selfKeys(wordAt(doc, k), un, this.keys, 0);
      this.w1.addAll(this.keys, 0, SELF_SLOTS, this.words.data, at);
    }
    addVector(this.words.data, at, emit, o);
  }

  /** The two keys the word just before (d = -1) or after (d = 1) token k gives it, summed once per word (a pad's beyond k's sentence). */
  private addNext(doc: Doc, k: number, d: number, emit: Float32Array, o: number): void {
    const which = d < 0 ? NEAR_BEFORE : NEAR_AFTER;
    if (!inSentence(doc, k, d)) { this.w1.addAll(this.padKeys, (d < 0 ? 0 : NEAR_KEYS) + which, 2, emit, o); return; }
    const j = k + d, key = doc.ids[j]! * 4 + (d < 0 ? 2 : 3);
    let at = this.words.find(key);
    if (at < 0) {
      at = this.words.make(key);
      neighbourKeys(doc.hLow[j]!, doc.hShape[j]!, this.keys, 0);
      this.w1.addAll(this.keys, which, 2, this.words.data, at);
    }
    addVector(this.words.data, at, emit, o);
  }

  private addPlace(doc: Doc, k: number, emit: Float32Array, o: number): void {
    const key = ((doc.kind[k]! * PLACE_CODES + placeCode(doc, k)) * 4 + doc.docCase[k]!) * 6 + doc.prior[k]!;
    if (key >= 0x3fffffff) { placeKeys(doc, k, this.keys, 0); this.w1.addAll(this.keys, 0, PLACE_SLOTS, emit, o); return; }
    let at = this.places.find(key);
    if (at < 0) {
      at = this.places.make(key);
      placeKeys(doc, k, this.keys, 0);
      this.w1.addAll(this.keys, 0, PLACE_SLOTS, this.places.data, at);
    }
    addVector(this.places.data, at, emit, o);
  }
}

/** A neighbour's majority type (-1..3, or 9 beyond the sentence) as 0..5. */
function typeCode(t: number): number {
  return t === 9 ? 5 : t + 1;
}

function addVector(data: Float32Array, at: number, emit: Float32Array, o: number): void {
  for (let l = 0; l < LABELS; l++) emit[o + l]! += data[at + l]!;
}
