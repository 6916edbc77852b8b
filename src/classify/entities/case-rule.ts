/**
 * The case rule's last step. An occurrence of a capitalized or all-capitals name where case
 * says nothing (a sentence start, a Title Case or capitals line) was left undecided by the
 * matcher; it counts when the recognizer found a name overlapping it, of any type (MISC too:
 * the recognizer believes it is a name), and is dropped otherwise.
 */
import type { FieldMatch, NameSpan } from '../types.js';

/** The recognized names of one field as sorted starts and, for each prefix, the furthest end. */
function nameIndex(spans: readonly NameSpan[], field: 'title' | 'body'): { starts: number[]; reach: number[] } {
  const mine = spans.filter((s) => s.field === field).sort((a, b) => a.start - b.start);
  const reach: number[] = [];
  let furthest = -1;
  for (const s of mine) reach.push((furthest = Math.max(furthest, s.end)));
  return { starts: mine.map((s) => s.start), reach };
}

/** Does some name overlap [start, end)? Names starting before `end` are a prefix; one of them must reach past `start`. */
function overlapsName(index: { starts: number[]; reach: number[] }, start: number, end: number): boolean {
  let lo = 0, hi = index.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (index.starts[mid]! < end) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && index.reach[lo - 1]! > start;
}

/** Adds [start, end) to a seq's spans, keeping them in text order. */
function insertSpan(spans: Map<number, number[]>, seq: number, start: number, end: number): void {
  const list = spans.get(seq);
  if (!list) { spans.set(seq, [start, end]); return; }
  let at = list.length;
  while (at > 0 && list[at - 2]! > start) at -= 2;
  list.splice(at, 0, start, end);
}

/** Moves each field's undecided occurrences that a name overlaps into its seqSpans; drops the rest. */
export function settleUndecided(fields: FieldMatch[], names: readonly NameSpan[]): void {
  for (const f of fields) {
    if (f.undecided.length === 0) continue;
    const index = nameIndex(names, f.name);
    const { starts, ends } = f.tokens;
    for (let k = 0; k < f.undecided.length; k += 3) {
      const seq = f.undecided[k]!, s = f.undecided[k + 1]!, e = f.undecided[k + 2]!;
      if (overlapsName(index, starts[s]!, ends[e - 1]!)) insertSpan(f.seqSpans, seq, s, e);
    }
    f.undecided.length = 0;
  }
}
