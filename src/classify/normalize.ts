/**
 * Text normalization and word splitting, shared by queries and articles so both sides agree
 * on what a token is. A token keeps two forms: `folded` (NFKC, diacritics removed, case
 * folded) for ordinary matching and `raw` (NFKC, diacritics removed, case kept) for the
 * case-sensitive 2-to-4-capitals rule. Offsets always point into the original text, so a
 * hit's snippet shows exactly what the writer wrote.
 */

/** The tokens of one text, as parallel arrays (cheaper than an object per token). */
export interface TokenizedText {
  text: string;
  folded: string[];
  raw: string[];
  starts: number[];
  ends: number[];
}

// A dotted abbreviation (U.S., U.N., D.C.) or a run of letters, marks and digits. Joiners stay
// inside words because Persian and Indic scripts use them mid-word. Apostrophes, hyphens and
// every other punctuation split words, as design.md asks.
const WORD_RE = /(?<![\p{L}\p{N}.])(?:\p{L}\.){2,}|[\p{L}\p{M}\p{N}\u200C\u200D]+/gu;
// Scripts written without spaces between words: handed to the ICU word segmenter.
const UNSPACED_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
// Combining diacritics of Latin, Greek and Cyrillic, Arabic harakat, Hebrew points. Not every
// mark: kana voicing marks and Indic vowel signs change the word, so they stay.
const DIACRITIC_RE = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
const ASCII_RE = /^[\x00-\x7f]*$/;

let segmenter: Intl.Segmenter | undefined;

/** Case-kept form: NFKC, diacritics removed, dots of an abbreviation dropped. */
export function rawForm(word: string): string {
  if (ASCII_RE.test(word)) return word.includes('.') ? word.replaceAll('.', '') : word;
  const nfkc = word.normalize('NFKC').replaceAll('.', '');
  return nfkc.normalize('NFD').replace(DIACRITIC_RE, '').normalize('NFC');
}

/** Matching form: the raw form, case folded (ß -> ss, final sigma -> sigma). */
export function foldForm(raw: string): string {
  const lower = raw.toLowerCase();
  if (ASCII_RE.test(lower)) return lower;
  return lower.replaceAll('ß', 'ss').replaceAll('ς', 'σ');
}

/** Splits text into tokens; unspaced scripts (Chinese, Japanese, Thai) by Intl.Segmenter. */
export function tokenizeText(text: string): TokenizedText {
  const out: TokenizedText = { text, folded: [], raw: [], starts: [], ends: [] };
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(text); m !== null; m = WORD_RE.exec(text)) {
    const word = m[0];
    if (!ASCII_RE.test(word) && UNSPACED_RE.test(word)) segmentInto(out, word, m.index);
    else pushToken(out, word, m.index);
  }
  return out;
}

function pushToken(out: TokenizedText, word: string, start: number): void {
  const raw = rawForm(word);
  if (raw.length === 0) return;
  out.raw.push(raw);
  out.folded.push(foldForm(raw));
  out.starts.push(start);
  out.ends.push(start + word.length);
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
