/**
 * Gives each candidate segment a type from its words and its neighbours, then settles the
 * doubtful ones by what the same article says elsewhere: "Okafor" alone is a person when
 * "Grace Okafor" is one; a headline's words count only when the article confirms them.
 */
import type { TokenizedText } from '../../tokenize/normalize.js';
import type { NameType } from '../../types.js';
import { DEMONYMS, FIRST_NAMES, ORG_PREFIXES, PLACE_HEADS, PLACE_NOUNS_AFTER, PLACE_PREPOSITIONS, SPEECH_VERBS, STOP_CAPS } from './lexicon.js';
import { isAcronym, isCapitalized, knownAt, type Segment } from './spans.js';

/** A typed name at token range [start, end) of one text. */
export interface TypedName {
  start: number;
  end: number;
  type: NameType;
}

type Guess = { type: NameType; sure: boolean } | undefined;

/** The folded words of [s, e) joined by spaces (most names are one word: no new string). */
export function keyOf(t: TokenizedText, s: number, e: number): string {
  return e - s === 1 ? t.folded[s]! : t.folded.slice(s, e).join(' ');
}

function nextIsSpeech(t: TokenizedText, end: number): boolean {
  if (end >= t.length || !SPEECH_VERBS.has(t.folded[end]!)) return false;
  return /^[ ,]{1,2}$/.test(t.text.slice(t.ends[end - 1]!, t.starts[end]!));
}

/** The word after the name is a lower-case place noun ("the Sadada checkpoint"). */
function beforePlaceNoun(t: TokenizedText, end: number): boolean {
  return end < t.raw.length && !isCapitalized(t.raw[end]!) && PLACE_NOUNS_AFTER.has(t.folded[end]!) && / $/.test(t.text.slice(t.ends[end - 1]!, t.starts[end]!));
}

function afterPlacePreposition(t: TokenizedText, start: number): boolean {
  let k = start - 1;
  if (k >= 0 && t.folded[k] === 'the') k--;
  return k >= 0 && PLACE_PREPOSITIONS.has(t.folded[k]!) && !isCapitalized(t.raw[k]!);
}

function guessSingle(t: TokenizedText, seg: Segment): Guess {
  const raw = t.raw[seg.start]!;
  const f = t.folded[seg.start]!;
  if (isAcronym(raw)) return { type: 'org', sure: true };
  if (STOP_CAPS.has(f) || DEMONYMS.has(f) || /^\p{N}/u.test(raw)) return undefined;
  if (seg.titled || nextIsSpeech(t, seg.end) || t.folded[seg.end] === 'administration') return { type: 'person', sure: true };
  if (beforePlaceNoun(t, seg.end)) return { type: 'place', sure: true };
  if (afterPlacePreposition(t, seg.start)) return { type: 'place', sure: false };
  return undefined;
}

function guessMulti(t: TokenizedText, seg: Segment): Guess {
  const f = t.folded;
  const len = seg.end - seg.start;
  if (ORG_PREFIXES.has(f[seg.start]!) && f[seg.start + 1] === 'of') return { type: 'org', sure: true };
  if (PLACE_HEADS.has(f[seg.end - 1]!)) return { type: 'place', sure: true };
  if (seg.titled || nextIsSpeech(t, seg.end)) return { type: 'person', sure: true };
  if (beforePlaceNoun(t, seg.end) || afterPlacePreposition(t, seg.start)) return { type: 'place', sure: false };
  if (FIRST_NAMES.has(f[seg.start]!) && len <= 4) return { type: 'person', sure: true };
  return { type: len <= 3 ? 'person' : 'org', sure: false };
}

function guess(t: TokenizedText, seg: Segment): Guess {
  if (seg.known) return { type: seg.known, sure: true };
  return seg.end - seg.start === 1 ? guessSingle(t, seg) : guessMulti(t, seg);
}

/** Names said surely somewhere in the article, by folded text; surnames of people too. */
export interface ArticleNames {
  sure: Map<string, NameType>;
}

export function collectSure(t: TokenizedText, segs: Segment[], names: ArticleNames): (Guess)[] {
  return segs.map((seg) => {
    if (seg.headline) return undefined;
    const g = guess(t, seg);
    if (g?.sure) {
      names.sure.set(keyOf(t, seg.start, seg.end), g.type);
      if (g.type === 'person' && seg.end - seg.start >= 2) names.sure.set(t.folded[seg.end - 1]!, 'person');
    }
    return g;
  });
}

function headlineNames(t: TokenizedText, seg: Segment, names: ArticleNames, out: TypedName[]): void {
  for (let k = seg.start; k < seg.end;) {
    const known = knownAt(t, k, seg.end);
    if (known) { out.push({ start: k, end: k + known.length, type: known.type }); k += known.length; continue; }
    let len = Math.min(4, seg.end - k);
    while (len > 0 && !names.sure.has(keyOf(t, k, k + len))) len--;
    if (len > 0) { out.push({ start: k, end: k + len, type: names.sure.get(keyOf(t, k, k + len))! }); k += len; } else k++;
  }
}

/** The final typed names of one text, given the guesses and the article's sure names. */
export function settleNames(t: TokenizedText, segs: Segment[], guesses: Guess[], names: ArticleNames): TypedName[] {
  const out: TypedName[] = [];
  segs.forEach((seg, i) => {
    if (seg.headline) return headlineNames(t, seg, names, out);
    const g = guesses[i];
    const confirmed = names.sure.get(keyOf(t, seg.start, seg.end));
    if (g?.sure) out.push({ start: seg.start, end: seg.end, type: g.type });
    else if (confirmed) out.push({ start: seg.start, end: seg.end, type: confirmed });
    else if (g) out.push({ start: seg.start, end: seg.end, type: g.type });
  });
  return out;
}
