/**
 * Text normalization and word splitting, shared by queries and articles so both sides agree
 * on what a token is. A token keeps two forms: `folded` (NFKC, diacritics removed, case
 * folded) for ordinary matching and `raw` (NFKC, diacritics removed, case kept) for the
 * case-sensitive 2-to-4-capitals rule. Offsets always point into the original text, so a
 * hit's snippet shows exactly what the writer wrote.
 */

/**
 * The tokens of one text, as parallel arrays (cheaper than an object per token). Most tokens
 * are plain ASCII words whose forms are the text itself (lower-cased when it has capitals):
 * their strings are cut only when `raw` or `folded` is first read, so matching alone, which
 * works from offsets and hashes, allocates none. Other tokens keep their forms from the start.
 */
export class TokenizedText {
  /** Token k is text[starts[k] .. ends[k]); k < length (the arrays have spare room at the end). */
  starts: Int32Array;
  ends: Int32Array;
  /** FNV-1a hash (hashWord) of each folded form, computed while scanning, so lookups need not hash again. */
  hashes: Uint32Array;
  /** Per token: ASCII_LOWER or ASCII_UPPER (forms are the text), or the index into storedRaw/storedFolded + 2. */
  kinds: Int32Array;
  length = 0;
  private readonly storedRaw: string[] = [];
  private readonly storedFolded: string[] = [];
  private rawForms: string[] | undefined;
  private foldedForms: string[] | undefined;

  constructor(readonly text: string) {
    // Grown by doubling: news text averages a token per 6 to 9 characters.
    const capacity = Math.max(4, text.length >> 2);
    [this.starts, this.ends, this.hashes, this.kinds] = TokenizedText.arrays(capacity);
  }

  /** The four per-token arrays as views of one buffer: one allocation, not four. */
  private static arrays(capacity: number): [Int32Array, Int32Array, Uint32Array, Int32Array] {
    const buffer = new ArrayBuffer(16 * capacity);
    return [new Int32Array(buffer, 0, capacity), new Int32Array(buffer, 4 * capacity, capacity), new Uint32Array(buffer, 8 * capacity, capacity), new Int32Array(buffer, 12 * capacity, capacity)];
  }

  /** The case-kept forms (NFKC, no diacritics, abbreviation dots dropped). */
  get raw(): string[] {
    if (this.rawForms) return this.rawForms;
    const out = new Array<string>(this.length);
    for (let k = 0; k < this.length; k++) {
      const kind = this.kinds[k]!;
      out[k] = kind >= STORED ? this.storedRaw[kind - STORED]! : this.text.slice(this.starts[k], this.ends[k]);
    }
    return (this.rawForms = out);
  }

  /** The matching forms (the raw forms case folded). */
  get folded(): string[] {
    if (this.foldedForms) return this.foldedForms;
    const raw = this.raw;
    const out = new Array<string>(this.length);
    for (let k = 0; k < this.length; k++) {
      const kind = this.kinds[k]!;
      out[k] = kind >= STORED ? this.storedFolded[kind - STORED]! : kind === ASCII_UPPER ? raw[k]!.toLowerCase() : raw[k]!;
    }
    return (this.foldedForms = out);
  }

  private push(start: number, end: number, hash: number, kind: number): void {
    if (this.length === this.starts.length) this.grow();
    const k = this.length++;
    this.starts[k] = start;
    this.ends[k] = end;
    this.hashes[k] = hash;
    this.kinds[k] = kind;
  }

  private grow(): void {
    const [starts, ends, hashes, kinds] = TokenizedText.arrays(this.starts.length * 2);
    starts.set(this.starts);
    ends.set(this.ends);
    hashes.set(this.hashes);
    kinds.set(this.kinds);
    this.starts = starts;
    this.ends = ends;
    this.hashes = hashes;
    this.kinds = kinds;
  }

  pushAscii(start: number, end: number, upper: boolean, hash: number): void {
    this.push(start, end, hash, upper ? ASCII_UPPER : ASCII_LOWER);
  }

  pushForms(start: number, end: number, raw: string, folded: string): void {
    this.push(start, end, hashWord(folded), STORED + this.storedRaw.length);
    this.storedRaw.push(raw);
    this.storedFolded.push(folded);
  }

  /** folded[k], without cutting the strings of every other token (one name's key needs only its own). */
  foldedAt(k: number): string {
    if (this.foldedForms) return this.foldedForms[k]!;
    const kind = this.kinds[k]!;
    if (kind >= STORED) return this.storedFolded[kind - STORED]!;
    const raw = this.text.slice(this.starts[k], this.ends[k]);
    return kind === ASCII_UPPER ? raw.toLowerCase() : raw;
  }

  /** isCapitalized(raw[k]) without cutting the string of an ASCII token. */
  capitalizedAt(k: number): boolean {
    const kind = this.kinds[k]!;
    if (kind >= STORED) {
      const c = this.storedRaw[kind - STORED]![0]!;
      return c !== c.toLowerCase();
    }
    const code = this.text.charCodeAt(this.starts[k]!);
    return code >= 65 && code <= 90;
  }

  /** Token k's stored raw form, or undefined when it is the text from starts[k] to ends[k]. */
  storedRawAt(k: number): string | undefined {
    const kind = this.kinds[k]!;
    return kind >= STORED ? this.storedRaw[kind - STORED] : undefined;
  }

  storedFoldedAt(k: number): string | undefined {
    const kind = this.kinds[k]!;
    return kind >= STORED ? this.storedFolded[kind - STORED] : undefined;
  }
}

