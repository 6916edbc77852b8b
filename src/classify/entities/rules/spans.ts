/**
 * Finds candidate names: runs of capitalized tokens joined by spaces or hyphens (and "of",
 * "for", name particles like "al" or "bin"), cut at punctuation, then split around titles
 * ("Secretary of State John Kerry" -> John Kerry, cued as a person) and known names.
 */
import type { TokenizedText } from '../../tokenize/normalize.js';
import type { NameType } from '../../types.js';
import { DEMONYMS, NAME_PARTICLES, ORG_HEADS, ORG_PREFIXES, ORGS, PLACES, STOP_CAPS, TITLES } from './lexicon.js';

/** A token range [start, end) that may be a name. */
export interface Segment {
  start: number;
  end: number;
  /** A title or role word ("President", "spokesman") stood right before it. */
  titled: boolean;
  /** Set when the words themselves are a known place or organization. */
  known?: NameType;
  /** It sits in a Title Case line (a headline), where capitals say nothing. */
  headline: boolean;
}

const TITLE_ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'gen', 'lt', 'col', 'cmdr', 'cdr', 'sgt', 'capt', 'maj', 'adm', 'gov', 'sen', 'rep', 'prof', 'st', 'jr', 'sr']);
const CONNECTORS = new Set(['of', 'for', 'on']);
const MAX_KNOWN_TOKENS = 5;

export function isCapitalized(raw: string): boolean {
  const c = raw[0]!;
  return c !== c.toLowerCase();
}

function gapAt(t: TokenizedText, k: number): string {
  return t.text.slice(t.ends[k - 1]!, t.starts[k]!);
}

function gapHasNewline(t: TokenizedText, k: number): boolean {
  const text = t.text;
  for (let c = t.ends[k - 1]!, end = t.starts[k]!; c < end; c++) if (text.charCodeAt(c) === 10) return true;
  return false;
}

/** May the tokens k-1 and k belong to one name? */
function joins(t: TokenizedText, k: number): boolean {
  const gap = gapAt(t, k);
  if (gap === ' ' || gap === '-' || /^[ \t\u00a0]{1,3}$/.test(gap)) return true;
  if (!/^\.[ \t\u00a0]?$/.test(gap)) return false;
  const prev = t.raw[k - 1]!;
  return (prev.length === 1 && isCapitalized(prev)) || TITLE_ABBREVIATIONS.has(t.folded[k - 1]!);
}

/** Lower-case words that may sit inside a name from position j: "of" after "Department", "von der". */
function bridgeAt(t: TokenizedText, j: number): number {
  const f = t.folded;
  if (CONNECTORS.has(f[j]!)) {
    const before = f[j - 1]!;
    const opens = ORG_HEADS.has(before) || ORG_PREFIXES.has(before) || TITLES.has(before);
    const skip = f[j + 1] === 'the' ? 2 : 1;
    return opens && j + skip < f.length && isCapitalized(t.raw[j + skip]!) ? skip : 0;
  }
  let k = j;
  while (k < f.length && NAME_PARTICLES.has(f[k]!) && !isCapitalized(t.raw[k]!) && (k === j || joins(t, k))) k++;
  return k > j && k < f.length && isCapitalized(t.raw[k]!) && joins(t, k) ? k - j : 0;
}

/** End (exclusive) of the capitalized run that starts at i. */
function extendRun(t: TokenizedText, i: number): number {
  const n = t.raw.length;
  let j = i + 1;
  while (j < n && joins(t, j)) {
    if (isCapitalized(t.raw[j]!)) { j++; continue; }
    const bridge = bridgeAt(t, j);
    if (bridge === 0) break;
    j += bridge;
  }
  return j;
}

/** Lines written in Title Case (headlines): short, one sentence, mostly capitalized words. */
function headlineTokens(t: TokenizedText): boolean[] {
  const n = t.length;
  const flags = new Array<boolean>(n).fill(false);
  let lineStart = 0;
  for (let k = 1; k <= n; k++) {
    if (k < n && !gapHasNewline(t, k)) continue;
    if (isHeadline(t, lineStart, k)) flags.fill(true, lineStart, k);
    lineStart = k;
  }
  return flags;
}

/** Two or more words with letters, none of them with a lower-case letter: a line in capitals. */
function inCapitals(t: TokenizedText, s: number, e: number): boolean {
  let words = 0;
  for (let m = s; m < e; m++) {
    const raw = t.raw[m]!;
    if (raw !== raw.toUpperCase()) return false; // a lower-case letter
    if (raw !== raw.toLowerCase()) words++; // a capital (digits have neither)
  }
  return words >= 2;
}

