/**
 * A document as the features see it: the tokens of title and body in one sequence, with their
 * sentences, headline kind (Title Case, ALL CAPS), whether case says anything at each token,
 * and how each word is written where case does say something, elsewhere in the same document.
 */
import { TokenSink, markSentences, scanInto } from './tokenize.js';
import type { Resources } from './types.js';
import { CASE_PLAIN, CASE_UPPER } from './windows.js';
import { P_LEN_SHIFT, P_PLAIN, P_UPPER, S_HLOW, S_ID, S_KIND, S_LANG, S_LOW, S_PACKED, S_PRIOR, S_SHAPE, S_SHORT, vocabularyFor, type Vocabulary, type Word } from './vocab.js';
import { F_ALLCAPS, F_HASLOWER, F_INITCAP, F_MASK, F_PUNCT, capClass } from './words.js';

export const HEAD_NONE = 0, HEAD_TITLE = 1, HEAD_CAPS = 2;

export interface Doc {
  n: number;
  texts: [string, string];
  field: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  sentStart: Uint8Array;
  pos: Uint8Array;
  head: Uint8Array;
  /** 1 where case tells nothing: a sentence's first word (after an opening quote) or a headline. */
  uninf: Uint8Array;
  /** Each token's word number in the vocabulary, and the vocabulary's entries (wordAt). */
  ids: Int32Array;
  words: Word[];
  /** Per token: its word's flags (F_*), capital mark and length, packed (vocab.ts); hashes of its lexical form and shapes. */
  packed: Int32Array;
  hLow: Int32Array;
  hShape: Int32Array;
  hShort: Int32Array;
  /** Per token: the number of its word's kind (vocab.ts), and what its word says of the language (lang.ts). */
  kind: Int32Array;
  lang: Int32Array;
  /** Index of the token's lower-cased form among the document's distinct lower-cased forms. */
  lowId: Int32Array;
  lowCount: number;
  /** Per token, for its lower-cased form: 0 not seen where case informs, 1 lower only, 2 capitalized only, 3 both. */
  docCase: Uint8Array;
  prior: Uint8Array;
  /** Per token CASE_UPPER (a capital letter somewhere), CASE_PLAIN (a word starting lower-case) or 0: what windows.ts reads. */
  cased: Uint8Array;
}

/** Headline kind of tokens [from, to). */
function headKind(packed: Int32Array, from: number, to: number): number {
  let lettered = 0, lowerWords = 0, caps = 0, content = 0, capContent = 0;
  for (let k = from; k < to; k++) {
    const f = packed[k]!, len = f >> P_LEN_SHIFT;
    if (f & F_PUNCT || !(f & (F_HASLOWER | F_ALLCAPS))) continue;
    lettered++;
    if (f & F_HASLOWER && !(f & F_INITCAP)) lowerWords++;
    if (f & F_ALLCAPS && len > 1) caps++;
    if (k > from && len >= 4) {
      content++;
      if (f & F_INITCAP) capContent++;
    }
  }
  if (lettered > 0 && caps > 0 && lowerWords === 0 && caps * 2 >= lettered) {
    let anyLower = false;
    for (let k = from; k < to && !anyLower; k++) anyLower = (packed[k]! & F_HASLOWER) !== 0;
    if (!anyLower) return HEAD_CAPS;
  }
  if (content >= 2 && capContent * 5 >= content * 4 && lowerWords * 2 <= lettered - capContent) return HEAD_TITLE;
  return HEAD_NONE;
}

function isOpener(text: string, s: number, e: number): boolean {
  if (e - s !== 1) return false;
  const c = text.charCodeAt(s);
  return c === 34 || c === 39 || c === 40 || c === 0x201c || c === 0x2018 || c === 45 || c === 91;
}

/** Per token: position in sentence, headline kind, case-uninformative flag. */
function sentences(doc: Doc): void {
  let from = 0;
  for (let k = 1; k <= doc.n; k++) {
    if (k < doc.n && doc.sentStart[k] === 0) continue;
    const kind = headKind(doc.packed, from, k);
    for (let j = from; j < k; j++) {
      const p = j - from;
      doc.pos[j] = p > 255 ? 255 : p;
      doc.head[j] = kind;
      const text = doc.texts[doc.field[j]!];
      const afterOpener = p === 1 && isOpener(text, doc.starts[j - 1]!, doc.ends[j - 1]!);
      doc.uninf[j] = kind !== HEAD_NONE || p === 0 || afterOpener ? 1 : 0;
    }
    from = k;
  }
}

/** How each lower-cased form is written where case informs. */
function documentCase(doc: Doc): void {
  const seen = new Uint8Array(doc.lowCount);
  for (let k = 0; k < doc.n; k++) {
    if (doc.uninf[k]) continue;
    const cls = capClass(doc.packed[k]! & F_MASK);
    if (cls === 0) seen[doc.lowId[k]!] |= 1;
    else if (cls === 1 || cls === 2) seen[doc.lowId[k]!] |= 2;
  }
  for (let k = 0; k < doc.n; k++) doc.docCase[k] = seen[doc.lowId[k]!]!;
}

