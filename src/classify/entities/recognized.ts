/** A recognizer's names as entities: MISC left out, variants of one name merged (merge.ts). */
import { foldKey, type TokenizedText } from '../tokenize/normalize.js';
import type { FoundEntity, NameSpan } from '../types.js';
import { mergeNames, type NameMention } from './merge.js';

/** The first token that starts at or after `offset`. */
export function firstTokenFrom(t: TokenizedText, offset: number): number {
  let lo = 0, hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t.starts[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The span's folded key (foldKey of its text), read off the field's tokens when the span
 * starts and ends on token boundaries, as the rules' spans do; a model's other spans are
 * tokenized on their own.
 */
export function keyOfSpan(t: TokenizedText, start: number, end: number, text: string): string {
  const first = firstTokenFrom(t, start);
  let last = first;
  while (last < t.length && t.ends[last]! <= end) last++;
  if (last === first || t.starts[first] !== start || t.ends[last - 1] !== end) return foldKey(text);
  if (last - first === 1) return t.foldedAt(first);
  let key = t.foldedAt(first);
  for (let k = first + 1; k < last; k++) key += ` ${t.foldedAt(k)}`;
  return key;
}

/** text.replace(/\s+/g, ' '), with no regular expression run where no character could be a space. */
function spacesAsOne(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c >= 0xa0) return text.replace(/\s+/g, ' ');
  }
  return text;
}

export function entitiesFromSpans(spans: readonly NameSpan[], tokens: { title: TokenizedText; body: TokenizedText }): FoundEntity[] {
  const mentions: NameMention[] = [];
  for (const s of spans) {
    if (s.type === 'misc') continue;
    const key = keyOfSpan(tokens[s.field], s.start, s.end, s.text);
    mentions.push({ field: s.field, start: s.start, end: s.end, surface: spacesAsOne(s.text), key, type: s.type });
  }
  return mergeNames(mentions);
}
