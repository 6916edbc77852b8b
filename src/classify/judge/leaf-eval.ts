/** Decides where one compiled term (leaf) occurs in an article. */
import type { RE2JS } from 're2js';
import type { ClassifyInput } from '../../types.js';
import { soundKey } from '../entities/keys.js';
import { spansIn } from '../tokenize/match-text.js';
import { tokenizeText } from '../tokenize/normalize.js';
import type { TextField } from '../query/ast.js';
import type { ArticleContext, Classifier, CompiledLeaf, FieldMatch, Occurrence } from '../types.js';

/** Leaf marks: a leaf hit when leafHit[leaf] === generation. */
export interface LeafMarks {
  leafHit: Uint32Array;
  generation: number;
}

const NONE: Occurrence[] = [];

/**
 * The terms (leaves) that occur in one article. Whether a word or phrase occurs is known
 * from the token index at once; its occurrences (offsets, for counting and snippets) are
 * worked out only when a verdict needs them, so the many terms that hit in watch-lists that
 * do not match cost no allocation.
 */
export class LeafHits {
  private readonly hitIds: number[] = [];
  private readonly occurrences = new Map<number, Occurrence[]>();
  private readonly generation: number;
  /** This article's own marks, made once a later article has reused the classifier's. */
  private ownMarks?: LeafMarks;

  constructor(private readonly ctx: ArticleContext) {
    this.generation = ctx.classifier.scratch.generation;
  }

  /** Decides whether the leaf hits (cheaply for words and phrases) and remembers it. */
  consider(id: number): void {
    const cl = this.ctx.classifier.leaves[id]!;
    if (cl.leaf.kind === 'text') {
      if (textHits(cl.seqs, cl.leaf.field, this.ctx.fields)) this.mark(id);
      return;
    }
    const occ = evaluateLeaf(cl, this.ctx);
    if (occ.length === 0) return;
    this.mark(id);
    this.occurrences.set(id, occ);
  }

  /** Records a leaf known to hit (a word or phrase whose seq occurs where it looks). */
  mark(id: number): void {
    this.hitIds.push(id);
    this.ctx.classifier.scratch.leafHit[id] = this.generation;
  }

  has(id: number): boolean {
    const m = this.marks();
    return m.leafHit[id] === m.generation;
  }

  /** The marks to evaluate queries on (evalCode): the classifier's while they are this article's. */
  marks(): LeafMarks {
    const scratch = this.ctx.classifier.scratch;
    if (scratch.generation === this.generation) return scratch;
    if (!this.ownMarks) {
      const leafHit = new Uint32Array(this.ctx.classifier.leaves.length);
      for (const id of this.hitIds) leafHit[id] = 1;
      this.ownMarks = { leafHit, generation: 1 };
    }
    return this.ownMarks;
  }

  /** The leaf's occurrences (none when it does not hit). */
  get(id: number): Occurrence[] {
    if (!this.has(id)) return NONE;
    let occ = this.occurrences.get(id);
    if (occ === undefined) {
      occ = evaluateLeaf(this.ctx.classifier.leaves[id]!, this.ctx);
      this.occurrences.set(id, occ);
    }
    return occ;
  }

  keys(): readonly number[] {
    return this.hitIds;
  }
}

function textHits(seqs: number[], field: TextField, fields: FieldMatch[]): boolean {
  for (const f of fields) {
    if (!inField(field, f)) continue;
    for (const seq of seqs) if (f.seqSpans.has(seq)) return true;
  }
  return false;
}

/** Most occurrences kept per term: enough to explain and to score (3 count), bounded. */
const MAX_OCCURRENCES = 50;

export function evaluateLeaf(cl: CompiledLeaf, ctx: ArticleContext): Occurrence[] {
  const leaf = cl.leaf;
  switch (leaf.kind) {
    case 'text': return textOccurrences(cl.seqs, leaf.field, ctx.fields);
    case 'near': return nearOccurrences(cl, leaf.field, leaf.distance, ctx.fields);
    case 'regex': return regexOccurrences(cl.regex!, leaf.field, ctx.fields);
    case 'named': return namedOccurrences(cl, ctx);
    case 'meta': return metaOccurrences(leaf.field, leaf.value, leaf.prefix, ctx.input);
  }
}

function inField(field: TextField, f: FieldMatch): boolean {
  return field === 'any' || field === f.name;
}

function toOccurrence(f: FieldMatch, s: number, e: number): Occurrence {
  return { field: f.name, start: f.tokens.starts[s]!, end: f.tokens.ends[e - 1]! };
}

function textOccurrences(seqs: number[], field: TextField, fields: FieldMatch[]): Occurrence[] {
  const out: Occurrence[] = [];
  for (const f of fields) {
    if (!inField(field, f)) continue;
    for (const [s, e] of spansIn(f, seqs)) out.push(toOccurrence(f, s, e));
  }
  return out.slice(0, MAX_OCCURRENCES);
}

