/** Reads one field of an article once and finds every indexed word and phrase in it. */
import type { FieldMatch, TermLookup } from '../types.js';
import { ALL_CAPS_LINE, CasePositions } from './case-positions.js';
import type { TokenizedText } from './normalize.js';

/** Ints per unit in the index's unitInfo (see SealedLookup). */
export const UNIT_INFO = 4;

/** A unit's case rule (unitInfo[UNIT_INFO * unit + 3]): any case, exactly as written, or capitalized. */
export const CASE_FOLD = 0, CASE_EXACT = 1, CASE_CAP = 2;

// Reused by every call (matching is synchronous): the units found per token are needed only
// until the field's phrases are checked.
const scratchUnits: number[] = [];
let scratchStarts = new Int32Array(1024);

/**
 * Looks up each token once, then extends the phrases that start at a matched token. The
 * units of token i are units[unitStart[i] .. unitStart[i + 1]).
 */
export function matchField(index: TermLookup, name: 'title' | 'body', tokens: TokenizedText): FieldMatch {
  const n = tokens.length;
  const { unitInfo, phrases, seqCase } = index.sealed;
  const units = scratchUnits;
  units.length = 0;
  if (scratchStarts.length < n + 1) scratchStarts = new Int32Array(2 * n + 2);
  const unitStart = scratchStarts;
  const seqSpans = new Map<number, number[]>();
  const cased = new CaseCheck(index, tokens);
  const firsts: number[] = [];
  for (let i = 0; i < n; i++) {
    unitStart[i] = units.length;
    if (index.tokenUnitsInto(tokens, i, units) === 0) continue;
    for (let k = unitStart[i]!; k < units.length; k++) {
      const info = UNIT_INFO * units[k]!;
      const single = unitInfo[info]!;
      if (single >= 0) {
        if (unitInfo[info + 3] === CASE_FOLD) pushSpan(seqSpans, single, i, i + 1);
        else cased.add(seqSpans, single, i, i + 1);
      }
      if (unitInfo[info + 1] !== unitInfo[info + 2]) firsts.push(info, i);
    }
  }
  unitStart[n] = units.length;
  // Phrases are checked only where their first word occurs, once every token is looked up.
  for (let f = 0; f < firsts.length; f += 2) {
    const info = firsts[f]!;
    const p = firsts[f + 1]!;
    for (let k = unitInfo[info + 1]!, end = unitInfo[info + 2]!; k < end; k++) {
      const seq = phrases[k]!;
      const length = seqMatchesAt(index, seq, units, unitStart, p, n);
      if (length === 0) continue;
      if (seqCase[seq] === 0) pushSpan(seqSpans, seq, p, p + length);
      else cased.add(seqSpans, seq, p, p + length);
    }
  }
  return { name, tokens, seqSpans, undecided: cased.undecided };
}

/**
 * Occurrences of terms with a case rule. Capitals tell a name from a word only where the
 * writer chose them: an occurrence counts at once when one of its case-ruled words stands where
 * case is informative; otherwise (every such word at a sentence start or in a Title Case or
 * capitals line, see case-positions.ts) it is undecided, for the recognizer to settle.
 */
class CaseCheck {
  readonly undecided: number[] = [];
  private positions: CasePositions | undefined;

  constructor(private readonly index: TermLookup, private readonly tokens: TokenizedText) {}

  add(spans: Map<number, number[]>, seq: number, start: number, end: number): void {
    const positions = (this.positions ??= new CasePositions(this.tokens));
    const { unitInfo, seqUnits } = this.index.sealed;
    const from = seqUnits.start[seq]!;
    for (let j = 0; j < end - start; j++) {
      const rule = unitInfo[UNIT_INFO * seqUnits.values[from + j]! + 3];
      if (rule === CASE_FOLD) continue;
      const at = positions.at(start + j);
      if (rule === CASE_CAP ? at === 0 : (at & ALL_CAPS_LINE) === 0) {
        pushSpan(spans, seq, start, end);
        return;
      }
    }
    this.undecided.push(seq, start, end);
  }
}

function pushSpan(spans: Map<number, number[]>, seq: number, start: number, end: number): void {
  const list = spans.get(seq);
  if (list) list.push(start, end);
  else spans.set(seq, [start, end]);
}

/** The seq's length when it occurs at token p (its first unit is known to), else 0. */
function seqMatchesAt(index: TermLookup, seq: number, units: number[], unitStart: Int32Array, p: number, n: number): number {
  const { start, values } = index.sealed.seqUnits;
  const from = start[seq]!;
  const length = start[seq + 1]! - from;
  if (p + length > n) return 0;
  for (let j = 1; j < length; j++) {
    if (!hasUnit(units, unitStart[p + j]!, unitStart[p + j + 1]!, values[from + j]!)) return 0;
  }
  return length;
}

function hasUnit(units: number[], from: number, to: number, unit: number): boolean {
  for (let k = from; k < to; k++) if (units[k] === unit) return true;
  return false;
}

/** Token spans of any of the seqs in one field, overlaps removed (longest first wins). */
export function spansIn(f: FieldMatch, seqs: number[]): [number, number][] {
  const spans: [number, number][] = [];
  for (const seq of seqs) {
    const flat = f.seqSpans.get(seq);
    if (flat) for (let i = 0; i < flat.length; i += 2) spans.push([flat[i]!, flat[i + 1]!]);
  }
  if (seqs.length > 1) {
    spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    let lastEnd = -1;
    return spans.filter(([s, e]) => (s >= lastEnd ? ((lastEnd = e), true) : false));
  }
  return spans;
}
