/**
 * Open-addressing tables from a string key to a small integer, entirely in typed arrays,
 * built once when the watch-lists are compiled. An article's tokens are mostly words no
 * watch-list uses: their lookup should end at an empty slot of a compact array, without
 * hashing again (the tokenizer hashed the word while scanning it). The keys' characters are
 * packed in one array too, so a hit is verified without chasing a string through the heap.
 */
import { hashWord } from '../tokenize/normalize.js';

/** A one-hash Bloom filter over 32-bit hashes (their high bits), 16 bits a key. */
export class BitFilter {
  private readonly bits: Int32Array;
  private readonly shift: number;

  constructor(hashes: readonly number[]) {
    let size = 1024;
    while (size < hashes.length * 16) size *= 2;
    this.bits = new Int32Array(size / 32);
    this.shift = 32 - Math.log2(size);
    for (const hash of hashes) {
      const bit = hash >>> this.shift;
      this.bits[bit >>> 5] |= 1 << (bit & 31);
    }
  }

  /** False when no key has this hash; true when one may. */
  mayHave(hash: number): boolean {
    const bit = hash >>> this.shift;
    return (this.bits[bit >>> 5]! & (1 << (bit & 31))) !== 0;
  }
}

/** Ints per entry record: where its key starts in chars, its length, and two payload ints. */
export const RECORD = 4;

export class PackedKeys {
  /** Per slot: its key's hash and the entry index + 1 (0: empty), side by side. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** All keys' chars, back to back. */
  private readonly chars: Uint16Array;
  /**
   * Entry e's record at records[RECORD * e]: one cache line holds what a hit needs besides
   * the chars (payload at + 2 and + 3).
   */
  readonly records: Int32Array;
  /**
   * Most tokens are no key, and this filter stays in the fastest cache where the slots
   * (8 bytes a slot, two slots a key) do not.
   */
  private readonly filter: BitFilter;

  constructor(keys: readonly string[], payload: (entry: number) => [number, number]) {
    this.filter = new BitFilter(keys.map(hashWord));
    // At most half full: the filter turns most words away, and a smaller table stays in cache.
    let size = 16;
    while (size < keys.length * 2) size *= 2;
    this.mask = size - 1;
    this.slots = new Int32Array(2 * size);
    this.records = new Int32Array(RECORD * keys.length);
    this.chars = new Uint16Array(keys.reduce((n, key) => n + key.length, 0));
    let at = 0;
    keys.forEach((key, e) => {
      const [p0, p1] = payload(e);
      this.records.set([at, key.length, p0, p1], RECORD * e);
      for (let k = 0; k < key.length; k++) this.chars[at + k] = key.charCodeAt(k);
      at += key.length;
      this.place(e, hashWord(key));
    });
  }

  private place(entry: number, hash: number): void {
    let slot = hash & this.mask;
    while (this.slots[2 * slot + 1] !== 0) slot = (slot + 1) & this.mask;
    this.slots[2 * slot] = hash | 0;
    this.slots[2 * slot + 1] = entry + 1;
  }

  /**
   * The entry whose key is text[from .. from + length) with ASCII capitals lowered (`hash` =
   * hashWord of that), or -1. Keys are folded forms: they hold no ASCII capitals.
   */
  find(text: string, from: number, length: number, hash: number): number {
    if (!this.filter.mayHave(hash)) return -1;
    const { slots, mask } = this;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const v = slots[2 * slot + 1]!;
      if (v === 0) return -1;
      if (slots[2 * slot] === (hash | 0) && this.keyIs(v - 1, text, from, length)) return v - 1;
    }
  }

  private keyIs(entry: number, text: string, from: number, length: number): boolean {
    const at = this.records[RECORD * entry]!;
    if (this.records[RECORD * entry + 1] !== length) return false;
    const chars = this.chars;
    for (let k = 0; k < length; k++) {
      const c = text.charCodeAt(from + k);
      if (chars[at + k] !== (c >= 65 && c <= 90 ? c | 32 : c)) return false;
    }
    return true;
  }
}
