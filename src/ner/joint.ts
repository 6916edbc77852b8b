/**
 * The run-time form of a two-stage model: one table for the feature keys of both stages, each
 * slot holding key and row side by side, and each row one 64-byte block: the int8 weights of
 * stage 1 and stage 2 and their two scales. One probe then serves both stages and a hit reads
 * one cache line of weights, not the four of the file's layout.
 */
import { LABELS } from './labels.js';
import type { Stage } from './table.js';

const ROW = 64, SCALE1 = 9, SCALE2 = 10;

export class JointTable {
  private readonly mask: number;
  /** [key, row] pairs; key 0 marks an empty slot. */
  private readonly slots: Int32Array;
  private readonly q: Int8Array;
  private readonly scales: Float32Array;

  constructor(stages: Stage[]) {
    const upper = stages.reduce((n, s) => n + s.keys.length, 0);
    let size = 16;
    while (size < upper * 2) size <<= 1;
    this.mask = size - 1;
    this.slots = new Int32Array(size * 2);
    const buffer = new ArrayBuffer(upper * ROW);
    this.q = new Int8Array(buffer);
    this.scales = new Float32Array(buffer);
    let rows = 0;
    stages.forEach((s, si) => {
      for (let r = 0; r < s.keys.length; r++) {
        let row = this.get(s.keys[r]!);
        if (row < 0) this.insert(s.keys[r]!, (row = rows++));
        this.scales[row * (ROW / 4) + SCALE1 + si] = s.scales[r]!;
        const from = r * LABELS, to = row * ROW + si * LABELS;
        for (let l = 0; l < LABELS; l++) this.q[to + l] = s.weights[from + l]!;
      }
    });
  }

  private insert(key: number, row: number): void {
    let i = (key ^ (key >>> 15)) & this.mask;
    while (this.slots[i * 2] !== 0) i = (i + 1) & this.mask;
    this.slots[i * 2] = key;
    this.slots[i * 2 + 1] = row;
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

  /** Adds the weights of keys[0, n) to out[o .. o + 2 * LABELS): stage 1's, then stage 2's. */
  addTo(keys: Int32Array, n: number, out: Float32Array, o: number): void {
    const q = this.q, scales = this.scales;
    for (let s = 0; s < n; s++) {
      const key = keys[s]!;
      if (key === 0) continue;
      const r = this.get(key);
      if (r < 0) continue;
      const w = r * ROW, sc1 = scales[r * (ROW / 4) + SCALE1]!, sc2 = scales[r * (ROW / 4) + SCALE2]!;
      for (let l = 0; l < LABELS; l++) out[o + l]! += q[w + l]! * sc1;
      for (let l = 0; l < LABELS; l++) out[o + LABELS + l]! += q[w + LABELS + l]! * sc2;
    }
  }

  /**
   * Adds the weights of tokens [0, n)'s keys: stage 1's into emit1 (when given) and stage 2's
   * into emit2 (when given), each n * LABELS.
   */
  add(keys: Int32Array, slots: number, n: number, emit1: Float32Array | null, emit2: Float32Array | null): void {
    const q = this.q, scales = this.scales;
    for (let k = 0; k < n; k++) {
      const e = k * LABELS;
      for (let s = k * slots, end = s + slots; s < end; s++) {
        const key = keys[s]!;
        if (key === 0) continue;
        const r = this.get(key);
        if (r < 0) continue;
        const o = r * ROW;
        if (emit1) {
          const sc = scales[r * (ROW / 4) + SCALE1]!;
          for (let l = 0; l < LABELS; l++) emit1[e + l]! += q[o + l]! * sc;
        }
        if (emit2) {
          const sc = scales[r * (ROW / 4) + SCALE2]!, o2 = o + LABELS;
          for (let l = 0; l < LABELS; l++) emit2[e + l]! += q[o2 + l]! * sc;
        }
      }
    }
  }
}
