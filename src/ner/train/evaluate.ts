/** Scores a recognizer on CoNLL documents laid out as text (used by training and bench/ner). */
import type { ConllDoc, Layout } from './conll.js';
import { layOut } from './conll.js';
import { emptyTally, micro, prf, scoreDoc, type Predicted, type Tally } from './score.js';

export type Recognizer = (title: string, body: string) => Predicted[];

export function evaluate(docs: ConllDoc[], layout: Layout, recognize: Recognizer): Tally {
  const tally = emptyTally();
  for (const d of docs) {
    const laid = layOut(d, layout);
    scoreDoc(laid, recognize(laid.title, laid.body), tally);
  }
  return tally;
}

export function microF1(t: Tally): number {
  return prf(micro(t)).f;
}
