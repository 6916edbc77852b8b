/**
 * From a document to names, inside the windows (windows.ts): stage 1 (a sequence model over
 * each run of tokens), then, when the model has one, stage 2, which adds to stage 1's scores
 * what stage 1 said about the same words elsewhere in the document; then the rules after
 * decoding (consistency.ts, agreement.ts). Labels become character spans in their own field.
 * labelDoc looks every key up one by one (training and tests); labelDocFast is the run-time
 * path, which gives the same labels (tested).
 */
import { applyCaseRules } from './consistency.js';
import { DocBuffers, buildDoc, wordAt, type Doc } from './doc.js';
import { DOC_SLOTS, docFeatures } from './doc-features.js';
import { BASE_SLOTS, baseFeatures } from './features.js';
import { LABELS, partOf, typeOf, U, L } from './labels.js';
import { addEmissions, type Stage } from './table.js';
import type { Resources } from './types.js';
import { decodeWindows, windowsOf } from './windows.js';
import type { FastModel } from './fast.js';
import { vocabularyFor } from './vocab.js';
import { LanguageTally, langSays } from './lang.js';
import { F_PUNCT } from './words.js';

export interface Span { field: 0 | 1; start: number; end: number; type: number }

export interface StagedLabels {
  doc: Doc;
  first: Uint8Array;
  final: Uint8Array;
  /** Stage 1's emissions (stage 2, a correction of stage 1, is trained over them). */
  emit1: Float32Array;
}

export function labelDoc(title: string, body: string, res: Resources, stage1: Stage, stage2: Stage | null, caseRules = true): StagedLabels {
  const doc = buildDoc(title, body, res);
  const base = new Int32Array(doc.n * BASE_SLOTS);
  baseFeatures(doc, res, base);
  const out = labelFeatures(doc, base, stage1, stage2);
  if (caseRules) applyCaseRules(doc, out.final);
  return out;
}

/**
 * Both stages over a document whose base features are computed, inside the windows. Stage 2
 * scores a token as stage 1 does plus the weights of its document-level features.
 */
export function labelFeatures(doc: Doc, base: Int32Array, stage1: Stage, stage2: Stage | null): StagedLabels {
  const w = windowsOf(doc.n, doc.sentStart, doc.cased);
  const emit1 = new Float32Array(doc.n * LABELS);
  const first = new Uint8Array(doc.n);
  addEmissions(stage1, base, BASE_SLOTS, doc.n, emit1, w.active);
  decodeWindows(w, doc.sentStart, emit1, stage1.trans, first);
  if (!stage2) return { doc, first, final: first, emit1 };
  const extra = new Int32Array(doc.n * DOC_SLOTS);
  docFeatures(doc, first, extra, w.active);
  const emit2 = emit1.slice();
  addEmissions(stage2, extra, DOC_SLOTS, doc.n, emit2, w.active);
  const final = new Uint8Array(doc.n);
  decodeWindows(w, doc.sentStart, emit2, stage2.trans, final);
  return { doc, first, final, emit1 };
}

/** The run-time path's document memory: its documents are read before the next is built. */
const buffers = new DocBuffers();

/**
 * The run-time path: the same labels as labelDoc, the emissions summed by the fast model
 * (fast.ts); null when the text is not English (lang.ts). The document returned, and emit1, are
 * valid until the next call.
 */
export function labelDocFast(title: string, body: string, lang: string | undefined, res: Resources, fast: FastModel, stages: Stage[]): StagedLabels | null {
  const doc = buildDoc(title, body, res, buffers);
  if (!isEnglishDoc(doc, lang)) return null;
  fast.startDocument(vocabularyFor(res.prior));
  const w = windowsOf(doc.n, doc.sentStart, doc.cased);
  const emit1 = fast.stage1(doc, w);
  const first = new Uint8Array(doc.n);
  decodeWindows(w, doc.sentStart, emit1, stages[0]!.trans, first);
  let final = first;
  if (stages[1]) {
    final = new Uint8Array(doc.n);
    decodeWindows(w, doc.sentStart, fast.stage2(doc, w, first, emit1), stages[1].trans, final);
  }
  applyCaseRules(doc, final);
  return { doc, first, final, emit1 };
}

/**
 * isEnglishText over a built document's tokens (the title, then the body's first 20,000
 * characters), each word's sign read from the vocabulary instead of the text.
 */
export function isEnglishDoc(doc: Doc, lang?: string): boolean {
  const said = langSays(lang);
  if (said !== undefined) return said;
  const tally = new LanguageTally();
  for (let k = 0; k < doc.n && !tally.full; k++) {
    if (doc.field[k] === 1 && doc.starts[k]! >= 20000) break;
    if (doc.packed[k]! & F_PUNCT) continue;
    tally.add(doc.lang[k]!);
  }
  return tally.english();
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
  const word = wordAt(doc, k).lower;
  return TITLES.has(word.endsWith('.') ? word.slice(0, -1) : word);
}

function span(doc: Doc, a: number, b: number, type: number): Span {
  if (type === PERSON) while (a < b && isTitle(doc, a)) a++;
  return { field: doc.field[a]! as 0 | 1, start: doc.starts[a]!, end: doc.ends[b]!, type };
}
