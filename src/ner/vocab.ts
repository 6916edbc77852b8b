/**
 * The words a process has met, each read once. A token is found by two hashes of its
 * characters computed in place (no substring, no string-keyed map, no string compare: two
 * independent 32-bit hashes agree by chance about once in 10^19 lookups). Its slot, one cache
 * line, holds what every token needs (flags, lower-cased form, prior, hashes of its forms and
 * shapes, its kind, what it says of the language), so a lookup is one memory access; the full
 * entry (affixes, strings) is read only when a sum of its keys is first made. Bounded: past
 * MAX_WORDS words at the start of a document it starts over (never during one, so the numbers
 * a document holds stay unique; entries already handed out stay valid).
 */
import { isLowerCode } from './chars.js';
import { languageSign } from './lang.js';
import { featureForm, wordInfo, type WordInfo } from './words.js';

export interface Word extends WordInfo {
  /** Number of this entry in its vocabulary, and of its lower-cased form. */
  id: number;
  lowId: number;
  /** Capitalization prior bucket of the lower-cased form (0 when unknown). */
  prior: number;
  /** Number of the word's kind (its shapes and flags) in this vocabulary. */
  kind: number;
}

const MAX_WORDS = 1 << 16;

/**
 * Bits of `packed` beside the word's flags (which use the low 11 bits): a capital letter
 * somewhere; a first character that is a lower-case letter (a plain word, not a clitic or a
 * number); and from P_LEN_SHIFT up, the length of the lower-cased word, capped at 7.
 */
export const P_UPPER = 1 << 11, P_PLAIN = 1 << 12, P_LEN_SHIFT = 13;

/**
 * A slot, STRIDE ints: the two hashes, entry number + 1 (0 = empty), packed flags (P_*), prior,
 * number of the lower-cased form, hashes of the lexical form (hLow) and of the shapes, number
 * of the word's kind, and what it says of the language (lang.ts, languageSign).
 */
export const S_ID = 2, S_PACKED = 3, S_PRIOR = 4, S_LOW = 5, S_HLOW = 6, S_SHAPE = 7, S_SHORT = 8, S_KIND = 9, S_LANG = 10;
const STRIDE = 16;

export class Vocabulary {
  slots = new Int32Array(STRIDE << 12);
  /** Entries by number. */
  words: Word[] = [];
  private lows = new Map<string, number>();
  private kinds = new Map<string, number>();
  /** Bumped each time the vocabulary starts over; caches keyed by entry number check it. */
  generation = 0;

  constructor(private readonly prior: Map<string, number>) {}

  get size(): number { return this.words.length; }
  get lowSize(): number { return this.lows.size; }

  /** Called before each document: starts over when the vocabulary has grown past its bound. */
  startDocument(): void {
    if (this.words.length <= MAX_WORDS) return;
    this.slots = new Int32Array(STRIDE << 12);
    this.words = [];
    this.lows = new Map();
    this.kinds = new Map();
    this.generation++;
  }

  /** The slot (an offset into `slots`, valid until the next call) of the token text[s, e), entered when new. */
  find(text: string, s: number, e: number): number {
    let h1 = 0x811c9dc5 | 0, h2 = e - s;
    for (let i = s; i < e; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 + c, 0x9e3779b1) ^ (h2 >>> 13);
    }
    let slots = this.slots;
    const wrap = slots.length - 1;
    let i = ((h1 ^ (h1 >>> 15)) * STRIDE) & wrap;
    for (;;) {
      if (slots[i + S_ID] === 0) break;
      if (slots[i] === h1 && slots[i + 1] === h2) return i;
      i = (i + STRIDE) & wrap;
    }
    if ((this.words.length + 1) * 4 * STRIDE > slots.length * 3) {
      this.grow();
      slots = this.slots;
      i = ((h1 ^ (h1 >>> 15)) * STRIDE) & (slots.length - 1);
      while (slots[i + S_ID] !== 0) i = (i + STRIDE) & (slots.length - 1);
    }
    slots[i] = h1; slots[i + 1] = h2;
    this.enter(text.slice(s, e), slots, i);
    return i;
  }

  private enter(raw: string, slots: Int32Array, o: number): void {
    const info = wordInfo(raw);
    const id = this.words.length;
    let lowId = this.lows.get(info.lower);
    if (lowId === undefined) this.lows.set(info.lower, (lowId = this.lows.size));
    const kindKey = `${info.hShape} ${info.hShort} ${info.flags}`;
    let kind = this.kinds.get(kindKey);
    if (kind === undefined) this.kinds.set(kindKey, (kind = this.kinds.size));
    const prior = this.prior.get(info.lower) ?? 0;
    // One literal, so every entry shares one hidden class (a spread would not).
    this.words.push({
      raw: info.raw, lower: info.lower, hLow: info.hLow, hRaw: info.hRaw, hShape: info.hShape, hShort: info.hShort,
      affix: info.affix, flags: info.flags, upper: info.upper, id, lowId, prior, kind,
    });
    const plain = isLowerCode(info.lower.charCodeAt(0)) && !info.upper;
    slots[o + S_ID] = id + 1;
    slots[o + S_PACKED] = info.flags | (info.upper ? P_UPPER : 0) | (plain ? P_PLAIN : 0) | (Math.min(info.lower.length, 7) << P_LEN_SHIFT);
    slots[o + S_PRIOR] = prior;
    slots[o + S_LOW] = lowId;
    slots[o + S_HLOW] = info.hLow;
    slots[o + S_SHAPE] = info.hShape;
    slots[o + S_SHORT] = info.hShort;
    slots[o + S_KIND] = kind;
    slots[o + S_LANG] = languageSign(featureForm(raw));
  }

  private grow(): void {
    const old = this.slots, slots = new Int32Array(old.length * 2), wrap = slots.length - 1;
    for (let j = 0; j < old.length; j += STRIDE) {
      if (old[j + S_ID] === 0) continue;
      const h1 = old[j]!;
      let i = ((h1 ^ (h1 >>> 15)) * STRIDE) & wrap;
      while (slots[i + S_ID] !== 0) i = (i + STRIDE) & wrap;
      slots.set(old.subarray(j, j + STRIDE), i);
    }
    this.slots = slots;
  }
}

const vocabularies = new WeakMap<Map<string, number>, Vocabulary>();

/** The process's vocabulary for a capitalization prior (one per loaded model). */
export function vocabularyFor(prior: Map<string, number>): Vocabulary {
  let v = vocabularies.get(prior);
  if (!v) vocabularies.set(prior, (v = new Vocabulary(prior)));
  return v;
}
