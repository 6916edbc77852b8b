/**
 * The case rule's last step. An occurrence of a capitalized or all-capitals name where case
 * says nothing (a sentence start, a Title Case or capitals line) was left undecided by the
 * matcher; it counts when the recognizer found a name overlapping it, of any type (MISC too:
 * the recognizer believes it is a name), and is dropped otherwise.
 */
import type { FieldMatch, NameSpan } from '../types.js';
import { overlapsAny, rangeIndex } from './overlap.js';

/** The two lists of spans [start, end, ...], each in text order, merged in text order. */
function mergeSpans(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let i = 0, j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! <= b[j]!)) out.push(a[i++]!, a[i++]!);
    else out.push(b[j++]!, b[j++]!);
  }
  return out;
}

/** Moves each field's undecided occurrences that a name overlaps into its seqSpans; drops the rest. */
export function settleUndecided(fields: FieldMatch[], names: readonly NameSpan[]): void {
  for (const f of fields) {
    if (f.undecided.length === 0) continue;
    const index = rangeIndex(names.filter((n) => n.field === f.name));
    const { starts, ends } = f.tokens;
    // Per seq, the confirmed ones: added in text order, so each seq's list merges in one pass.
    const confirmed = new Map<number, number[]>();
    for (let k = 0; k < f.undecided.length; k += 3) {
      const seq = f.undecided[k]!, s = f.undecided[k + 1]!, e = f.undecided[k + 2]!;
      if (!overlapsAny(index, starts[s]!, ends[e - 1]!)) continue;
      const list = confirmed.get(seq);
      if (list) list.push(s, e);
      else confirmed.set(seq, [s, e]);
    }
    for (const [seq, list] of confirmed) f.seqSpans.set(seq, mergeSpans(f.seqSpans.get(seq) ?? [], list));
    f.undecided.length = 0;
  }
}
