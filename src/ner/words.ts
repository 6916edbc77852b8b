/**
 * What the recognizer knows about one word type, computed once per distinct word in a document:
 * hashes of its forms, shape, affixes and flags. Shapes are hashed as they are scanned, so no
 * shape string is ever built.
 */
import { isDigitCode, isLowerCode, isUpperCode, isWordCode } from './chars.js';
import { hashRange, hashString, mix } from './hash.js';

export const F_INITCAP = 1, F_ALLCAPS = 2, F_HASLOWER = 4, F_HASDIGIT = 8, F_ALLDIGIT = 16,
  F_HYPHEN = 32, F_PERIOD = 64, F_APOS = 128, F_PUNCT = 256, F_SINGLE = 512, F_INNERCAP = 1024;
/** All the F_ bits. */
export const F_MASK = 2047;

/** 0 lower-case word, 1 capitalized, 2 all capitals, 3 other (digits, punctuation). */
export function capClass(flags: number): number {
  if (flags & F_ALLCAPS) return (flags & F_SINGLE) ? 1 : 2;
  if (flags & F_INITCAP) return 1;
  if (flags & F_HASLOWER) return 0;
  return 3;
}

export interface WordInfo {
  raw: string;
  lower: string;
  hLow: number;
  hRaw: number;
  hShape: number;
  hShort: number;
  /** Hashes of the lower-case prefixes and suffixes of 1 to 4 characters (0 when shorter). */
  affix: Int32Array;
  flags: number;
  /** The word has a capital letter somewhere ("Paris", "iPhone", "'Allo"). */
  upper: boolean;
}

/** Character class of a code unit in a shape: X, x, d or the mark itself. */
function shapeClass(c: number): number {
  if (isDigitCode(c)) return 100;
  if (isUpperCode(c)) return 88;
  if (isLowerCode(c) || isWordCode(c)) return 120;
  return c;
}

function shapes(raw: string): [number, number] {
  let long = 0x1234567, short = 0x7654321, prev = -1, run = 0;
  for (let i = 0; i < raw.length; i++) {
    const cls = shapeClass(raw.charCodeAt(i));
    run = cls === prev ? run + 1 : 1;
    if (run <= 4) long = mix(long, cls);
    if (run === 1) short = mix(short, cls);
    prev = cls;
  }
  return [long, short];
}

function hasUpper(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) if (isUpperCode(raw.charCodeAt(i))) return true;
  return false;
}

function flagsOf(raw: string): number {
  let upper = 0, lower = 0, digit = 0, word = 0, f = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (isDigitCode(c)) digit++;
    else if (isUpperCode(c)) { upper++; if (i > 0 && lower > 0) f |= F_INNERCAP; }
    else if (isLowerCode(c)) lower++;
    if (isWordCode(c)) word++;
    else if (c === 45) f |= F_HYPHEN;
    else if (c === 46) f |= F_PERIOD;
    else if (c === 39 || c === 0x2019) f |= F_APOS;
  }
  if (isUpperCode(raw.charCodeAt(0))) f |= F_INITCAP;
  if (upper > 0 && lower === 0) f |= F_ALLCAPS;
  if (lower > 0) f |= F_HASLOWER;
  if (digit > 0) f |= F_HASDIGIT;
  if (digit > 0 && digit === word) f |= F_ALLDIGIT;
  if (word === 0) f |= F_PUNCT;
  if (raw.length === 1) f |= F_SINGLE;
  return f;
}

/**
 * The form words are known by: lower-cased, and an abbreviation's final period dropped, so
 * "Mr" and "Mr.", "Corp" and "Corp." (British and American style) are one word to the model;
 * the shape still tells them apart.
 */
function lexicalForm(lower: string): string {
  const n = lower.length;
  return n > 1 && lower.charCodeAt(n - 1) === 46 && isWordCode(lower.charCodeAt(n - 2)) ? lower.slice(0, n - 1) : lower;
}

/**
 * The word as the features read it: full-width forms of ASCII (U+FF01..U+FF5E, common in text
 * from East Asian sources: "ＢＢＣ") read as ASCII. Offsets never come from this form.
 */
export function featureForm(raw: string): string {
  let i = 0;
  while (i < raw.length && (raw.charCodeAt(i) < 0xff01 || raw.charCodeAt(i) > 0xff5e)) i++;
  if (i === raw.length) return raw;
  let out = raw.slice(0, i);
  for (; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    out += String.fromCharCode(c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c);
  }
  return out;
}

/** What the features need of a word as written (`written`; every field but `raw` is of its feature form). */
export function wordInfo(written: string): WordInfo {
  const raw = featureForm(written);
  const lower = raw.toLowerCase();
  const form = lexicalForm(lower);
  const [hShape, hShort] = shapes(raw);
  const affix = new Int32Array(8);
  const n = form.length;
  for (let k = 1; k <= 4 && k <= n; k++) {
    affix[k - 1] = hashRange(form, 0, k);
    affix[3 + k] = hashRange(form, n - k, n);
  }
  return { raw: written, lower, hLow: hashString(form), hRaw: hashString(raw), hShape, hShort, affix, flags: flagsOf(raw), upper: hasUpper(raw) };
}
