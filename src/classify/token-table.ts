/**
 * An open-addressing table from a string's FNV-1a hash to a small integer, in typed arrays.
 * An article's tokens are mostly words no watch-list uses: their lookup should end at an
 * empty slot of a compact array, without hashing again (the tokenizer hashed the word while
 * scanning it) and without touching a string. The key string is compared only when the
 * stored hash agrees.
 */
import { hashWord } from './normalize.js';

export class TokenTable {
  private hashes = new Int32Array(16);
  /** Value + 1 per slot; 0 marks an empty slot. */
  private slots = new Int32Array(16);
  private mask = 15;
  private readonly keys: string[] = [];
  private readonly values: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  /** The value stored for key (hashed with hashWord), or -1. */
  get(key: string, hash: number): number {
    const mask = this.mask;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const v = this.slots[slot]!;
      if (v === 0) return -1;
      if (this.hashes[slot] === (hash | 0) && this.keys[v - 1] === key) return this.values[v - 1]!;
    }
  }

  /** Whether `text` starts with a key of length `length` whose hash is `hash`; its value or -1. */
  getPrefix(text: string, length: number, hash: number): number {
    const mask = this.mask;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const v = this.slots[slot]!;
      if (v === 0) return -1;
      if (this.hashes[slot] === (hash | 0)) {
        const key = this.keys[v - 1]!;
        if (key.length === length && text.startsWith(key)) return this.values[v - 1]!;
      }
    }
  }

  /** Stores a value for a key not stored yet. */
  set(key: string, value: number): void {
    this.keys.push(key);
    this.values.push(value);
    // At most a quarter full, so a word no one looks for usually ends at its first slot.
    if (this.keys.length * 4 > this.slots.length) this.grow();
    else this.place(this.keys.length - 1);
  }

  private place(entry: number): void {
    const hash = hashWord(this.keys[entry]!);
    let slot = hash & this.mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
    this.hashes[slot] = hash | 0;
    this.slots[slot] = entry + 1;
  }

  private grow(): void {
    const size = this.slots.length * 2;
    this.hashes = new Int32Array(size);
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let e = 0; e < this.keys.length; e++) this.place(e);
  }
}
