/**
 * Names seen in the training data: the hash of each name's lower-cased token sequence
 * (gazetteerKey) with the types it was seen as, and the words names start with, so a token
 * that starts none is passed over with one probe. Open addressing over typed arrays.
 */
export class Gazetteer {
  private readonly mask: number;
  /** [key, type mask] pairs (key 0 = empty). */
  private readonly slots: Int32Array;
  private readonly firstMask: number;
  private readonly firstSlots: Int32Array;

  /** Entries as parallel keys and type masks; `firsts` the word hashes (hLow) names start with; `maxLen` the longest, in tokens. */
  constructor(readonly keys: Int32Array, readonly masks: Uint8Array, readonly firsts: Int32Array, readonly maxLen: number) {
    this.mask = tableSize(keys.length) - 1;
    this.slots = new Int32Array((this.mask + 1) * 2);
    for (let i = 0; i < keys.length; i++) {
      const at = this.find(this.slots, this.mask, keys[i]!, 2);
      this.slots[at] = keys[i]!;
      this.slots[at + 1] = masks[i]!;
    }
    this.firstMask = tableSize(firsts.length) - 1;
    this.firstSlots = new Int32Array(this.firstMask + 1);
    for (const h of firsts) this.firstSlots[this.find(this.firstSlots, this.firstMask, h, 1)] = h;
  }

  get size(): number { return this.keys.length; }

  /** Bit mask of the types the name with this key was seen as (0: never seen). */
  typesOf(key: number): number {
    const at = this.find(this.slots, this.mask, key, 2);
    return this.slots[at] === key && key !== 0 ? this.slots[at + 1]! : 0;
  }

  /** Whether some name starts with the word of this hash. */
  startsWith(hLow: number): boolean {
    return hLow !== 0 && this.firstSlots[this.find(this.firstSlots, this.firstMask, hLow, 1)] === hLow;
  }

  /** The slot of key, or of the empty slot where it would go. */
  private find(slots: Int32Array, mask: number, key: number, stride: number): number {
    let i = Math.imul(key, 0x9e3779b1) >>> 8 & mask;
    for (;;) {
      const s = slots[i * stride]!;
      if (s === key || s === 0) return i * stride;
      i = (i + 1) & mask;
    }
  }
}

function tableSize(n: number): number {
  let size = 16;
  while (size < n * 2) size <<= 1;
  return size;
}

export const EMPTY_GAZETTEER = new Gazetteer(new Int32Array(0), new Uint8Array(0), new Int32Array(0), 0);
