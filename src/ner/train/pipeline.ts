/**
 * The training pipeline: jackknifed gazetteers, stage 1 on all of eng.train, stage 1's labels
 * on eng.train by cross-validation (so stage 2 learns from outputs as imperfect as at run
 * time), then stage 2.
 */
import { labelFeatures } from '../decode.js';
import { DOC_SLOTS, docFeatures } from '../doc-features.js';
import { baseFeatures } from '../features.js';
import { insideWindows } from '../windows.js';
import type { Stage } from '../table.js';
import type { Resources } from '../types.js';
import { type Layout, type ConllDoc, layOut, titleCased } from './conll.js';
import { prepare, stage1Example, type Prepared } from './examples.js';
import { gazetteerOf } from './lexicon.js';
import { withParticles } from './particles.js';
import { EMPTY_GAZETTEER } from '../gazetteer.js';
import { prng } from '../../prng.js';
import { trainStage, type Example } from './perceptron.js';

export interface TrainSettings {
  seed: number;
  folds: number;
  epochs1: number;
  epochs2: number;
  minCount: number;
  prune: number;
  /** 'lines': every training document one sentence a line; 'mixed': each document drawn lines or paragraph. */
  layouts: 'lines' | 'mixed';
  /** Share of training documents whose title is rewritten in Title Case. */
  titleCase: number;
  gazetteer: boolean;
  stage2: boolean;
  /** Chance a token's own word is hidden from one training pass (perceptron.ts). */
  dropout: number;
  /** Share of training documents whose person names get particles (particles.ts). */
  particles: number;
  /**
   * Stage 2 learns a correction of stage 1's scores, which it sees scaled by this (the
   * perceptron's steps are 1, stage 1's scores tens): 0.1 scored best on eng.testa of 1, 0.25,
   * 0.1, 0.05 and 0.02. Its weights are divided by it afterwards, so at run time stage 2 adds
   * them to stage 1's scores as they are.
   */
  stage2Scale: number;
}

export interface Trained { stages: Stage[]; resources: Resources }

function layoutOf(settings: TrainSettings, random: () => number): Layout {
  return settings.layouts === 'lines' || random() < 0.5 ? 'lines' : 'paragraph';
}

/** Documents prepared with a gazetteer of the other folds' names. */
function prepareAll(docs: ConllDoc[], settings: TrainSettings, prior: Map<string, number>): Prepared[] {
  const random = prng(settings.seed ^ 0x5bd1e995);
  const plain: Resources = { prior, gazetteer: EMPTY_GAZETTEER };
  const particleRandom = prng(settings.seed ^ 0x68e31da4);
  const prepared = docs.map((d) => {
    const layout = layoutOf(settings, random);
    const named = particleRandom() < settings.particles ? withParticles(d, particleRandom) : d;
    return prepare(layOut(random() < settings.titleCase ? titleCased(named) : named, layout), plain);
  });
  if (!settings.gazetteer) return prepared;
  for (let f = 0; f < settings.folds; f++) {
    const gaz = gazetteerOf(prepared.filter((_, i) => i % settings.folds !== f));
    const res: Resources = { prior, gazetteer: gaz };
    prepared.forEach((p, i) => { if (i % settings.folds === f) baseFeatures(p.doc, res, p.base); });
  }
  return prepared;
}

/** What stage 1 (trained without this document) made of it: its labels, emissions and transitions. */
interface HeldOut { first: Uint8Array; emit1: Float32Array; trans: Float32Array }

/** Stage 2 learns only the weights of the document-level features, as a correction added to stage 1's scores. */
function stage2Example(p: Prepared, held: HeldOut, scale: number): Example {
  const extra = new Int32Array(p.doc.n * DOC_SLOTS);
  docFeatures(p.doc, held.first, extra, p.windows.active);
  return {
    n: p.doc.n, blocks: [{ keys: extra, slots: DOC_SLOTS }], gold: insideWindows(p.windows, p.gold), sentStart: p.doc.sentStart,
    windows: p.windows, offset: held.emit1.map((v) => v * scale), transOffset: held.trans.map((v) => v * scale),
  };
}

export function trainModel(docs: ConllDoc[], prior: Map<string, number>, settings: TrainSettings, log: (line: string) => void): Trained {
  const prepared = prepareAll(docs, settings, prior);
  const p1 = { epochs: settings.epochs1, minCount: settings.minCount, seed: settings.seed, prune: settings.prune, dropout: settings.dropout };
  log(`stage 1 on ${prepared.length} documents`);
  const stage1 = trainStage(prepared.map(stage1Example), p1, log);
  const resources: Resources = { prior, gazetteer: settings.gazetteer ? gazetteerOf(prepared) : EMPTY_GAZETTEER };
  if (!settings.stage2) return { stages: [stage1], resources };
  const held = new Array<HeldOut>(prepared.length);
  for (let f = 0; f < settings.folds; f++) {
    log(`stage 1, fold ${f + 1} of ${settings.folds} (for stage 2's inputs)`);
    const model = trainStage(prepared.filter((_, i) => i % settings.folds !== f).map(stage1Example), p1, () => {});
    prepared.forEach((p, i) => {
      if (i % settings.folds !== f) return;
      const { first, emit1 } = labelFeatures(p.doc, p.base, model, null);
      held[i] = { first, emit1, trans: model.trans };
    });
  }
  log('stage 2');
  const p2 = { ...p1, epochs: settings.epochs2, seed: settings.seed + 1 };
  const stage2 = trainStage(prepared.map((p, i) => stage2Example(p, held[i]!, settings.stage2Scale)), p2, log);
  // Stage 2's transitions were learned as a correction of stage 1's: store the sum.
  const scale = settings.stage2Scale;
  for (let i = 0; i < stage2.trans.length; i++) stage2.trans[i] = stage2.trans[i]! / scale + stage1.trans[i]!;
  for (let i = 0; i < stage2.scales.length; i++) stage2.scales[i]! /= scale;
  return { stages: [stage1, stage2], resources };
}
