/**
 * Reads CoNLL-2003 column files (token POS chunk NER, IOB1 tags, blank line between sentences;
 * in the copies used here -DOCSTART- closes a document) and lays a document out as text the way
 * a test harness would: tokens joined by single spaces, the first sentence as the title, the
 * body one sentence a line or all sentences in one paragraph.
 */
import { readFileSync } from 'node:fs';

export type GoldType = 'PER' | 'ORG' | 'LOC' | 'MISC';
export interface ConllSentence { words: string[]; tags: string[] }
export interface ConllDoc { sentences: ConllSentence[] }
/**
 * 'lines': body one sentence a line; 'paragraph': body sentences joined by spaces; 'detok':
 * one sentence a line, written as a writer would (no space before , . 's n't ) and the like,
 * none after ( or an opening quote).
 */
export type Layout = 'lines' | 'paragraph' | 'detok';

const GLUE_BEFORE = new Set([',', '.', ':', ';', '?', '!', ')', ']', '}', '%', "'s", "'S", "n't", "N'T", "'re", "'ve", "'ll", "'m", "'d", '...']);
const GLUE_AFTER = new Set(['(', '[', '{', '$']);

/** Whether a space goes between words k-1 and k of a sentence, written as a writer would. */
function spaceBefore(words: string[], k: number, quoteOpen: boolean): boolean {
  const w = words[k]!, prev = words[k - 1]!;
  if (GLUE_BEFORE.has(w) || GLUE_AFTER.has(prev)) return false;
  if (w === '"') return quoteOpen;
  if (prev === '"') return !quoteOpen;
  return true;
}

export interface GoldSpan { field: 0 | 1; start: number; end: number; type: GoldType }
export interface LaidOut {
  title: string;
  body: string;
  gold: GoldSpan[];
  /** Every CoNLL token's place: field, start, end (for mapping predictions back to tokens). */
  tokens: { field: 0 | 1; start: number; end: number }[];
}

export class ConllFormatError extends Error {
  constructor(message: string) {
    super(`ner-train: ${message}`);
    this.name = 'ConllFormatError';
  }
}

export function parseConll(text: string, file: string): ConllDoc[] {
  const docs: ConllDoc[] = [];
  let sentences: ConllSentence[] = [];
  let cur: ConllSentence = { words: [], tags: [] };
  const closeSentence = () => { if (cur.words.length) sentences.push(cur); cur = { words: [], tags: [] }; };
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') { closeSentence(); return; }
    const cols = line.split(' ');
    if (cols[0] === '-DOCSTART-') {
      closeSentence();
      if (sentences.length) docs.push({ sentences });
      sentences = [];
      return;
    }
    const tag = cols[cols.length - 1]!;
    if (cols.length < 2 || !/^(O|[IB]-(PER|ORG|LOC|MISC))$/.test(tag)) throw new ConllFormatError(`${file}:${i + 1}: expected "token ... TAG", got "${line.slice(0, 80)}"`);
    cur.words.push(cols[0]!);
    cur.tags.push(tag);
  });
  closeSentence();
  if (sentences.length) docs.push({ sentences });
  return docs;
}

export function readConll(path: string): ConllDoc[] {
  return parseConll(readFileSync(path, 'utf8'), path);
}

/** Names of one sentence as [from, to, type] token ranges (IOB1: B- only where two names touch). */
export function sentenceSpans(s: ConllSentence): [number, number, GoldType][] {
  const out: [number, number, GoldType][] = [];
  let open: [number, number, GoldType] | null = null;
  s.tags.forEach((tag, k) => {
    if (tag === 'O') { if (open) out.push(open); open = null; return; }
    const type = tag.slice(2) as GoldType;
    if (open && open[2] === type && tag[0] === 'I') { open[1] = k + 1; return; }
    if (open) out.push(open);
    open = [k, k + 1, type];
  });
  if (open) out.push(open);
  return out;
}

const SMALL = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'as']);

/**
 * The title sentence rewritten in Title Case (for training: CoNLL titles are nearly all in
 * capitals, news headlines often are not). A word takes the form the body gives it when the
 * body has one (so acronyms stay capitals); otherwise its first letter (and each letter after a
 * hyphen) is capitalized, small words stay lower-case. Lengths do not change, so offsets hold.
 */
export function titleCased(doc: ConllDoc): ConllDoc {
  const forms = new Map<string, string>();
  for (const s of doc.sentences.slice(1)) {
    s.words.forEach((w, k) => { if (k > 0 && /[a-z]/.test(w) && !forms.has(w.toLowerCase())) forms.set(w.toLowerCase(), w); });
  }
  const title = doc.sentences[0]!;
  const mixed = title.words.some((w) => /[a-z]/.test(w));
  const words = title.words.map((w, k) => {
    const known = forms.get(w.toLowerCase());
    if (known && /^[A-Z]/.test(known)) return known;
    const acronym = w.length <= 3 && !/[a-z]/.test(w) && !SMALL.has(w.toLowerCase());
    if (acronym && (mixed || title.tags[k] !== 'O')) return w;
    if (w.includes('.') || !/[A-Za-z]/.test(w)) return w;
    const lower = w.toLowerCase();
    if (k > 0 && SMALL.has(lower)) return lower;
    return lower.replace(/(^|-)([a-z])/g, (_, p: string, c: string) => p + c.toUpperCase());
  });
  return { sentences: [{ words, tags: title.tags }, ...doc.sentences.slice(1)] };
}

export function layOut(doc: ConllDoc, layout: Layout): LaidOut {
  const parts: [string, string] = ['', ''];
  const gold: GoldSpan[] = [];
  const tokens: LaidOut['tokens'] = [];
  doc.sentences.forEach((s, si) => {
    const field: 0 | 1 = si === 0 ? 0 : 1;
    if (parts[field].length > 0) parts[field] += layout === 'paragraph' ? ' ' : '\n';
    const first = tokens.length;
    let quoteOpen = false;
    s.words.forEach((w, k) => {
      if (w === '"' && layout === 'detok') quoteOpen = !quoteOpen;
      if (k > 0 && (layout !== 'detok' || spaceBefore(s.words, k, quoteOpen))) parts[field] += ' ';
      tokens.push({ field, start: parts[field].length, end: parts[field].length + w.length });
      parts[field] += w;
    });
    for (const [from, to, type] of sentenceSpans(s)) {
      gold.push({ field, start: tokens[first + from]!.start, end: tokens[first + to - 1]!.end, type });
    }
  });
  return { title: parts[0], body: parts[1], gold, tokens };
}