const ASCII_LOWER = 0, ASCII_UPPER = 1, STORED = 2;

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** FNV-1a over UTF-16 code units: the hash `hashes` holds for a folded form. */
export function hashWord(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

// Character classes, decided once per code unit: separators split words; letters, marks,
// digits and joiners (Persian and Indic scripts use them mid-word) make words; scripts written
// without spaces go to the ICU word segmenter. Apostrophes, hyphens and dots are separators,
// as the query language asks, except in dotted abbreviations (U.S., U.N.), which become one token.
const SEP = 1, LETTER = 2, WORDCHAR = 3, UNSPACED = 4;
const CLASSES = new Uint8Array(0x10000);
const LETTER_RE = /\p{L}/u;
// Soft hyphens (from hyphenating layout) and word joiners sit inside words and are dropped.
const WORDCHAR_RE = /[\p{M}\p{N}\u200C\u200D\u00AD\u2060]/u;
const INVISIBLE_RE = /[\u00AD\u2060]/g;
// Scripts written without spaces between words: handed to the ICU word segmenter.
const UNSPACED_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
// Combining diacritics of Latin, Greek and Cyrillic, Arabic harakat, Hebrew points. Not every
// mark: kana voicing marks and Indic vowel signs change the word, so they stay.
const DIACRITIC_RE = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
const ASCII_RE = /^[\x00-\x7f]*$/;

function classifyChar(ch: string): number {
  if (UNSPACED_RE.test(ch)) return UNSPACED;
  if (LETTER_RE.test(ch)) return LETTER;
  return WORDCHAR_RE.test(ch) ? WORDCHAR : SEP;
}

function fillClass(code: number): number {
  return (CLASSES[code] = classifyChar(String.fromCharCode(code)));
}

/** Class of the character at i; a surrogate pair is classed as the character it encodes. */
function classAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 0xd800 || code > 0xdfff) return CLASSES[code] || fillClass(code);
  const at = code <= 0xdbff ? i : i - 1;
  const cp = text.codePointAt(at)!;
  return cp > 0xffff ? classifyChar(String.fromCodePoint(cp)) : SEP;
}

let segmenter: Intl.Segmenter | undefined;

/** Case-kept form: NFKC, diacritics removed, dots of an abbreviation dropped. */
export function rawForm(word: string): string {
  if (ASCII_RE.test(word)) return word.includes('.') ? word.replaceAll('.', '') : word;
  const nfkc = word.normalize('NFKC').replaceAll('.', '').replace(INVISIBLE_RE, '');
  return nfkc.normalize('NFD').replace(DIACRITIC_RE, '').normalize('NFC');
}

/** Matching form: the raw form, case folded (ß -> ss, final sigma -> sigma). */
export function foldForm(raw: string): string {
  const lower = raw.toLowerCase();
  if (ASCII_RE.test(lower)) return lower;
  return lower.replaceAll('ß', 'ss').replaceAll('ς', 'σ');
}

/** Length of a dotted abbreviation (U.S., U.N.) starting at i, or 0. */
function abbreviationAt(text: string, i: number): number {
  if (i > 0 && (text.charCodeAt(i - 1) === 46 || classAt(text, i - 1) !== SEP)) return 0;
  let j = i;
  while (j + 1 < text.length && classAt(text, j) === LETTER && text.charCodeAt(j + 1) === 46) j += 2;
  if (j < text.length && classAt(text, j) !== SEP) return 0; // "U.S.A" without its last dot: not one
  return j - i >= 4 ? j - i : 0;
}

const UPPER = 1, NON_ASCII = 2, HAS_UNSPACED = 4;

/** Splits text into tokens; unspaced scripts (Chinese, Japanese, Thai) by Intl.Segmenter. */
export function tokenizeText(text: string): TokenizedText {
  const out = new TokenizedText(text);
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (classAt(text, i) === SEP) { i++; continue; }
    let j = i;
    let kind = 0;
    let h = FNV_OFFSET;
    for (; j < n; j++) {
      const code = text.charCodeAt(j);
      const c = code < 0xd800 ? CLASSES[code] || fillClass(code) : classAt(text, j);
      if (c === SEP) break;
      if (code < 128) {
        // The hash is of the folded form: ASCII capitals hash as their lower case.
        if (code >= 65 && code <= 90) { kind |= UPPER; h = Math.imul(h ^ (code | 32), FNV_PRIME); }
        else h = Math.imul(h ^ code, FNV_PRIME);
      }
      else kind |= c === UNSPACED ? NON_ASCII | HAS_UNSPACED : NON_ASCII;
    }
    const abbr = j === i + 1 && text.charCodeAt(j) === 46 ? abbreviationAt(text, i) : 0;
    if (abbr > 0) { pushToken(out, text.slice(i, i + abbr), i); i += abbr; continue; }
    if (kind & HAS_UNSPACED) segmentInto(out, text.slice(i, j), i);
    else if (kind & NON_ASCII) pushToken(out, text.slice(i, j), i);
    else out.pushAscii(i, j, (kind & UPPER) !== 0, h >>> 0);
    i = j;
  }
  return out;
}

function pushToken(out: TokenizedText, word: string, start: number): void {
  const raw = rawForm(word);
  if (raw.length === 0) return;
  out.pushForms(start, start + word.length, raw, foldForm(raw));
}

function segmentInto(out: TokenizedText, run: string, base: number): void {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  for (const s of segmenter.segment(run)) {
    if (s.isWordLike) pushToken(out, s.segment, base + s.index);
  }
}

/** True when a query word is written in 2 to 4 capitals and so matches case-sensitively. */
export function isCaseSensitiveWord(raw: string): boolean {
  return /^\p{Lu}{2,4}$/u.test(raw);
}

/** A name's comparison key: its folded tokens joined by spaces ("U.S. Africa-Command" -> "us africa command"). */
export function foldKey(name: string): string {
  return tokenizeText(name).folded.join(' ');
}
