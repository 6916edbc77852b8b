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
import { firstTokenFrom } from './recognized.js';

/** Token indices [first, last) of the span, or undefined when it holds no whole token. */
function tokensOf(t: TokenizedText, start: number, end: number): [number, number] | undefined {
  const first = firstTokenFrom(t, start);
  let last = first;
  while (last < t.length && t.ends[last]! <= end) last++;
  return last > first ? [first, last] : undefined;
}

/** Is the code a letter or digit (a word goes on through it)? */
function wordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code > 127;
}

/** Offsets where `word` stands as a whole word in `text`, exactly as written. */
function* wholeWords(text: string, word: string): Generator<number> {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const before = at > 0 ? text.charCodeAt(at - 1) : 32;
    const after = at + word.length < text.length ? text.charCodeAt(at + word.length) : 32;
    if (!wordChar(before) && !wordChar(after)) yield at;
  }
}

/**
 * What the body says about a headline's word (folded): written in lower case somewhere, or
 * named (capitalized where case tells, or inside a name the recognizer found there). Asked
 * only for headline names holding a common word; the first "named" question reads the body's
 * tokens once, folded as the title's are (`U.S.` and `US` are one word).
 */
class BodyWitness {
  private named: Set<string> | undefined;

  constructor(private readonly body: TokenizedText, private readonly spans: readonly NameSpan[]) {}

  writesLower(word: string): boolean {
    for (const _ of wholeWords(this.body.text, word)) return true;
    return false;
  }

  names(word: string): boolean {
    return (this.named ??= this.namedWords()).has(word);
  }

  private namedWords(): Set<string> {
    const t = this.body;
    const named = new Set<string>();
    const positions = new CasePositions(t);
    for (let k = 0; k < t.length; k++) if (t.capitalizedAt(k) && positions.at(k) === 0) named.add(t.foldedAt(k));
    for (const n of this.spans) {
      const span = n.field === 'body' ? tokensOf(t, n.start, n.end) : undefined;
      if (span) for (let k = span[0]; k < span[1]; k++) named.add(t.foldedAt(k));
    }
    return named;
  }
}

/** Drops headline names that are common words where case says nothing and the body, speaking, never names them. */
export function heardHeadlineNames(names: readonly NameSpan[], fields: FieldMatch[], isCommon: CommonWordTest): readonly NameSpan[] {
  if (!names.some((n) => n.field === 'title')) return names;
  const title = fields.find((f) => f.name === 'title')?.tokens;
  const body = fields.find((f) => f.name === 'body');
  if (!title || !body) return names;
  const positions = new CasePositions(title);
  // The title's names where its capitals say nothing, with their token spans: only they can go.
  const doubtful = new Map<NameSpan, [number, number]>();
  for (const n of names) {
    const span = n.field === 'title' ? tokensOf(title, n.start, n.end) : undefined;
    if (span && positions.at(span[0]) !== 0) doubtful.set(n, span);
  }
  if (doubtful.size === 0) return names;
  const witness = new BodyWitness(body.tokens, names);
  // Asked only when a doubtful name holds a common word: most headline names hold none.
  let speaks: boolean | undefined;
  return names.filter((n) => {
    const span = doubtful.get(n);
    if (!span) return true;
    let common = false;
    for (let k = span[0]; k < span[1] && !common; k++) {
      if (!title.capitalizedAt(k)) continue;
      const w = title.foldedAt(k);
      common = isCommon(w) || witness.writesLower(w);
    }
    if (!common || !(speaks ??= bodySpeaks(body))) return true;
    for (let k = span[0]; k < span[1]; k++) if (title.capitalizedAt(k) && !witness.names(title.foldedAt(k))) return false;
    return true;
  });
}
