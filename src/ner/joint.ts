/**
 * The run-time form of a two-stage model: one table for the feature keys of both stages, each
 * slot holding key and row side by side, and each row the weights of stage 1 then stage 2 as
 * floats (scale applied). One probe then serves both stages and touches two cache lines, not
 * the four of the file's layout.
 */
import { LABELS } from './labels.js';
import type { Stage } from './table.js';

const W = 2 * LABELS;

export class JointTable {
  private readonly mask: number;
  /** [key, row] pairs; key 0 marks an empty slot. */
  private readonly slots: Int32Array;
  readonly weights: Float32Array;

  constructor(stages: Stage[]) {
    const rowOf = new Map<number, number>();
    for (const s of stages) for (const k of s.keys) if (!rowOf.has(k)) rowOf.set(k, rowOf.size);
    let size = 16;
    while (size < rowOf.size * 2) size <<= 1;
    this.mask = size - 1;
    this.slots = new Int32Array(size * 2);
    this.weights = new Float32Array(rowOf.size * W);
    stages.forEach((s, si) => {
      for (let r = 0; r < s.keys.length; r++) {
        const o = rowOf.get(s.keys[r]!)! * W + si * LABELS, sc = s.scales[r]!;
        for (let l = 0; l < LABELS; l++) this.weights[o + l] = s.weights[r * LABELS + l]! * sc;
      }
    });
    for (const [key, row] of rowOf) {
      let i = (key ^ (key >>> 15)) & this.mask;
      while (this.slots[i * 2] !== 0) i = (i + 1) & this.mask;
      this.slots[i * 2] = key;
      this.slots[i * 2 + 1] = row;
    }
  }

  get(key: number): number {
    const slots = this.slots, mask = this.mask;
    let i = (key ^ (key >>> 15)) & mask;
    for (;;) {
      const s = slots[i * 2]!;
      if (s === key) return slots[i * 2 + 1]!;
      if (s === 0) return -1;
      i = (i + 1) & mask;
    }
  }

  /**
   * Adds the weights of tokens [0, n)'s keys: stage 1's into emit1 (when given) and stage 2's
   * into emit2 (when given), each n * LABELS.
   */
  add(keys: Int32Array, slots: number, n: number, emit1: Float32Array | null, emit2: Float32Array | null): void {
    const w = this.weights;
    for (let k = 0; k < n; k++) {
      const e = k * LABELS;
      for (let s = k * slots, end = s + slots; s < end; s++) {
        const key = keys[s]!;
        if (key === 0) continue;
        const r = this.get(key);
        if (r < 0) continue;
        const o = r * W;
        if (emit1) for (let l = 0; l < LABELS; l++) emit1[e + l]! += w[o + l]!;
        if (emit2) for (let l = 0; l < LABELS; l++) emit2[e + l]! += w[o + LABELS + l]!;
      }
    }
  }
}
