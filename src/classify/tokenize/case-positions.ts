/**
 * Where capitals say nothing about a word: at the start of a sentence (everything is
 * capitalized there), in a headline written in Title Case, and in a line written in capitals.
 * The case rule (entities/case-rule.ts) lets the recognizer decide at those places. Worked out
 * only for the tokens a case-bound term hits: their line's style once per line, their
 * sentence start from the characters just before them.
 */
import type { TokenizedText } from './normalize.js';

/** The token starts a sentence: a capital there is the sentence's, not the word's. */
export const SENTENCE_START = 1;
/** The token is in a Title Case line (a headline): capitals are the style's. */
export const TITLE_CASE_LINE = 2;
/** The token is in a line written in capitals. */
export const ALL_CAPS_LINE = 4;

/** Abbreviations whose dot does not end a sentence ("Mr. May", "St. Helens"). */
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'prof', 'gen', 'gov', 'sen', 'rep', 'lt', 'col', 'capt', 'sgt', 'maj', 'adm', 'cmdr', 'jr', 'sr', 'no', 'vs', 'mt', 'ft', 'rev', 'hon', 'messrs']);

/** A headline has at most this many words; a longer line is prose. */
const MAX_HEADLINE_TOKENS = 40;

const codes = (chars: string) => new Set([...chars].map((c) => c.charCodeAt(0)));
const OPENERS = codes('"\'“‘«‹([{-–—•*·');
const CLOSERS = codes('"\'”’»›)]}');
const ENDERS = codes('.!?…:');

function isBreak(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
}

/** JavaScript's \s, by code. */
function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029
    || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

interface Shape {
  /** The first character is a capital letter. */
  capital: boolean;
  /** It has a lower-case letter. */
  lower: boolean;
  /** Letters with case. */
  letters: number;
}

function shapeOf(t: TokenizedText, k: number): Shape {
  const stored = t.storedRawAt(k);
  if (stored === undefined) {
    // A plain ASCII word, read off the text.
    let lower = false, letters = 0;
    const { text } = t;
    for (let c = t.starts[k]!, end = t.ends[k]!; c < end; c++) {
      const code = text.charCodeAt(c);
      if (code >= 97 && code <= 122) { lower = true; letters++; } else if (code >= 65 && code <= 90) letters++;
    }
    const first = text.charCodeAt(t.starts[k]!);
    return { capital: first >= 65 && first <= 90, lower, letters };
  }
  let lower = false, letters = 0;
  for (const ch of stored) {
    const up = ch !== ch.toLowerCase();
    const low = ch !== ch.toUpperCase();
    if (up || low) letters++;
    if (low && !up) lower = true;
  }
  const first = stored[0] ?? '';
  return { capital: first !== first.toLowerCase(), lower, letters };
}

/** The line [s, e) of tokens: ALL_CAPS_LINE, TITLE_CASE_LINE or 0. */
function lineStyle(t: TokenizedText, s: number, e: number): number {
  let cased = 0, upper = 0, long = 0, longCapital = 0, longUpper = 0;
  for (let k = s; k < e; k++) {
    const sh = shapeOf(t, k);
    if (sh.letters === 0) continue;
    cased++;
    if (!sh.lower) upper++;
    if (k > s && sh.letters >= 4) {
      long++;
      if (sh.capital) longCapital++;
      if (!sh.lower) longUpper++;
    }
  }
  if (cased >= 2 && upper === cased && (longUpper > 0 || cased >= 3)) return ALL_CAPS_LINE;
  if (e - s > MAX_HEADLINE_TOKENS || long < 2 || longCapital * 4 < long * 3) return 0;
  return endsSentences(t, s, e) ? 0 : TITLE_CASE_LINE;
}

/** Prose: a full stop at the line's end, or sentence punctuation followed by more words. */
function endsSentences(t: TokenizedText, s: number, e: number): boolean {
  const { text } = t;
  for (let k = s + 1; k <= e; k++) {
    const from = t.ends[k - 1]!;
    const to = k < t.length ? t.starts[k]! : text.length;
    let c = from;
    while (c < to && CLOSERS.has(text.charCodeAt(c))) c++;
    if (c >= to) continue;
    const code = text.charCodeAt(c);
    if (k === e ? code === 46 : ENDERS.has(code) && code !== 58 && c + 1 < to && isSpace(text.charCodeAt(c + 1))) return true;
  }
  return false;
}

/** The case positions of one field's tokens, worked out on demand. */
export class CasePositions {
  /** Token index where each line starts, ascending (built on first use). */
  private lineStarts: Int32Array | undefined;
  /** Per line: its style + 1, or 0 when not yet known. */
  private styles: Uint8Array | undefined;

  constructor(private readonly t: TokenizedText) {}

  /** SENTENCE_START, TITLE_CASE_LINE and ALL_CAPS_LINE flags of token k. */
  at(k: number): number {
    const line = this.lineOf(k);
    const styles = this.styles!;
    if (styles[line] === 0) {
      const starts = this.lineStarts!;
      const end = line + 1 < starts.length ? starts[line + 1]! : this.t.length;
      styles[line] = lineStyle(this.t, starts[line]!, end) + 1;
    }
    const start = this.lineStarts![line] === k ? k === 0 || this.paragraphOrSentenceEnd(k) : this.sentenceEndBefore(k);
    return (styles[line]! - 1) | (start ? SENTENCE_START : 0);
  }

  private lineOf(k: number): number {
    const starts = (this.lineStarts ??= this.findLines());
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= k) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private findLines(): Int32Array {
    const { t } = this;
    const starts = [0];
    for (let k = 1; k < t.length; k++) {
      for (let c = t.ends[k - 1]!, end = t.starts[k]!; c < end; c++) {
        if (isBreak(t.text.charCodeAt(c))) { starts.push(k); break; }
      }
    }
    this.styles = new Uint8Array(starts.length);
    return Int32Array.from(starts);
  }

  /** A line's first token starts a sentence after a blank line or a line that ended one. */
  private paragraphOrSentenceEnd(k: number): boolean {
    const { text } = this.t;
    let breaks = 0;
    for (let c = this.t.ends[k - 1]!, end = this.t.starts[k]!; c < end; c++) {
      const code = text.charCodeAt(c);
      if (code === 10 || code === 0x2028 || code === 0x2029 || (code === 13 && text.charCodeAt(c + 1) !== 10)) breaks++;
    }
    return breaks >= 2 || this.sentenceEndBefore(k);
  }

  /**
   * Does the gap before token k end a sentence? Read backwards over white space and opening
   * quotes, brackets and dashes, then closing quotes, and find sentence-ending punctuation.
   * A single line break inside a sentence (hard-wrapped text) ends none.
   */
  private sentenceEndBefore(k: number): boolean {
    const { t } = this;
    const { text } = t;
    const from = t.ends[k - 1]!;
    let c = t.starts[k]! - 1;
    let spaces = 0;
    for (; c >= from; c--) {
      const code = text.charCodeAt(c);
      if (isSpace(code)) spaces++;
      else if (!OPENERS.has(code)) break;
    }
    while (c >= from && CLOSERS.has(text.charCodeAt(c))) c--;
    if (c < from || spaces === 0 || !ENDERS.has(text.charCodeAt(c))) return false;
    // "Mr. May", "J. May": a dot right after an abbreviation or an initial ends no sentence.
    if (text.charCodeAt(c) === 46 && c === from) {
      const before = t.storedFoldedAt(k - 1) ?? text.slice(t.starts[k - 1], from).toLowerCase();
      if (before.length === 1 || ABBREVIATIONS.has(before)) return false;
    }
    return true;
  }
}
