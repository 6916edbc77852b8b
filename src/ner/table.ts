/**
 * Feature key -> weight row, by open addressing over typed arrays (key 0 marks an empty slot),
 * and the per-row int8 weights with one scale per row that the shipped model stores.
 */
import { LABELS } from './labels.js';

export class FeatureTable {
  private readonly mask: number;
  private readonly slots: Int32Array;
  private readonly rows: Int32Array;

  constructor(keys: Int32Array) {
    let size = 16;
    while (size < keys.length * 2) size <<= 1;
    this.mask = size - 1;
    this.slots = new Int32Array(size);
    this.rows = new Int32Array(size);
    for (let r = 0; r < keys.length; r++) this.insert(keys[r]!, r);
  }

  private insert(key: number, row: number): void {
    let i = (key ^ (key >>> 15)) & this.mask;
    while (this.slots[i] !== 0) i = (i + 1) & this.mask;
    this.slots[i] = key;
    this.rows[i] = row;
  }

  /** The row of key, or -1. */
  get(key: number): number {
    let i = (key ^ (key >>> 15)) & this.mask;
    for (;;) {
      const s = this.slots[i]!;
      if (s === key) return this.rows[i]!;
      if (s === 0) return -1;
      i = (i + 1) & this.mask;
    }
  }
}

/** One decoding stage: its feature rows, int8 weights (LABELS a row) with a scale each, transitions. */
export interface Stage {
  keys: Int32Array;
  scales: Float32Array;
  weights: Int8Array;
  trans: Float32Array;
  table: FeatureTable;
}

/** Adds the weights of every known feature of tokens [0, n) (those active, when given) to emit (n * LABELS). */
export function addEmissions(stage: Stage, keys: Int32Array, slots: number, n: number, emit: Float32Array, active?: Uint8Array): void {
  const { table, weights, scales } = stage;
  for (let k = 0; k < n; k++) {
    if (active && !active[k]) continue;
    const e = k * LABELS;
    for (let s = k * slots, end = s + slots; s < end; s++) {
      const key = keys[s]!;
      if (key === 0) continue;
      const r = table.get(key);
      if (r < 0) continue;
      const sc = scales[r]!, w = r * LABELS;
      for (let l = 0; l < LABELS; l++) emit[e + l]! += weights[w + l]! * sc;
    }
  }
}
