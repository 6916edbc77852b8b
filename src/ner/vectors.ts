/**
 * Run-time pieces of the weights: one stage's rows as float vectors behind an open-addressing
 * table of feature keys, and a cache of summed vectors under integer keys (what a word, or a
 * kind of word in a kind of place, contributes), so a sum met before costs one probe.
 */
import { LABELS } from './labels.js';
import type { Stage } from './table.js';

/**
 * One stage's weights: key -> LABELS int8 weights and their scale, rows packed in file order
 * (the int8 form keeps the rows a quarter the size of floats, so more of them stay in cache).
 */
export class RowWeights {
  private readonly mask: number;
  /** [key, row] pairs, key 0 = empty. */
  private readonly slots: Int32Array;
  private readonly rows: Int8Array;
  private readonly scales: Float32Array;

  constructor(stage: Stage) {
    let size = 16;
    while (size < stage.keys.length * 2) size <<= 1;
    this.mask = size - 1;
    this.slots = new Int32Array(size * 2);
    this.rows = stage.weights;
    this.scales = stage.scales;
    for (let r = 0; r < stage.keys.length; r++) {
      const key = stage.keys[r]!;
      let i = (key ^ (key >>> 15)) & this.mask;
      while (this.slots[i * 2] !== 0) i = (i + 1) & this.mask;
      this.slots[i * 2] = key;
      this.slots[i * 2 + 1] = r;
    }
  }

  /** Adds the row of key (when known) to out[o .. o + LABELS). */
  add(key: number, out: Float32Array, o: number): void {
    if (key === 0) return;
    const slots = this.slots, mask = this.mask;
    let i = (key ^ (key >>> 15)) & mask;
    for (;;) {
      const s = slots[i * 2]!;
      if (s === key) break;
      if (s === 0) return;
      i = (i + 1) & mask;
    }
    const rows = this.rows, r = slots[i * 2 + 1]!, sc = this.scales[r]!, at = r * LABELS;
    for (let l = 0; l < LABELS; l++) out[o + l]! += rows[at + l]! * sc;
  }

  /** Adds the rows of keys[from, from + n). */
  addAll(keys: Int32Array, from: number, n: number, out: Float32Array, o: number): void {
    for (let s = from, end = from + n; s < end; s++) this.add(keys[s]!, out, o);
  }
}

/**
 * Vectors of LABELS floats under non-negative integer keys. `find` gives a vector's offset in
 * `data` or -1; `make` adds a zeroed one. Cleared by `trim` (between documents only, so offsets
 * a document holds stay valid) once it holds more than `limit` vectors.
 */
export class VectorCache {
  /** [key + 1, offset] pairs, 0 = empty. */
  private slots = new Int32Array(2 << 10);
  data = new Float32Array(256 * LABELS);
  private count = 0;

  constructor(private readonly limit: number) {}

  find(key: number): number {
    const slots = this.slots, mask = (slots.length >> 1) - 1, stored = key + 1;
    let i = (Math.imul(key, 0x9e3779b1) >>> 7) & mask;
    for (;;) {
      const k = slots[i * 2]!;
      if (k === stored) return slots[i * 2 + 1]!;
      if (k === 0) return -1;
      i = (i + 1) & mask;
    }
  }

  make(key: number): number {
    if ((this.count + 1) * 4 > this.slots.length) this.rehash(this.slots.length);
    const slots = this.slots, mask = (slots.length >> 1) - 1;
    let i = (Math.imul(key, 0x9e3779b1) >>> 7) & mask;
    while (slots[i * 2] !== 0) i = (i + 1) & mask;
    slots[i * 2] = key + 1;
    const o = this.count++ * LABELS;
    this.data = withRoom(this.data, o + LABELS);
    slots[i * 2 + 1] = o;
    this.data.fill(0, o, o + LABELS);
    return o;
  }

  trim(): void {
    if (this.count > this.limit) this.clear();
  }

  clear(): void {
    this.slots = new Int32Array(2 << 10);
    this.data = new Float32Array(256 * LABELS);
    this.count = 0;
  }

  /** Rebuilds the table with `size` slots (two ints each). */
  private rehash(size: number): void {
    const slots = new Int32Array(size * 2), mask = size - 1, old = this.slots;
    for (let j = 0; j < old.length; j += 2) {
      const stored = old[j]!;
      if (stored === 0) continue;
      let i = (Math.imul(stored - 1, 0x9e3779b1) >>> 7) & mask;
      while (slots[i * 2] !== 0) i = (i + 1) & mask;
      slots[i * 2] = stored;
      slots[i * 2 + 1] = old[j + 1]!;
    }
    this.slots = slots;
  }
}

/**
 * A VectorCache for small dense keys (a word's number * 4 + a variant): the offset of a key's
 * vector is read straight from an array indexed by the key, so a lookup is one read where a
 * hash table's probe would be another cache miss. Vectors are laid out as VectorCache lays them.
 */
export class DenseVectorCache {
  /** Per key, its vector's offset + 1 (0: none yet). */
  private index = new Int32Array(1 << 12);
  data = new Float32Array(256 * LABELS);
  private count = 0;

  constructor(private readonly limit: number) {}

  find(key: number): number {
    return key < this.index.length ? this.index[key]! - 1 : -1;
  }

  make(key: number): number {
    if (key >= this.index.length) {
      let n = this.index.length * 2;
      while (n <= key) n *= 2;
      const grown = new Int32Array(n);
      grown.set(this.index);
      this.index = grown;
    }
    const o = this.count++ * LABELS;
    this.data = withRoom(this.data, o + LABELS);
    this.index[key] = o + 1;
    this.data.fill(0, o, o + LABELS);
    return o;
  }

  trim(): void {
    if (this.count > this.limit) this.clear();
  }

  clear(): void {
    this.index = new Int32Array(1 << 12);
    this.data = new Float32Array(256 * LABELS);
    this.count = 0;
  }
}

/** `data`, or a copy twice its size when `end` is past it: the vector store both caches grow. */
function withRoom(data: Float32Array<ArrayBuffer>, end: number): Float32Array<ArrayBuffer> {
  if (end <= data.length) return data;
  const grown = new Float32Array(data.length * 2);
  grown.set(data);
  return grown;
}
