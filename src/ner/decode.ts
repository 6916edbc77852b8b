/**
 * From a document to names: base features, stage 1 (a sentence-level sequence model), then,
 * when the model has one, stage 2, which also sees what stage 1 said about the same words
 * elsewhere in the document. Labels become character spans in their own field.
 */
import { applyCaseRules } from './consistency.js';
import { buildDoc, type Doc } from './doc.js';
import { BASE_SLOTS, DOC_SLOTS, baseFeatures, docFeatures } from './features.js';
import { LABELS, partOf, typeOf, U, L } from './labels.js';
import { baseEmissions } from './fast.js';
import type { JointTable } from './joint.js';
import { addEmissions, type Stage } from './table.js';
import type { Resources } from './types.js';
import { viterbi } from './viterbi.js';

export interface Span { field: 0 | 1; start: number; end: number; type: number }

/** Best labels of every sentence under the summed emissions. */
export function decodeSentences(doc: Doc, emit: Float32Array, trans: Float32Array, out: Uint8Array): void {
  let from = 0;
  for (let k = 1; k <= doc.n; k++) {
    if (k < doc.n && doc.sentStart[k] === 0) continue;
    viterbi(emit, trans, from, k, out);
    from = k;
  }
}

export interface StagedLabels { doc: Doc; first: Uint8Array; final: Uint8Array }

export function labelDoc(title: string, body: string, res: Resources, stage1: Stage, stage2: Stage | null, caseRules = true): StagedLabels {
  const doc = buildDoc(title, body, res);
  const base = new Int32Array(doc.n * BASE_SLOTS);
  baseFeatures(doc, res, base);
  const out = labelFeatures(doc, base, stage1, stage2);
  if (caseRules) applyCaseRules(doc, out.final);
  return out;
}

/** Both stages over a document whose base features are computed. */
export function labelFeatures(doc: Doc, base: Int32Array, stage1: Stage, stage2: Stage | null): StagedLabels {
  const emit = new Float32Array(doc.n * LABELS);
  const first = new Uint8Array(doc.n);
  addEmissions(stage1, base, BASE_SLOTS, doc.n, emit);
  decodeSentences(doc, emit, stage1.trans, first);
  if (!stage2) return { doc, first, final: first };
  const extra = new Int32Array(doc.n * DOC_SLOTS);
  docFeatures(doc, first, extra);
  emit.fill(0);
  addEmissions(stage2, base, BASE_SLOTS, doc.n, emit);
  addEmissions(stage2, extra, DOC_SLOTS, doc.n, emit);
  const final = new Uint8Array(doc.n);
  decodeSentences(doc, emit, stage2.trans, final);
  return { doc, first, final };
}

/** The run-time path: both stages' base weights from one pass over one joint table. */
export function labelDocJoint(title: string, body: string, res: Resources, joint: JointTable, trans: Float32Array[]): StagedLabels {
  const doc = buildDoc(title, body, res);
  const two = trans.length > 1;
  const emit1 = new Float32Array(doc.n * LABELS), emit2 = two ? new Float32Array(doc.n * LABELS) : null;
  baseEmissions(doc, res, joint, emit1, emit2);
  const first = new Uint8Array(doc.n);
  decodeSentences(doc, emit1, trans[0]!, first);
  let final = first;
  if (emit2) {
    const extra = new Int32Array(doc.n * DOC_SLOTS);
    docFeatures(doc, first, extra);
    joint.add(extra, DOC_SLOTS, doc.n, null, emit2);
    final = new Uint8Array(doc.n);
    decodeSentences(doc, emit2, trans[1]!, final);
  }
  applyCaseRules(doc, final);
  return { doc, first, final };
}

/** Names (type index 0..3) as character spans of their field. */
export function spansOf(doc: Doc, labels: Uint8Array): Span[] {
  const out: Span[] = [];
  let open = -1;
  for (let k = 0; k < doc.n; k++) {
    const lab = labels[k]!;
    if (lab === 0) { open = -1; continue; }
    const part = partOf(lab);
    if (part === U) { out.push(span(doc, k, k, typeOf(lab))); open = -1; }
    else if (part === L) { if (open >= 0) out.push(span(doc, open, k, typeOf(lab))); open = -1; }
    else if (open < 0 || part === 0) open = k;
  }
  return out;
}

/**
 * Titles and honorifics before a person's name are not part of it (the CoNLL convention, and
 * what lets "Colonel Qaddafi" and "Muammar Gaddafi" be one person): the model keeps them when
 * they are rare in its training news ("Mr Blair" in British style, "Colonel").
 */
const TITLES = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady', 'president', 'colonel', 'col',
  'general', 'gen', 'lieutenant', 'lt', 'major', 'maj', 'captain', 'capt', 'sergeant', 'sgt', 'admiral', 'adm', 'commander',
  'senator', 'sen', 'rep', 'representative', 'governor', 'gov', 'minister', 'secretary', 'chancellor', 'ambassador', 'mayor',
  'judge', 'justice', 'rev', 'reverend', 'father', 'pope', 'king', 'queen', 'prince', 'princess', 'sheikh', 'chairman', 'coach',
]);

const PERSON = 0;

function isTitle(doc: Doc, k: number): boolean {
  const word = doc.info[k]!.lower;
  return TITLES.has(word.endsWith('.') ? word.slice(0, -1) : word);
}

function span(doc: Doc, a: number, b: number, type: number): Span {
  if (type === PERSON) while (a < b && isTitle(doc, a)) a++;
  return { field: doc.field[a]! as 0 | 1, start: doc.starts[a]!, end: doc.ends[b]!, type };
}
