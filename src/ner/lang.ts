/**
 * Is a text English? Shares of common function words for English against German, French,
 * Spanish, Italian, Dutch and Portuguese, over the first words only (cheap), and the share of
 * letters outside the Latin script. Unsure (few words, a sports table): English.
 */
import { isWordCode } from './chars.js';

const WORDS: Record<string, string> = {
  en: 'the of and to in is that for it on was with as by at from he said his are be has have were an will not this which but its they their been would who had',
  de: 'der die und das ist nicht mit den von zu ein eine sich auf für dem des im auch wird sind bei nach wie oder aus hat',
  fr: 'le la les des et est un une du dans pour que qui sur pas au avec ce il sont aux par plus été cette ont',
  es: 'el la los las y en que del por con una para es se al lo como su más fue sus han este entre',
  it: 'il di che e la per un del della sono non con una le gli nel è alla dei delle anche ha questo',
  nl: 'de het een en van is dat niet op voor met zijn te aan er ook wordt bij naar om werd dan',
  pt: 'o os do da em que não um uma para com por é dos das no na ao mais foi pelo pela seu',
};
const LEXICON = new Map<string, number>();
const LANGS = Object.keys(WORDS);
LANGS.forEach((lang, i) => { for (const w of WORDS[lang]!.split(' ')) LEXICON.set(w, (LEXICON.get(w) ?? 0) | (1 << i)); });

const MAX_WORDS = 3000;

function isLatinLetter(c: number): boolean {
  return c < 0x250 || (c >= 0x1e00 && c <= 0x1eff);
}

/** True when `lang` (a BCP 47 tag) says English, false when it names another language, else undefined. */
export function langSays(lang: string | undefined): boolean | undefined {
  const tag = (lang ?? '').trim().toLowerCase();
  if (tag === '' || tag === 'und' || tag === 'mul') return undefined;
  return tag === 'en' || tag.startsWith('en-') || tag.startsWith('en_');
}

/**
 * What one word tells about the language, packed in an int: a bit per language whose common
 * function words include it (LANGS order; words of up to 6 letters), then its count of Latin
 * letters and of letters of other scripts (12 bits each, capped).
 */
export function languageSign(word: string): number {
  let latin = 0, other = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (!isWordCode(c)) continue;
    if (isLatinLetter(c)) latin++; else other++;
  }
  const mask = word.length <= 6 ? LEXICON.get(word.toLowerCase()) ?? 0 : 0;
  return mask | (Math.min(latin, 4095) << 7) | (Math.min(other, 4095) << 19);
}

/** Sums the signs of a text's words, in order, up to MAX_WORDS words, and judges them. */
export class LanguageTally {
  private readonly hits = new Array<number>(LANGS.length).fill(0);
  words = 0;
  private latin = 0;
  private other = 0;

  get full(): boolean { return this.words >= MAX_WORDS; }

  add(sign: number): void {
    this.words++;
    const mask = sign & 127;
    if (mask) for (let l = 0; l < LANGS.length; l++) if ((mask >> l) & 1) this.hits[l]!++;
    this.latin += (sign >>> 7) & 4095;
    this.other += (sign >>> 19) & 4095;
  }

  /** Unsure (few words, a sports table) means English; mostly another script, or clearly another language's function words, not. */
  english(): boolean {
    if (this.other > this.latin) return false;
    if (this.words < 8) return true;
    const en = this.hits[0]!;
    const best = Math.max(...this.hits.slice(1));
    return !(best >= 3 && best > en * 1.5 && best >= this.words * 0.06);
  }
}

export function isEnglishText(text: string, lang?: string): boolean {
  const said = langSays(lang);
  if (said !== undefined) return said;
  const tally = new LanguageTally();
  let i = 0;
  while (i < text.length && !tally.full) {
    if (!isWordCode(text.charCodeAt(i))) { i++; continue; }
    const start = i;
    while (i < text.length && isWordCode(text.charCodeAt(i))) i++;
    tally.add(languageSign(text.slice(start, i)));
  }
  return tally.english();
}

