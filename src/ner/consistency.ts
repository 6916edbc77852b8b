/**
 * Case rules applied after decoding, for words whose capital says nothing (a headline, a
 * sentence's first word), judged by how the same document writes them where case does speak:
 * - a name made only of such words, which the document writes in lower case elsewhere (and
 *   never capitalized), is dropped ("LABOUR MARKET" when the body says "labour market");
 * - a capitalized word left out, which the document uses elsewhere only capitalized and as a
 *   one-word name or a person's surname, becomes that name ("MAY" when the body says
 *   "Theresa May"); a run of such words that the document names elsewhere becomes that name.
 */
import { agreeTypes } from './agreement.js';
import type { Doc } from './doc.js';
import { gazetteerKey } from './features.js';
import { L, U, encodeSpan, label, partOf, typeOf } from './labels.js';
import { F_MASK, capClass } from './words.js';

const LOWER_ONLY = 1, CAPS_ONLY = 2;

function dropLowerNames(doc: Doc, labels: Uint8Array): void {
  let a = 0;
  while (a < doc.n) {
    if (labels[a] === 0) { a++; continue; }
    let b = a;
    while (partOf(labels[b]!) !== L && partOf(labels[b]!) !== U && b + 1 < doc.n) b++;
    let allUninf = true, lowerSeen = false, capital = false;
    for (let k = a; k <= b; k++) {
      if (!doc.uninf[k]) allUninf = false;
      const dc = doc.docCase[k]!;
      if (dc === LOWER_ONLY) lowerSeen = true;
      else if (dc !== 0 || doc.prior[k]! >= 3) capital = true;
    }
    if (allUninf && lowerSeen && !capital) labels.fill(0, a, b + 1);
    a = b + 1;
  }
}

function addKnownNames(doc: Doc, labels: Uint8Array): void {
  const votes = new Int32Array(doc.lowCount * 4);
  for (let k = 0; k < doc.n; k++) {
    const lab = labels[k]!;
    if (lab === 0 || doc.uninf[k]) continue;
    const part = partOf(lab), t = typeOf(lab);
    if (part === U || (t === 0 && part === L)) votes[doc.lowId[k]! * 4 + t]!++;
  }
  for (let k = 0; k < doc.n; k++) {
    if (labels[k] !== 0 || !doc.uninf[k] || doc.docCase[k] !== CAPS_ONLY) continue;
    const cls = capClass(doc.packed[k]! & F_MASK);
    if (cls !== 1 && cls !== 2) continue;
    if ((k > 0 && labels[k - 1] !== 0 && doc.sentStart[k] === 0) || (k + 1 < doc.n && labels[k + 1] !== 0 && doc.sentStart[k + 1] === 0)) continue;
    let best = -1, bestN = 0;
    for (let t = 0; t < 4; t++) if (votes[doc.lowId[k]! * 4 + t]! > bestN) { bestN = votes[doc.lowId[k]! * 4 + t]!; best = t; }
    if (best >= 0) labels[k] = label(best, U);
  }
}

/** Names of two or more words found where case speaks, by gazetteer key, with their type. */
function namesWhereCaseSpeaks(doc: Doc, labels: Uint8Array, hl: Int32Array): Map<number, number> {
  const out = new Map<number, number>();
  let open = -1;
  for (let k = 0; k < doc.n; k++) {
    const part = partOf(labels[k]!);
    if (part === 0) open = doc.uninf[k] ? -1 : k;
    else if (part === L && open >= 0 && k - open < 6) out.set(gazetteerKey(hl, open, k + 1), typeOf(labels[k]!));
  }
  return out;
}

/** A run of capitalized words in a headline, left out, that the document names elsewhere: that name. */
function addKnownPhrases(doc: Doc, labels: Uint8Array): void {
  const hl = new Int32Array(doc.n);
  hl.set(doc.hLow.subarray(0, doc.n));
  const known = namesWhereCaseSpeaks(doc, labels, hl);
  if (known.size === 0) return;
  for (let k = 0; k < doc.n; k++) {
    for (let len = 5; len >= 2; len--) {
      const end = k + len;
      if (end > doc.n || !plainCapitalRun(doc, labels, k, end)) continue;
      const t = known.get(gazetteerKey(hl, k, end));
      if (t === undefined) continue;
      encodeSpan(labels, k, end, t);
      k = end - 1;
      break;
    }
  }
}

function plainCapitalRun(doc: Doc, labels: Uint8Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    if (labels[k] !== 0 || !doc.uninf[k] || (k > from && doc.sentStart[k])) return false;
    const cls = capClass(doc.packed[k]! & F_MASK);
    if (cls !== 1 && cls !== 2) return false;
  }
  return true;
}

/** The rules after decoding, in order: the case rules above, with one type per name (agreement.ts) before names are added from known ones. */
export function applyCaseRules(doc: Doc, labels: Uint8Array): void {
  dropLowerNames(doc, labels);
  addKnownPhrases(doc, labels);
  agreeTypes(doc, labels);
  addKnownNames(doc, labels);
}
