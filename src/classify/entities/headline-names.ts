/**
 * The recognizer's names in a headline, held to the case rule's headline test (case-rule.ts):
 * where the headline's capitals say nothing (Title Case, capitals, its first word) and a name
 * is also a common word ("Labour Market Tightens", "Bush Fire Threatens Homes"), it stands
 * only if a body that speaks names it too. A model that learned from news reads such words
 * as names whatever they mean; the body is what tells. Names that are no common word ("Sirte",
 * "Turkey" by news usage) and headlines without a body that speaks keep the recognizer's word.
 */
import { CasePositions } from '../tokenize/case-positions.js';
import type { TokenizedText } from '../tokenize/normalize.js';
import type { FieldMatch, NameSpan } from '../types.js';
import { bodySpeaks, type CommonWordTest } from './case-rule.js';

/** Token indices [first, last) of the span, or undefined when it does not sit on token bounds. */
function tokensOf(t: TokenizedText, start: number, end: number): [number, number] | undefined {
  let first = 0, hi = t.length;
  while (first < hi) {
    const mid = (first + hi) >>> 1;
    if (t.starts[mid]! < start) first = mid + 1;
    else hi = mid;
  }
  let last = first;
  while (last < t.length && t.ends[last]! <= end) last++;
  return last > first ? [first, last] : undefined;
}

/**
 * The folded words the body names (capitalized where case tells, or inside a name the
 * recognizer found there), and those it writes in lower case.
 */
function bodyWords(body: TokenizedText, names: readonly NameSpan[]): { named: Set<string>; lower: Set<string> } {
  const named = new Set<string>(), lower = new Set<string>();
  const positions = new CasePositions(body);
  for (let k = 0; k < body.length; k++) {
    if (!body.capitalizedAt(k)) lower.add(body.foldedAt(k));
    else if (positions.at(k) === 0) named.add(body.foldedAt(k));
  }
  for (const n of names) {
    if (n.field !== 'body') continue;
    const span = tokensOf(body, n.start, n.end);
    if (span) for (let k = span[0]; k < span[1]; k++) named.add(body.foldedAt(k));
  }
  return { named, lower };
}

/** Drops headline names that are common words where case says nothing and the body, speaking, never names them. */
export function heardHeadlineNames(names: readonly NameSpan[], fields: FieldMatch[], isCommon: CommonWordTest): readonly NameSpan[] {
  const title = fields.find((f) => f.name === 'title')?.tokens;
  const body = fields.find((f) => f.name === 'body');
  if (!title || !body || !bodySpeaks(body) || !names.some((n) => n.field === 'title')) return names;
  const positions = new CasePositions(title);
  const words = bodyWords(body.tokens, names);
  return names.filter((n) => {
    if (n.field !== 'title') return true;
    const span = tokensOf(title, n.start, n.end);
    if (!span) return true;
    const [first, last] = span;
    if (positions.at(first) === 0) return true;
    let common = false, named = true;
    for (let k = first; k < last; k++) {
      if (!title.capitalizedAt(k)) continue;
      const w = title.foldedAt(k);
      if (isCommon(w) || words.lower.has(w)) common = true;
      if (!words.named.has(w)) named = false;
    }
    return !common || named;
  });
}
