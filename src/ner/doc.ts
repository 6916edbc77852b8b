/**
 * A document as the features see it: the tokens of title and body in one sequence, with their
 * sentences, headline kind (Title Case, ALL CAPS), whether case says anything at each token,
 * and how each word is written where case does say something, elsewhere in the same document.
 */
import { tokenize } from './tokenize.js';
import type { Resources, Tokens } from './types.js';
import { F_ALLCAPS, F_HASLOWER, F_INITCAP, F_PUNCT, capClass, wordInfoOf, type WordInfo } from './words.js';

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
  info: WordInfo[];
  /** Index of the token's word (as written) among the document's distinct words, and those words. */
  typeId: Int32Array;
  types: WordInfo[];
  /** Index of the token's lower-cased form among the document's distinct lower-cased forms. */
  lowId: Int32Array;
  lowCount: number;
  /** Per token, for its lower-cased form: 0 not seen where case informs, 1 lower only, 2 capitalized only, 3 both. */
  docCase: Uint8Array;
  prior: Uint8Array;
  cluster: Int32Array;
}

function concat(title: Tokens, body: Tokens): Pick<Doc, 'n' | 'field' | 'starts' | 'ends' | 'sentStart'> {
  const n = title.length + body.length;
  const field = new Uint8Array(n), starts = new Int32Array(n), ends = new Int32Array(n), sentStart = new Uint8Array(n);
  starts.set(title.starts); starts.set(body.starts, title.length);
  ends.set(title.ends); ends.set(body.ends, title.length);
  sentStart.set(title.sentStart); sentStart.set(body.sentStart, title.length);
  field.fill(1, title.length);
  if (body.length > 0) sentStart[title.length] = 1;
  return { n, field, starts, ends, sentStart };
}

/** Headline kind of tokens [from, to). */
function headKind(info: WordInfo[], from: number, to: number): number {
  let lettered = 0, lowerWords = 0, caps = 0, content = 0, capContent = 0;
  for (let k = from; k < to; k++) {
    const f = info[k]!.flags;
    if (f & F_PUNCT || !(f & (F_HASLOWER | F_ALLCAPS))) continue;
    lettered++;
    if (f & F_HASLOWER && !(f & F_INITCAP)) lowerWords++;
    if (f & F_ALLCAPS && info[k]!.lower.length > 1) caps++;
    if (k > from && info[k]!.lower.length >= 4) {
      content++;
      if (f & F_INITCAP) capContent++;
    }
  }
  if (lettered > 0 && caps > 0 && lowerWords === 0 && caps * 2 >= lettered) {
    let anyLower = false;
    for (let k = from; k < to && !anyLower; k++) anyLower = (info[k]!.flags & F_HASLOWER) !== 0;
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
    const kind = headKind(doc.info, from, k);
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
    const cls = capClass(doc.info[k]!.flags);
    if (cls === 0) seen[doc.lowId[k]!] |= 1;
    else if (cls === 1 || cls === 2) seen[doc.lowId[k]!] |= 2;
  }
  for (let k = 0; k < doc.n; k++) doc.docCase[k] = seen[doc.lowId[k]!]!;
}

export function buildDoc(title: string, body: string, res: Resources): Doc {
  const base = concat(tokenize(title), tokenize(body));
  const n = base.n;
  const doc: Doc = {
    ...base, texts: [title, body], pos: new Uint8Array(n), head: new Uint8Array(n), uninf: new Uint8Array(n),
    info: new Array<WordInfo>(n), typeId: new Int32Array(n), types: [], lowId: new Int32Array(n), lowCount: 0, docCase: new Uint8Array(n),
    prior: new Uint8Array(n), cluster: new Int32Array(n),
  };
  const types = new Map<string, number>();
  const lows = new Map<string, number>();
  const priors: number[] = [], clusters: number[] = [];
  for (let k = 0; k < n; k++) {
    const raw = doc.texts[doc.field[k]!]!.slice(doc.starts[k], doc.ends[k]);
    let t = types.get(raw);
    if (t === undefined) {
      types.set(raw, (t = doc.types.length));
      doc.types.push(wordInfoOf(raw));
    }
    const info = doc.types[t]!;
    doc.info[k] = info;
    doc.typeId[k] = t;
    let id = lows.get(info.lower);
    if (id === undefined) {
      lows.set(info.lower, (id = lows.size));
      priors.push(res.prior.get(info.lower) ?? 0);
      clusters.push(res.clusters?.get(info.lower) ?? 0);
    }
    doc.lowId[k] = id;
    doc.prior[k] = priors[id]!;
    doc.cluster[k] = clusters[id]!;
  }
  doc.lowCount = lows.size;
  sentences(doc);
  documentCase(doc);
  return doc;
}
