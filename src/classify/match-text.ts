/** Reads one field of an article once and finds every indexed word and phrase in it. */
import type { TokenizedText } from './normalize.js';
import { pushTo, type TermIndex } from './term-index.js';

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
  const tokenUnits: (readonly number[])[] = new Array(n);
  const unitPositions = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const units = index.unitsOf(tokens.raw[i]!, tokens.folded[i]!);
    tokenUnits[i] = units;
    for (let k = 0; k < units.length; k++) pushTo(unitPositions, units[k]!, i);
  }
  const seqSpans = new Map<number, number[]>();
  for (const [unit, positions] of unitPositions) {
    const single = index.singleSeq[unit]!;
    if (single >= 0) seqSpans.set(single, positions.flatMap((p) => [p, p + 1]));
    for (const seq of index.seqsStartingWith.get(unit) ?? []) {
      const units = index.seqUnits[seq]!;
      for (const p of positions) {
        if (seqMatchesAt(units, tokenUnits, p)) pushTo(seqSpans, seq, p, p + units.length);
      }
    }
  }
  return { name, tokens, seqSpans };
}

function seqMatchesAt(units: number[], tokenUnits: (readonly number[])[], p: number): boolean {
  if (p + units.length > tokenUnits.length) return false;
  for (let j = 1; j < units.length; j++) {
    if (!tokenUnits[p + j]!.includes(units[j]!)) return false;
  }
  return true;
}
