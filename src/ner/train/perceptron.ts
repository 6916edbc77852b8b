/**
 * Averaged structured perceptron over BILOU label bigrams (Collins 2002): decode each sentence
 * with the current weights, and where the best path differs from the gold one, move the
 * weights of the features involved toward gold and away from the guess. The averaged weights
 * are then cut to int8 per row with one scale each, the form the model file stores.
 */
import { prng } from '../../prng.js';
import { LABELS } from '../labels.js';
import { FeatureTable, type Stage } from '../table.js';
import { viterbi } from '../viterbi.js';
import type { Windows } from '../windows.js';

/** Feature keys of one document, in blocks of `slots` keys per token. */
export interface KeyBlock { keys: Int32Array; slots: number }
/**
 * One document to learn from: its feature keys, gold labels (names inside the windows only),
 * the windows decoded, and for a stage learned as a correction of another, that stage's
 * emissions and transitions (added to this one's before decoding).
 */
export interface Example {
  n: number;
  blocks: KeyBlock[];
  gold: Uint8Array;
  sentStart: Uint8Array;
  windows: Windows;
  offset?: Float32Array;
  transOffset?: Float32Array;
  /** Slots of the first block that name the word itself, hidden now and then in training (see dropout). */
  wordSlots?: readonly number[];
}
/**
 * dropout: the chance that a token's own word is hidden from the features of one training pass
 * over it, so that the model also learns to read names it has never seen from their shape and
 * context, as it must in news it was not trained on.
 */
export interface PerceptronSettings { epochs: number; minCount: number; seed: number; prune: number; dropout?: number }

function indexFeatures(examples: Example[], minCount: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const ex of examples) for (const b of ex.blocks) for (const k of b.keys) if (k !== 0) counts.set(k, (counts.get(k) ?? 0) + 1);
  const rows = new Map<number, number>();
  for (const [k, c] of counts) if (c >= minCount) rows.set(k, rows.size);
  return rows;
}

interface RowBlock { rows: Int32Array; slots: number }

function toRows(ex: Example, index: Map<number, number>): RowBlock[] {
  return ex.blocks.map((b) => ({ rows: Int32Array.from(b.keys, (k) => (k === 0 ? -1 : index.get(k) ?? -1)), slots: b.slots }));
}

class Weights {
  w: Float32Array;
  u: Float32Array;
  trans = new Float32Array(LABELS * LABELS);
  transU = new Float32Array(LABELS * LABELS);
  c = 1;
  constructor(rows: number) {
    this.w = new Float32Array(rows * LABELS);
    this.u = new Float32Array(rows * LABELS);
  }
  emit(blocks: RowBlock[], from: number, to: number, emit: Float32Array, offset: Float32Array | undefined): void {
    if (offset) emit.set(offset.subarray(from * LABELS, to * LABELS), from * LABELS);
    else emit.fill(0, from * LABELS, to * LABELS);
    for (const b of blocks) {
      for (let k = from; k < to; k++) {
        const e = k * LABELS;
        for (let s = k * b.slots, end = s + b.slots; s < end; s++) {
          const r = b.rows[s]!;
          if (r < 0) continue;
          const o = r * LABELS;
          for (let l = 0; l < LABELS; l++) emit[e + l]! += this.w[o + l]!;
        }
      }
    }
  }
  update(blocks: RowBlock[], k: number, lab: number, delta: number): void {
    const cd = this.c * delta;
    for (const b of blocks) {
      for (let s = k * b.slots, end = s + b.slots; s < end; s++) {
        const r = b.rows[s]!;
        if (r < 0) continue;
        this.w[r * LABELS + lab]! += delta;
        this.u[r * LABELS + lab]! += cd;
      }
    }
  }
  updateTrans(a: number, b: number, delta: number): void {
    this.trans[a * LABELS + b]! += delta;
    this.transU[a * LABELS + b]! += this.c * delta;
  }
}

/** Hides the word's own keys of some tokens of [from, to) (rows set to -1); returns what to restore. */
function hideWords(rows: Int32Array, slots: number, ex: Example, from: number, to: number, scratch: Scratch): number {
  let saved = 0;
  if (!ex.wordSlots || scratch.dropout === 0) return 0;
  for (let k = from; k < to; k++) {
    if (scratch.random() >= scratch.dropout) continue;
    for (let i = 0; i < ex.wordSlots.length; i++) {
      const at = k * slots + ex.wordSlots[i]!;
      scratch.hidden[saved * 2] = at; scratch.hidden[saved * 2 + 1] = rows[at]!;
      rows[at] = -1;
      saved++;
    }
  }
  return saved;
}

