/**
 * A CoNLL/PTB-like tokenizer with offsets: one left-to-right scan, every character looked at a
 * bounded number of times, so any input (a megabyte without a space, endless punctuation)
 * costs linear time. Punctuation and clitics ('s, n't, 're...) are split off words; dotted
 * abbreviations, initials, numbers, hyphenated words and apostrophe names stay whole.
 */
import {
  isApostropheCode, isDigitCode, isHighSurrogate, isHyphenCode, isLineBreakCode, isSpaceCode,
  isWordCode,
} from './chars.js';
import { endsSentence } from './sentences.js';
import type { Tokens } from './types.js';

/** Words that keep their final period (compared lower-cased). */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'rev', 'gen', 'col', 'lt', 'sgt', 'capt', 'cpl', 'maj', 'adm', 'gov',
  'sen', 'rep', 'pres', 'st', 'mt', 'ft', 'jr', 'sr', 'inc', 'corp', 'co', 'ltd', 'plc', 'bros', 'vs',
  'etc', 'no', 'nos', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov',
  'dec', 'calif', 'fla', 'ill', 'mass', 'penn', 'conn', 'wash', 'ariz', 'colo', 'mich', 'minn',
  'wis', 'tex', 'okla', 'tenn', 'ky', 'va', 'md', 'ga', 'ala', 'ore', 'nev', 'ark', 'kan', 'neb',
  'vol', 'approx', 'dept', 'est', 'fig', 'gen', 'univ', 'ave', 'blvd', 'rd',
]);

/** Clitics split off the word before them (the n't case is handled apart). */
const CLITICS = new Set(['s', 're', 've', 'll', 'd', 'm']);

/** Tokens as they are scanned: offsets, and 1 where a line break came before. Reusable (reset). */
export class TokenSink {
  starts: Int32Array;
  ends: Int32Array;
  breaks: Uint8Array;
  length = 0;
  constructor(capacity: number) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.breaks = new Uint8Array(capacity);
  }
  push(start: number, end: number, lineBreak: boolean): void {
    if (this.length === this.starts.length) this.grow();
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.breaks[this.length++] = lineBreak ? 1 : 0;
  }
  private grow(): void {
    const n = this.starts.length * 2;
    const s = new Int32Array(n), e = new Int32Array(n), b = new Uint8Array(n);
    s.set(this.starts); e.set(this.ends); b.set(this.breaks);
    this.starts = s; this.ends = e; this.breaks = b;
  }
}

/** Length of the letter run at i (at most `max + 1`, so callers can tell "longer than max"). */
function letterRun(text: string, i: number, max: number): number {
  let k = 0;
  while (k <= max && i + k < text.length) {
    const c = text.charCodeAt(i + k);
    if (!isWordCode(c) || isDigitCode(c)) break;
    k++;
  }
  return k;
}

/** Where a clitic starting at apostrophe `a` ends, or -1 if what follows is not a clitic. */
function cliticEnd(text: string, a: number): number {
  const n = letterRun(text, a + 1, 2);
  if (n === 0 || n > 2) return -1;
  const after = a + 1 + n;
  if (after < text.length && isWordCode(text.charCodeAt(after))) return -1;
  return CLITICS.has(text.slice(a + 1, after).toLowerCase()) ? after : -1;
}

/** True when text[a..] is "'t" closing a word (the n't of "don't"). */
function isNtTail(text: string, a: number): boolean {
  const t = text.charCodeAt(a + 1);
  if (t !== 116 && t !== 84) return false;
  return a + 2 >= text.length || !isWordCode(text.charCodeAt(a + 2));
}

/** End of the word starting at i (word characters joined by hyphens, number marks, &, apostrophes). */
function scanWord(text: string, i: number): number {
  let j = i;
  for (;;) {
    while (j < text.length && isWordCode(text.charCodeAt(j))) j++;
    if (j + 1 >= text.length) return j;
    const c = text.charCodeAt(j), next = text.charCodeAt(j + 1);
    if (!isWordCode(next)) return j;
    const prev = text.charCodeAt(j - 1);
    if (isHyphenCode(c)) { j++; continue; }
    if ((c === 46 || c === 44 || c === 58 || c === 47) && isDigitCode(prev) && isDigitCode(next)) { j++; continue; }
    if (c === 38 && !isDigitCode(prev) && !isDigitCode(next) && j - i <= 3) { j++; continue; }
    if (isApostropheCode(c)) {
      if (isNtTail(text, j) && (prev === 110 || prev === 78)) return j - 1 > i ? j - 1 : j + 2;
      if (cliticEnd(text, j) >= 0) return j;
      j++;
      continue;
    }
    return j;
  }
}