function isHeadline(t: TokenizedText, s: number, e: number): boolean {
  if (e - s > 30 || e - s < 2) return false;
  if (inCapitals(t, s, e)) return true;
  if (e - s < 3) return false;
  // Prose ends its sentences; headlines do not.
  const line = t.text.slice(t.starts[s]!, t.ends[e - 1]! + 1);
  if (/[.!?]\s+\S/.test(line) || /[.!?]["'”’]?$/.test(line)) return false;
  let words = 0, caps = 0;
  for (let m = s; m < e; m++) {
    if (t.raw[m]!.length < 4 || !/^\p{L}/u.test(t.raw[m]!)) continue;
    words++;
    if (isCapitalized(t.raw[m]!)) caps++;
  }
  return words >= 3 && caps / words >= 0.75;
}

/** First words of the known names of two or more words: only these need longer lookups. */
const MULTI_STARTS = new Set([...ORGS, ...PLACES].filter((k) => k.includes(' ')).map((k) => k.split(' ')[0]!));

/** Length of the longest known place or organization starting at k, within [k, end). */
export function knownAt(t: TokenizedText, k: number, end: number): { length: number; type: NameType } | undefined {
  const longest = MULTI_STARTS.has(t.folded[k]!) ? Math.min(MAX_KNOWN_TOKENS, end - k) : 1;
  for (let len = longest; len >= 1; len--) {
    const key = len === 1 ? t.folded[k]! : t.folded.slice(k, k + len).join(' ');
    // Entries of up to 3 letters are acronyms (WHO, US): in capitals, or they are the word "who".
    if (len === 1 && key.length <= 3 && !isAcronym(t.raw[k]!) && key !== 'fed') continue;
    if (ORGS.has(key)) return { length: len, type: 'org' };
    if (PLACES.has(key)) return { length: len, type: 'place' };
  }
  return undefined;
}

class Splitter {
  readonly out: Segment[] = [];
  private start = -1;
  constructor(private readonly t: TokenizedText, private titled: boolean) {}

  private flush(end: number): void {
    const f = this.t.folded;
    // A name never ends on "of", a particle or a nationality word ("Marc Fesneau of", "Obama Libyan").
    while (end > this.start && this.start >= 0 && (CONNECTORS.has(f[end - 1]!) || NAME_PARTICLES.has(f[end - 1]!) || f[end - 1] === 'the' || DEMONYMS.has(f[end - 1]!))) end--;
    if (this.start >= 0 && end > this.start) {
      this.out.push({ start: this.start, end, titled: this.titled, headline: false });
      this.titled = false;
    }
    this.start = -1;
  }

  /** Splits the run [s, e) around titles and known names; returns whether it ended on a title. */
  split(s: number, e: number): boolean {
    const f = this.t.folded;
    let h = s;
    while (h < e - 1 && STOP_CAPS.has(f[h]!) && !isAcronym(this.t.raw[h]!)) h++;
    if (e - h >= 2 && ORG_HEADS.has(f[e - 1]!) && !TITLES.has(f[e - 1]!) && !ORGS.has(f.slice(s, e).join(' '))) {
      this.out.push({ start: h, end: e, titled: false, headline: false, known: 'org' });
      return false;
    }
    let lastTitle = false;
    for (let k = s; k < e;) {
      const known = knownAt(this.t, k, e);
      lastTitle = false;
      if (ORG_PREFIXES.has(f[k]!) && CONNECTORS.has(f[k + 1]!) && k + 2 < e) {
        // "Department of Defense", "Government of National Accord": the rest of the run.
        this.flush(k);
        this.out.push({ start: k, end: e, titled: false, headline: false, known: 'org' });
        return false;
      } else if (known) {
        this.flush(k);
        this.out.push({ start: k, end: k + known.length, titled: false, headline: false, known: known.type });
        k += known.length;
      } else if (TITLES.has(f[k]!)) {
        this.flush(k);
        this.titled = lastTitle = true;
        k++;
      } else {
        const acronym = isAcronym(this.t.raw[k]!);
        if (this.start < 0 && !acronym && (STOP_CAPS.has(f[k]!) || CONNECTORS.has(f[k]!) || DEMONYMS.has(f[k]!))) { k++; continue; }
        if (this.start < 0) this.start = k;
        k++;
      }
    }
    this.flush(e);
    return lastTitle;
  }
}

/** 2 to 6 capital letters (NATO, WHO). Most words fail on length or an ASCII second letter. */
export function isAcronym(raw: string): boolean {
  if (raw.length < 2 || raw.length > 12) return false; // 6 letters take at most 12 code units
  const second = raw.charCodeAt(1);
  if (second < 128 && (second < 65 || second > 90)) return false;
  return /^\p{Lu}{2,6}$/u.test(raw);
}

/** Candidate name segments of one text, in order. */
export function findSegments(t: TokenizedText): Segment[] {
  const headline = headlineTokens(t);
  const out: Segment[] = [];
  let titled = false;
  const n = t.length;
  for (let i = 0; i < n;) {
    if (!t.capitalizedAt(i)) {
      // Only a capitalized word reads `titled`: look the title up only before one.
      titled = i + 1 < n && t.capitalizedAt(i + 1) && TITLES.has(t.folded[i]!);
      i++;
      continue;
    }
    const start = i > 0 && NAME_PARTICLES.has(t.folded[i - 1]!) && joins(t, i) ? i - 1 : i;
    const end = extendRun(t, i);
    if (headline[i]) {
      out.push({ start, end, titled: false, headline: true });
      titled = false;
    } else {
      const splitter: Splitter = new Splitter(t, titled);
      titled = splitter.split(start, end);
      out.push(...splitter.out);
    }
    i = end;
  }
  return out;
}
