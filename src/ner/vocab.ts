/**
 * The words a process has met, each read once. A token is found by two hashes of its
 * characters computed in place (no substring, no string-keyed map, no string compare: two
 * independent 32-bit hashes agree by chance about once in 10^19 lookups), and gets a
 * process-wide number. What every token needs (flags, lower-cased form, prior, hashes of its
 * forms and shapes) sits in one typed array under that number, a cache line a word; the full
 * entry (affixes, strings) is read only when a sum of its keys is first made.
 * Bounded: past MAX_WORDS words at the start of a document it starts over (never during one,
 * so the numbers a document holds stay unique; entries already handed out stay valid).
 */
import { isLowerCode } from './chars.js';
import { languageSign } from './lang.js';
import { wordInfo, type WordInfo } from './words.js';

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
/** Slot layout: hash 1, hash 2, entry number + 1 (0 = empty), unused. */
const STRIDE = 4;

/**
 * Bits of `packed` beside the word's flags (which use the low 11 bits): a capital letter
 * somewhere; a first character that is a lower-case letter (a plain word, not a clitic or a
 * number); and from P_LEN_SHIFT up, the length of the lower-cased word, capped at 7.
 */
export const P_UPPER = 1 << 11, P_PLAIN = 1 << 12, P_LEN_SHIFT = 13;

/**
 * Per word number in `table`: packed flags (P_*), prior, number of the lower-cased form, hashes
 * of the lexical form (hLow) and of the shapes, number of the word's kind, and what it says of
 * the language (lang.ts, languageSign).
 */
export const W_PACKED = 0, W_PRIOR = 1, W_LOW = 2, W_HLOW = 3, W_SHAPE = 4, W_SHORT = 5, W_KIND = 6, W_LANG = 7, WORD_STRIDE = 8;

export class Vocabulary {
  private slots = new Int32Array(STRIDE << 12);
  /** Entries by number, and per number WORD_STRIDE ints (W_* order). */
  words: Word[] = [];
  table = new Int32Array(WORD_STRIDE << 11);
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

  /** The number of the token text[s, e), entered when new. */
  id(text: string, s: number, e: number): number {
    let h1 = 0x811c9dc5 | 0, h2 = e - s;
    for (let i = s; i < e; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 + c, 0x9e3779b1) ^ (h2 >>> 13);
    }
    const slots = this.slots, mask = (slots.length / STRIDE) - 1;
    let i = ((h1 ^ (h1 >>> 15)) & mask) * STRIDE;
    for (;;) {
      const at = slots[i + 2]!;
      if (at === 0) break;
      if (slots[i] === h1 && slots[i + 1] === h2) return at - 1;
      i = (i + STRIDE) & (slots.length - 1);
    }
    const id = this.enter(text.slice(s, e));
    slots[i] = h1; slots[i + 1] = h2; slots[i + 2] = id + 1;
    if (this.words.length * 2 * STRIDE > slots.length) this.grow();
    return id;
  }

  private enter(raw: string): number {
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
    if ((id + 1) * WORD_STRIDE > this.table.length) {
      const grown = new Int32Array(this.table.length * 2);
      grown.set(this.table);
      this.table = grown;
    }
    const t = this.table, o = id * WORD_STRIDE;
    const plain = isLowerCode(raw.charCodeAt(0)) && !info.upper;
    t[o + W_PACKED] = info.flags | (info.upper ? P_UPPER : 0) | (plain ? P_PLAIN : 0) | (Math.min(info.lower.length, 7) << P_LEN_SHIFT);
    t[o + W_PRIOR] = prior;
    t[o + W_LOW] = lowId;
    t[o + W_HLOW] = info.hLow;
    t[o + W_SHAPE] = info.hShape;
    t[o + W_SHORT] = info.hShort;
    t[o + W_KIND] = kind;
    t[o + W_LANG] = languageSign(raw);
    return id;
  }

  private grow(): void {
    const old = this.slots, slots = new Int32Array(old.length * 2);
    const mask = slots.length / STRIDE - 1;
    for (let j = 0; j < old.length; j += STRIDE) {
      if (old[j + 2] === 0) continue;
      const h1 = old[j]!;
      let i = ((h1 ^ (h1 >>> 15)) & mask) * STRIDE;
      while (slots[i + 2] !== 0) i = (i + STRIDE) & (slots.length - 1);
      slots[i] = h1; slots[i + 1] = old[j + 1]!; slots[i + 2] = old[j + 2]!;
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