/** Where a word ending at `end` takes its period too (initials, U.S., a.m., Inc., a table's "1."). */
function withPeriod(text: string, start: number, end: number, lineStart: boolean): number {
  if (end >= text.length || text.charCodeAt(end) !== 46) return end;
  const len = end - start;
  if (isDigitCode(text.charCodeAt(start))) {
    // A table's rank ("1. Michael Johnson") opens its line and is one or two digits.
    const spaceAfter = end + 1 >= text.length || isSpaceCode(text.charCodeAt(end + 1));
    const digits = len <= 2 && isDigitCode(text.charCodeAt(end - 1));
    return lineStart && digits && spaceAfter ? end + 1 : end;
  }
  if (letterRun(text, start, len) !== len) return end;
  if (len === 1) return dotted(text, end);
  if (len <= 6 && ABBREVIATIONS.has(text.slice(start, end).toLowerCase())) return end + 1;
  return end;
}

/** After "U" at `end` with a period: takes ".S." style units (one or two letters each). */
function dotted(text: string, end: number): number {
  let j = end + 1;
  for (let units = 0; units < 8; units++) {
    const n = letterRun(text, j, 2);
    if (n === 0 || n > 2 || text.charCodeAt(j + n) !== 46) break;
    j += n + 1;
  }
  return j;
}

/** End of a punctuation token at i: a clitic, a run of one repeated mark, or one character. */
function scanPunct(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (isApostropheCode(c)) {
    const e = cliticEnd(text, i);
    if (e >= 0) return e;
  }
  if (isHighSurrogate(c) && i + 1 < text.length) return i + 2;
  if (c === 46 || c === 45 || c === 61 || c === 42 || c === 95 || c === 126 || c === 35 || c === 33 || c === 63) {
    let j = i + 1;
    while (j < text.length && text.charCodeAt(j) === c) j++;
    return j;
  }
  return i + 1;
}

function isAstralWord(text: string, i: number): boolean {
  return isHighSurrogate(text.charCodeAt(i)) && /[\p{L}\p{N}]/u.test(text.slice(i, i + 2));
}

/** Splits `text` into tokens with offsets and marks where sentences start. */
export function tokenize(text: string): Tokens {
  const sink = new TokenSink(Math.max(8, text.length >> 2));
  scanInto(text, sink);
  const n = sink.length;
  const sentStart = new Uint8Array(n);
  markSentences(text, sink, 0, sentStart);
  return { text, length: n, starts: sink.starts.subarray(0, n), ends: sink.ends.subarray(0, n), sentStart };
}

/** Appends the tokens of `text` to the sink. */
export function scanInto(text: string, sink: TokenSink): void {
  let i = 0;
  let lineBreak = true;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isSpaceCode(c)) {
      if (isLineBreakCode(c)) lineBreak = true;
      i++;
      continue;
    }
    let end: number;
    if (isWordCode(c) || isAstralWord(text, i)) {
      end = scanWord(text, i);
      if (end === i) end = i + (isHighSurrogate(c) ? 2 : 1);
      end = withPeriod(text, i, end, lineBreak);
    } else {
      end = scanPunct(text, i);
    }
    sink.push(i, end, lineBreak);
    lineBreak = false;
    i = end;
  }
}

/** Marks in sentStart[k] where the sink's tokens [from, to), all of `text`, open a sentence. */
export function markSentences(text: string, sink: TokenSink, from: number, sentStart: Uint8Array, to = sink.length): void {
  for (let k = from; k < to; k++) {
    // A quote that opened a sentence does not close one too (". \" We" opens once).
    const rule = k > from && sentStart[k - 1] === 0 && endsSentence(text, sink.starts, sink.ends, k, from);
    sentStart[k] = k === from || sink.breaks[k] === 1 || rule ? 1 : 0;
  }
}

