/**
 * The case rule's last step. An occurrence of a capitalized or all-capitals name where case
 * says nothing (a sentence start, a Title Case or capitals line) was left undecided by the
 * matcher. It counts when the recognizer found a name overlapping it, of any type (MISC too:
 * the recognizer believes it is a name). Failing that, it still counts when none of its
 * capitalized words is also a common word: not written in lower case anywhere in the article,
 * and not mostly lower case in news at large ("Daesh", "Sirte" at a sentence start are names
 * whatever the recognizer missed; "Labour", "May" are not, unless the recognizer says so).
 *
 * A headline gets one more test, because there the recognizer has little to go on ("Labour
 * Market Tightens", "Bush Fire Threatens Homes" read like names to a model that learned from
 * news): when one of the occurrence's capitalized words is a common word and the article has
 * a body that speaks (enough words, written in ordinary case), the headline's occurrence
 * counts only if the body names the same entity, by any of its aliases. A story about Labour
 * or Bush names them in its text; a story about the labour market or a bush fire does not. A
 * title with no body, or a line or two, keeps the rule above, and so does a name that is no
 * common word ("Sirte", and "Turkey", which news writes capitalized 98 times in 100).
 */
import type { TokenizedText } from '../tokenize/normalize.js';
import type { FieldMatch, NameSpan } from '../types.js';
import { overlapsAny, rangeIndex } from './overlap.js';

/** Is this folded word a common word of the language (see recognizer.ts)? */
export type CommonWordTest = (folded: string) => boolean;


function writtenLower(t: TokenizedText, k: number): boolean {
  const raw = t.storedRawAt(k) ?? t.text.slice(t.starts[k], t.ends[k]);
  return raw === raw.toLowerCase() && raw !== raw.toUpperCase();
}

/** The folded words the article writes in lower case somewhere, among those asked about. */
function lowerInArticle(fields: FieldMatch[], words: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const f of fields) {
    const t = f.tokens;
    for (let k = 0; k < t.length; k++) {
      if (t.capitalizedAt(k)) continue;
      const w = t.foldedAt(k);
      if (words.has(w) && writtenLower(t, k)) out.add(w);
    }
  }
  return out;
}

/** Capitalized words of the occurrences [seq, s, e, ...] of a field, folded. */
function capitalizedWords(t: TokenizedText, list: number[], into: Set<string>): void {
  for (let i = 0; i < list.length; i += 3) {
    for (let k = list[i + 1]!; k < list[i + 2]!; k++) if (t.capitalizedAt(k)) into.add(t.foldedAt(k));
  }
}

/** Is none of the occurrence's capitalized words a common word, in this article or at large? */
function properNoun(t: TokenizedText, s: number, e: number, common: Set<string>): boolean {
  for (let k = s; k < e; k++) if (t.capitalizedAt(k) && common.has(t.foldedAt(k))) return false;
  return true;
}

/** The capitalized words of undecided occurrences that are common words. */
function commonWords(fields: FieldMatch[], isCommon: CommonWordTest): Set<string> {
  const words = new Set<string>();
  for (const f of fields) capitalizedWords(f.tokens, f.undecided, words);
  const common = lowerInArticle(fields, words);
  for (const w of words) if (isCommon(w)) common.add(w);
  return common;
}

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

/** The seqs of every entity a seq is an alias of (itself included); empty when it is no entity's. */
export type EntitySeqs = (seq: number) => readonly number[];

/** Words a body needs before its silence about a name weighs against the headline. */
const SPEAKING_BODY_TOKENS = 20;

/** Has the body enough words in ordinary case (at least a quarter not capitalized) to be heard? */
export function bodySpeaks(body: FieldMatch | undefined): boolean {
  const t = body?.tokens;
  if (!t || t.length < SPEAKING_BODY_TOKENS) return false;
  // Asked by the case rule and by the headline names of one article: counted once.
  const known = speaking.get(t);
  if (known !== undefined) return known;
  let lower = 0;
  for (let k = 0; k < t.length; k++) if (!t.capitalizedAt(k)) lower++;
  const speaks = lower * 4 >= t.length;
  speaking.set(t, speaks);
  return speaks;
}

const speaking = new WeakMap<TokenizedText, boolean>();

/** Does the body name the entity of this seq (a settled occurrence of any of its aliases)? */
function bodyNames(body: FieldMatch, seqs: readonly number[]): boolean {
  return seqs.some((q) => (body.seqSpans.get(q)?.length ?? 0) > 0);
}

/**
 * Moves each field's undecided occurrences that count into its seqSpans; drops the rest. The
 * body is settled first, so a headline can lean on the body's sentence starts too.
 */
export function settleUndecided(fields: FieldMatch[], names: readonly NameSpan[], isCommon: CommonWordTest, entitySeqs?: EntitySeqs): void {
  const common = commonWords(fields, isCommon);
  const body = fields.find((f) => f.name === 'body');
  const ordered = [...fields].sort((a, b) => Number(a.name === 'title') - Number(b.name === 'title'));
  for (const f of ordered) {
    if (f.undecided.length === 0) continue;
    const index = rangeIndex(names.filter((n) => n.field === f.name));
    const { starts, ends } = f.tokens;
    // Whether the body speaks is asked only for a title occurrence holding a common word.
    const hearing = f.name === 'title' && entitySeqs !== undefined && body !== undefined;
    let heard: boolean | undefined;
    // Per seq, the confirmed ones: added in text order, so each seq's list merges in one pass.
    const confirmed = new Map<number, number[]>();
    for (let k = 0; k < f.undecided.length; k += 3) {
      const seq = f.undecided[k]!, s = f.undecided[k + 1]!, e = f.undecided[k + 2]!;
      const proper = properNoun(f.tokens, s, e, common);
      if (!proper && !overlapsAny(index, starts[s]!, ends[e - 1]!)) continue;
      if (hearing && !proper && (heard ??= bodySpeaks(body))) {
        const seqs = entitySeqs!(seq);
        if (seqs.length > 0 && !bodyNames(body!, seqs)) continue;
      }
      const list = confirmed.get(seq);
      if (list) list.push(s, e);
      else confirmed.set(seq, [s, e]);
    }
    for (const [seq, list] of confirmed) f.seqSpans.set(seq, mergeSpans(f.seqSpans.get(seq) ?? [], list));
    f.undecided.length = 0;
  }
}
