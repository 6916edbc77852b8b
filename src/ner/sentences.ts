/**
 * Where sentences start inside a line: after . ! ? (not an abbreviation's period) when the next
 * token is capitalized, a digit or an opening quote; after a closing quote or bracket that
 * follows such a mark; and after a dateline's date ("LONDON 1996-08-30 The ...").
 */
import { isDigitCode, isUpperCode } from './chars.js';

function isFinalMark(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c !== 46 && c !== 33 && c !== 63) return false;
  }
  return e > s;
}

function isCloser(text: string, s: number, e: number): boolean {
  if (e - s !== 1) return false;
  const c = text.charCodeAt(s);
  return c === 34 || c === 39 || c === 41 || c === 93 || c === 0x201d || c === 0x2019 || c === 0xbb;
}

function opensSentence(text: string, s: number): boolean {
  const c = text.charCodeAt(s);
  return isUpperCode(c) || isDigitCode(c) || c === 34 || c === 0x201c || c === 0x2018 || c === 40 || c === 0xab;
}

/** dddd-dd-dd */
function isIsoDate(text: string, s: number, e: number): boolean {
  if (e - s !== 10) return false;
  for (let i = 0; i < 10; i++) {
    const c = text.charCodeAt(s + i);
    if (i === 4 || i === 7 ? c !== 45 : !isDigitCode(c)) return false;
  }
  return true;
}

/** True when token k opens a new sentence because of the tokens before it on its line (tokens of `text` start at `first`). */
export function endsSentence(text: string, starts: Int32Array, ends: Int32Array, k: number, first = 0): boolean {
  if (k === first || !opensSentence(text, starts[k]!)) return false;
  const p = k - 1;
  // A quote glued to the mark before it closes the sentence rather than opening the next.
  if (starts[k] === ends[p] && isCloser(text, starts[k]!, ends[k]!)) return false;
  if (isFinalMark(text, starts[p]!, ends[p]!)) return true;
  if (isIsoDate(text, starts[p]!, ends[p]!)) return isUpperCode(text.charCodeAt(starts[k]!));
  return p > first && isCloser(text, starts[p]!, ends[p]!) && isFinalMark(text, starts[p - 1]!, ends[p - 1]!);
}
