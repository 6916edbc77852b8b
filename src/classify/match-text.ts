/** Reads one field of an article once and finds every indexed word and phrase in it. */
import type { TokenizedText } from './normalize.js';
import type { TermIndex } from './term-index.js';

/** One field after matching: its tokens and, per indexed sequence, where it occurs. */
export interface FieldMatch {
  name: 'title' | 'body';
  tokens: TokenizedText;
  /** seq id -> token spans as a flat list [start, end, start, end, ...] (end exclusive). */
  seqSpans: Map<number, number[]>;
}

/** Looks up each token once, then extends the phrases that start at a matched token. */
export function matchField(index: TermIndex, name: 'title' | 'body', tokens: TokenizedText): FieldMatch {
  const n = tokens.raw.length;
  const tokenUnits: (readonly number[])[] = [];
  const seqSpans = new Map<number, number[]>();
  const firsts: number[] = [];
  for (let i = 0; i < n; i++) {
    const units = index.unitsOf(tokens.raw[i]!, tokens.folded[i]!, tokens.hashes[i]!);
    tokenUnits.push(units);
    for (let k = 0; k < units.length; k++) {
      const unit = units[k]!;
      const single = index.singleSeq[unit]!;
      if (single >= 0) pushSpan(seqSpans, single, i, i + 1);
      if (index.startsPhrase[unit] === 1) firsts.push(unit, i);
    }
  }
  // Phrases are checked only where their first word occurs, once every token is looked up.
  for (let f = 0; f < firsts.length; f += 2) {
    const p = firsts[f + 1]!;
    for (const seq of index.seqsStartingWith.get(firsts[f]!)!) {
      const units = index.seqUnits[seq]!;
      if (seqMatchesAt(units, tokenUnits, p)) pushSpan(seqSpans, seq, p, p + units.length);
    }
  }
  return { name, tokens, seqSpans };
}

function pushSpan(spans: Map<number, number[]>, seq: number, start: number, end: number): void {
  const list = spans.get(seq);
  if (list) list.push(start, end);
  else spans.set(seq, [start, end]);
}

function seqMatchesAt(units: number[], tokenUnits: (readonly number[])[], p: number): boolean {
  if (p + units.length > tokenUnits.length) return false;
  for (let j = 1; j < units.length; j++) {
    if (!tokenUnits[p + j]!.includes(units[j]!)) return false;
  }
  return true;
}
