/**
 * Training examples go through the runtime's own path: the laid-out text is tokenized and its
 * features computed exactly as at recognition time, and the gold names are carried onto the
 * runtime tokens by character offsets.
 */
import { buildDoc, type Doc } from '../doc.js';
import { BASE_SLOTS, WORD_SLOTS, baseFeatures } from '../features.js';
import { encodeSpan } from '../labels.js';
import type { Resources } from '../types.js';
import type { GoldType, LaidOut } from './conll.js';
import { insideWindows, windowsOf, type Windows } from '../windows.js';
import type { Example } from './perceptron.js';

export const TYPE_INDEX: Record<GoldType, number> = { PER: 0, ORG: 1, LOC: 2, MISC: 3 };

/** Gold labels of the runtime tokens: every token inside a gold span takes its part of it. */
export function goldLabels(doc: Doc, laid: LaidOut): Uint8Array {
  const out = new Uint8Array(doc.n);
  for (const g of laid.gold) {
    let a = -1, b = -1;
    for (let k = 0; k < doc.n; k++) {
      if (doc.field[k] !== g.field || doc.ends[k]! <= g.start || doc.starts[k]! >= g.end) continue;
      if (a < 0) a = k;
      b = k;
    }
    if (a >= 0) encodeSpan(out, a, b + 1, TYPE_INDEX[g.type]);
  }
  return out;
}

/** A training document: its runtime features, gold labels, and the windows decoded at run time. */
export interface Prepared { laid: LaidOut; doc: Doc; base: Int32Array; gold: Uint8Array; windows: Windows }

export function prepare(laid: LaidOut, res: Resources): Prepared {
  const doc = buildDoc(laid.title, laid.body, res);
  const base = new Int32Array(doc.n * BASE_SLOTS);
  baseFeatures(doc, res, base);
  return { laid, doc, base, gold: goldLabels(doc, laid), windows: windowsOf(doc.n, doc.sentStart, doc.cased) };
}

export function stage1Example(p: Prepared): Example {
  return {
    n: p.doc.n, blocks: [{ keys: p.base, slots: BASE_SLOTS }], gold: insideWindows(p.windows, p.gold), sentStart: p.doc.sentStart,
    windows: p.windows, wordSlots: WORD_SLOTS,
  };
}