/** Decodes one window with the current weights and moves them toward gold where it went wrong. */
function learnWindow(wt: Weights, blocks: RowBlock[], ex: Example, from: number, to: number, scratch: Scratch): number {
  const { emit, guess, trans } = scratch;
  const hidden = hideWords(blocks[0]!.rows, blocks[0]!.slots, ex, from, to, scratch);
  wt.emit(blocks, from, to, emit, ex.offset);
  const afterO = ex.sentStart[from] === 0, beforeO = to < ex.n && ex.sentStart[to] === 0;
  viterbi(emit, transOf(wt, ex, trans), from, to, guess, afterO, beforeO);
  let errors = 0;
  for (let k = from; k < to; k++) {
    const g = ex.gold[k]!, p = guess[k]!;
    if (g !== p) { errors++; wt.update(blocks, k, g, 1); wt.update(blocks, k, p, -1); }
    if (k > from || afterO) {
      const gp = k > from ? ex.gold[k - 1]! : 0, pp = k > from ? guess[k - 1]! : 0;
      if (gp !== pp || g !== p) { wt.updateTrans(gp, g, 1); wt.updateTrans(pp, p, -1); }
    }
  }
  const g = ex.gold[to - 1]!, p = guess[to - 1]!;
  if (beforeO && g !== p) { wt.updateTrans(g, 0, 1); wt.updateTrans(p, 0, -1); }
  for (let i = hidden - 1; i >= 0; i--) blocks[0]!.rows[scratch.hidden[i * 2]!] = scratch.hidden[i * 2 + 1]!;
  wt.c++;
  return errors;
}

interface Scratch { emit: Float32Array; guess: Uint8Array; trans: Float32Array; hidden: Int32Array; dropout: number; random: () => number }

function transOf(wt: Weights, ex: Example, out: Float32Array): Float32Array {
  if (!ex.transOffset) return wt.trans;
  for (let i = 0; i < out.length; i++) out[i] = wt.trans[i]! + ex.transOffset[i]!;
  return out;
}

/** Trains one stage; `log` hears one line per epoch. */
export function trainStage(examples: Example[], settings: PerceptronSettings, log: (line: string) => void): Stage {
  const index = indexFeatures(examples, settings.minCount);
  const rows = examples.map((ex) => toRows(ex, index));
  const wt = new Weights(index.size);
  const random = prng(settings.seed);
  const order = examples.map((_, i) => i);
  const maxN = Math.max(1, ...examples.map((e) => e.n));
  const scratch: Scratch = {
    emit: new Float32Array(maxN * LABELS), guess: new Uint8Array(maxN), trans: new Float32Array(LABELS * LABELS),
    hidden: new Int32Array(maxN * 2 * 8), dropout: settings.dropout ?? 0, random: prng(settings.seed ^ 0x2545f491),
  };
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let errors = 0, tokens = 0;
    for (const d of order) {
      const ex = examples[d]!;
      const w = ex.windows;
      for (let r = 0; r < w.count; r++) errors += learnWindow(wt, rows[d]!, ex, w.runs[r * 2]!, w.runs[r * 2 + 1]!, scratch);
      tokens += ex.n;
    }
    log(`epoch ${epoch + 1}: ${errors} token errors of ${tokens} (${index.size} features)`);
  }
  return finalize(wt, index, settings.prune);
}

/** Averages, drops rows whose weights are all near zero, and cuts the rest to int8 per row. */
function finalize(wt: Weights, index: Map<number, number>, prune: number): Stage {
  const keep: number[] = [];
  const keyOf = new Int32Array(index.size);
  for (const [k, r] of index) keyOf[r] = k;
  const avg = new Float32Array(LABELS);
  const rowsMax = new Float32Array(index.size);
  for (let r = 0; r < index.size; r++) {
    let m = 0;
    for (let l = 0; l < LABELS; l++) m = Math.max(m, Math.abs(wt.w[r * LABELS + l]! - wt.u[r * LABELS + l]! / wt.c));
    rowsMax[r] = m;
    if (m > prune) keep.push(r);
  }
  const keys = new Int32Array(keep.length), scales = new Float32Array(keep.length), weights = new Int8Array(keep.length * LABELS);
  keep.forEach((r, i) => {
    keys[i] = keyOf[r]!;
    const m = rowsMax[r]!;
    scales[i] = m / 127;
    for (let l = 0; l < LABELS; l++) avg[l] = wt.w[r * LABELS + l]! - wt.u[r * LABELS + l]! / wt.c;
    for (let l = 0; l < LABELS; l++) weights[i * LABELS + l] = Math.round((avg[l]! * 127) / m);
  });
  const trans = new Float32Array(LABELS * LABELS);
  for (let i = 0; i < trans.length; i++) trans[i] = wt.trans[i]! - wt.transU[i]! / wt.c;
  return { keys, scales, weights, trans, table: new FeatureTable(keys) };
}