/** Per vocabulary number of a lower-cased form, its number in the current document (valid where stamp === serial). */
let lowStamp = new Int32Array(1 << 12), lowLocal = new Int32Array(1 << 12);
let serial = 0;
/** The tokens of the document being built (reused: the document keeps copies). */
const sink = new TokenSink(1024);

const INT_ARRAYS = 10, BYTE_ARRAYS = 8;

/**
 * The memory a document's per-token arrays are views of: two buffers, not eighteen arrays.
 * The run-time path keeps one and reuses it from one document to the next (a document built
 * on it is valid until the next is); without one, each document gets its own.
 */
export class DocBuffers {
  private ints = new ArrayBuffer(0);
  private bytes = new ArrayBuffer(0);
  private capacity = 0;

  constructor(tokens = 0) {
    if (tokens > 0) this.reserve(tokens, tokens);
  }

  /** Room for n tokens (grown by doubling from `least`). */
  reserve(n: number, least = 1024): void {
    if (n <= this.capacity) return;
    let c = Math.max(least, this.capacity);
    while (c < n) c *= 2;
    this.ints = new ArrayBuffer(c * 4 * INT_ARRAYS);
    this.bytes = new ArrayBuffer(c * BYTE_ARRAYS);
    this.capacity = c;
  }

  int(i: number, n: number): Int32Array { return new Int32Array(this.ints, i * this.capacity * 4, n); }
  byte(i: number, n: number): Uint8Array { return new Uint8Array(this.bytes, i * this.capacity, n); }
}

/**
 * The document of title and body. With `buffers` (the run-time path), its arrays are views of
 * them, reused by the next document built on them.
 */
export function buildDoc(title: string, body: string, res: Resources, buffers?: DocBuffers): Doc {
  sink.length = 0;
  scanInto(title, sink);
  const titleLength = sink.length;
  scanInto(body, sink);
  const n = sink.length;
  const b = buffers ?? new DocBuffers(n);
  b.reserve(n);
  // Every array is written whole below (markSentences, readWords, sentences, documentCase) but
  // `field`, whose title part is cleared here: reused memory holds the last document's values.
  const sentStart = b.byte(0, n);
  markSentences(title, sink, 0, sentStart, titleLength);
  markSentences(body, sink, titleLength, sentStart, n);
  const field = b.byte(1, n);
  field.fill(0, 0, titleLength);
  field.fill(1, titleLength);
  const starts = b.int(0, n), ends = b.int(1, n);
  starts.set(sink.starts.subarray(0, n));
  ends.set(sink.ends.subarray(0, n));
  const vocab = vocabularyFor(res.prior);
  vocab.startDocument();
  const doc: Doc = {
    n, field, starts, ends, sentStart, texts: [title, body],
    pos: b.byte(2, n), head: b.byte(3, n), uninf: b.byte(4, n), ids: b.int(2, n), words: vocab.words,
    packed: b.int(3, n), hLow: b.int(4, n), hShape: b.int(5, n), hShort: b.int(6, n),
    kind: b.int(7, n), lang: b.int(8, n), lowId: b.int(9, n), lowCount: 0, docCase: b.byte(5, n),
    prior: b.byte(6, n), cased: b.byte(7, n),
  };
  readWords(doc, vocab);
  sentences(doc);
  documentCase(doc);
  return doc;
}

/** Each token's word (found or entered in the vocabulary), with its flags, hashes, prior and kind, and document-local numbers of the lower-cased forms. */
function readWords(doc: Doc, vocab: Vocabulary): void {
  const me = ++serial;
  const { ids, packed, lowId, prior, cased, hLow, hShape, hShort, kind, lang, starts, ends, field } = doc;
  let lows = 0;
  for (let k = 0; k < doc.n; k++) {
    const o = vocab.find(doc.texts[field[k]!], starts[k]!, ends[k]!);
    const t = vocab.slots, low = t[o + S_LOW]!, p = t[o + S_PACKED]!;
    if (low >= lowStamp.length) growStamps(vocab.lowSize);
    if (lowStamp[low] !== me) { lowStamp[low] = me; lowLocal[low] = lows++; }
    ids[k] = t[o + S_ID]! - 1;
    packed[k] = p;
    lowId[k] = lowLocal[low]!;
    prior[k] = t[o + S_PRIOR]!;
    cased[k] = p & P_UPPER ? CASE_UPPER : p & P_PLAIN ? CASE_PLAIN : 0;
    hLow[k] = t[o + S_HLOW]!;
    hShape[k] = t[o + S_SHAPE]!;
    hShort[k] = t[o + S_SHORT]!;
    kind[k] = t[o + S_KIND]!;
    lang[k] = t[o + S_LANG]!;
  }
  doc.lowCount = lows;
  doc.words = vocab.words;
}

function growStamps(size: number): void {
  let n = lowStamp.length;
  while (n <= size) n *= 2;
  const stamp = new Int32Array(n), local = new Int32Array(n);
  stamp.set(lowStamp); local.set(lowLocal);
  lowStamp = stamp; lowLocal = local;
}

/** The vocabulary entry of token k's word. */
export function wordAt(doc: Doc, k: number): Word {
  return doc.words[doc.ids[k]!]!;
}