/** Distance in tokens between two non-overlapping spans, measured between their nearest ends. */
function spanDistance(a: [number, number], b: [number, number]): number {
  if (a[1] <= b[0]) return b[0] - (a[1] - 1);
  if (b[1] <= a[0]) return a[0] - (b[1] - 1);
  return -1;
}

/**
 * The first right span within `distance` of a (either side, not overlapping), scanning from
 * `lo`. Spans are in text order (by start and by end), so the caller moves `lo` forward past
 * spans too far before a and the scan stops at the first too far after it: linear overall.
 */
function nearestWithin(a: [number, number], right: [number, number][], lo: number, distance: number): [number, number] | undefined {
  for (let k = lo; k < right.length; k++) {
    const r = right[k]!;
    if (r[0] > a[1] - 1 + distance) return undefined;
    const d = spanDistance(a, r);
    if (d > 0 && d <= distance) return r;
  }
  return undefined;
}

function nearOccurrences(cl: CompiledLeaf, field: TextField, distance: number, fields: FieldMatch[]): Occurrence[] {
  const out: Occurrence[] = [];
  for (const f of fields) {
    if (!inField(field, f)) continue;
    const right = spansIn(f, cl.right);
    if (right.length === 0) continue;
    let lastEnd = -1;
    let lo = 0;
    for (const a of spansIn(f, cl.left)) {
      while (lo < right.length && right[lo]![1] <= a[0] && a[0] - (right[lo]![1] - 1) > distance) lo++;
      const b = nearestWithin(a, right, lo, distance);
      if (!b) continue;
      const s = Math.min(a[0], b[0]);
      const e = Math.max(a[1], b[1]);
      if (s < lastEnd) continue;
      lastEnd = e;
      out.push(toOccurrence(f, s, e));
      if (out.length === MAX_OCCURRENCES) return out;
    }
  }
  return out;
}

/** Most matches a regex is asked for per field, empty ones included: bounded work whatever it matches. */
const MAX_REGEX_FINDS = 4 * MAX_OCCURRENCES;

/** RE2 finds each match in time linear in the text; empty matches (`\b`) are no hits. */
function regexOccurrences(re: RE2JS, field: TextField, fields: FieldMatch[]): Occurrence[] {
  const out: Occurrence[] = [];
  for (const f of fields) {
    if (!inField(field, f)) continue;
    const m = re.matcher(f.tokens.text);
    for (let finds = 0; finds < MAX_REGEX_FINDS && out.length < MAX_OCCURRENCES && m.find(); finds++) {
      if (m.end() > m.start()) out.push({ field: f.name, start: m.start(), end: m.end() });
    }
  }
  return out;
}

function metaOccurrences(field: 'feed' | 'tag', value: string, prefix: boolean, input: ClassifyInput): Occurrence[] {
  const names = field === 'feed' ? (input.feedId ? [input.feedId] : []) : (input.tags ?? []);
  const out: Occurrence[] = [];
  for (const name of names) {
    const lower = name.toLowerCase();
    if (prefix ? lower.startsWith(value) : lower === value) out.push({ field, start: 0, end: name.length });
  }
  return out;
}

function namedOccurrences(cl: CompiledLeaf, ctx: ArticleContext): Occurrence[] {
  const type = cl.leaf.field;
  const out: Occurrence[] = [];
  for (const entity of ctx.entities) {
    if (entity.type !== type) continue;
    const named = entity.names.some((n) => nameContains(ctx.classifier, n, cl.left) || (type === 'person' && nameSoundsLike(ctx.classifier, n, cl.left)));
    if (!named) continue;
    for (const m of entity.mentions) out.push({ field: m.field, start: m.start, end: m.end });
  }
  return out.slice(0, MAX_OCCURRENCES);
}

/** Person names also match by sound, so person:Gadhafi finds "Qaddafi" and person:Moammar "Muammar". */
function nameSoundsLike(c: Classifier, name: string, seqs: number[]): boolean {
  const have = tokenizeText(name).folded.map(soundKey);
  return seqs.some((seq) => {
    const want = c.index.seqWords(seq).map((w) => (w === undefined ? undefined : soundKey(w)));
    if (want.some((w) => w === undefined)) return false;
    for (let p = 0; p + want.length <= have.length; p++) {
      if (want.every((w, j) => have[p + j] === w)) return true;
    }
    return false;
  });
}

/** True when one of the seqs occurs inside the name (a person's full name contains a surname). */
function nameContains(c: Classifier, name: string, seqs: number[]): boolean {
  const t = tokenizeText(name);
  const units = t.raw.map((raw, i) => c.index.unitsOf(raw, t.folded[i]!, t.hashes[i]!));
  return seqs.some((seq) => {
    const want = c.index.seqUnits[seq]!;
    for (let p = 0; p + want.length <= units.length; p++) {
      if (want.every((u, j) => units[p + j]!.includes(u))) return true;
    }
    return false;
  });
}
