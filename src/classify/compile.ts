/**
 * Compiles every watch-list of watchlists.yaml into one Classifier: all words and phrases
 * of all queries, weights and entity aliases go into one TermIndex, and each distinct term
 * (leaf) is evaluated once an article however many watch-lists use it.
 */
import type { WatchlistsFile } from '../config/schema.js';
import type { EntityMention, WatchlistMatch } from '../types.js';
import { emptyMatch } from './score.js';
import type { Leaf, Positional, QueryNode } from './query-ast.js';
import { QueryError, SyntaxProblem, type QueryErrorPlace } from './query-error.js';
import { parseQuery, type ParseContext } from './query-parser.js';
import { parseTermUnits } from './query-terms.js';
import { pushTo, TermIndex } from './term-index.js';
import { foldKey } from './ner/keys.js';
import { flatten, type FlatClassifier } from './flat.js';

/** A query tree whose leaves point into Classifier.leaves. */
export type CompiledNode =
  | { op: 'and' | 'or'; items: CompiledNode[]; text: string }
  | { op: 'not'; item: CompiledNode; text: string }
  | { op: 'leaf'; id: number; text: string };

export interface CompiledLeaf {
  leaf: Leaf;
  /** Every seq whose occurrence can make this leaf hit (both sides for NEAR). */
  seqs: number[];
  left: number[];
  right: number[];
  regex?: RegExp;
}

export interface CompiledEntity {
  name: string;
  type: EntityMention['type'];
  aliases: string[];
  /** The name and aliases, folded (foldKey). */
  keys: string[];
  seqs: number[];
}

export interface CompiledWeight {
  key: string;
  weight: number;
  leaves: { id: number; text: string }[];
}

export interface CompiledWatchlist {
  id: string;
  query: CompiledNode;
  /** The query's positive terms (not under NOT), distinct by text. */
  terms: { id: number; text: string }[];
  weights: CompiledWeight[];
  /** What a verdict lists hits of: query terms, then weight terms, distinct by text. */
  explained: { id: number; text: string }[];
  threshold: number;
  alert?: number;
  /** The shared verdict for an article that contains none of its terms. */
  empty: Readonly<WatchlistMatch>;
}

/** Everything classifyItem needs; build it with compileWatchlists. */
export interface Classifier {
  index: TermIndex;
  leaves: CompiledLeaf[];
  /** seq id -> leaves it can make hit. */
  seqLeaves: (number[] | undefined)[];
  /** Leaves not found through the token index (regex, feed:, tag:, person:, org:, place:). */
  alwaysLeaves: number[];
  /** leaf id -> indices of the watch-lists that use it. */
  leafWatchlists: number[][];
  watchlists: CompiledWatchlist[];
  /** Every watch-list's empty verdict, in order: an article's verdicts start as a copy. */
  emptyMatches: Readonly<WatchlistMatch>[];
  entities: CompiledEntity[];
  entityByName: Map<string, CompiledEntity>;
  /** Per-article marks, reused across calls (classifyItem is synchronous, so one at a time). */
  scratch: Scratch;
  /** The same watch-lists as flat arrays, for the hot path. */
  flat: FlatClassifier;
}

/**
 * Marks stamped with the current article's generation instead of Sets built per article:
 * with a thousand watch-lists, an article touches hundreds of terms and lists.
 */
export interface Scratch {
  generation: number;
  leafSeen: Uint32Array;
  leafHit: Uint32Array;
  listTouched: Uint32Array;
  /** Per touched list, how many of its leaves hit. */
  listHits: Int32Array;
}

/** Starts a new article: a fresh generation (marks of older ones no longer count). */
export function nextGeneration(s: Scratch): number {
  if (s.generation >= 0xfffffffe) {
    s.leafSeen.fill(0);
    s.leafHit.fill(0);
    s.listTouched.fill(0);
    s.generation = 0;
  }
  return ++s.generation;
}

class Builder {
  readonly c: Classifier = {
    index: new TermIndex(), leaves: [], seqLeaves: [], alwaysLeaves: [],
    leafWatchlists: [], watchlists: [], emptyMatches: [], entities: [], entityByName: new Map(),
    scratch: { generation: 0, leafSeen: new Uint32Array(0), leafHit: new Uint32Array(0), listTouched: new Uint32Array(0), listHits: new Int32Array(0) },
    flat: flatten({ watchlists: [], leaves: [], leafWatchlists: [], seqLeaves: [], seqCount: 0 }),
  };
  private readonly leafIds = new Map<string, number>();

  addEntity(name: string, type: EntityMention['type'], aliases: string[]): void {
    const seqs = new Set<number>();
    [name, ...aliases].forEach((alias, i) => {
      try {
        seqs.add(this.c.index.addSeq(parseTermUnits(alias, 0)));
      } catch (err) {
        if (!(err instanceof SyntaxProblem)) throw err;
        const where = i === 0 ? 'its name' : `alias "${alias}"`;
        throw new QueryError(`entity ${name}, ${where}: ${err.message}`, { watchlist: '', field: 'query', offset: err.offset, entity: name, alias: i - 1 });
      }
    });
    const keys = [...new Set([name, ...aliases].map(foldKey))];
    const entity: CompiledEntity = { name, type, aliases, keys, seqs: [...seqs] };
    this.c.entities.push(entity);
    this.c.entityByName.set(name, entity);
  }

  seqsOf(p: Positional): number[] {
    if (p.kind === 'seq') return [this.c.index.addSeq(p.units)];
    if (p.kind === 'entity') return this.c.entityByName.get(p.name)!.seqs;
    return [...new Set(p.items.flatMap((item) => this.seqsOf(item)))];
  }

  addLeaf(leaf: Leaf, watchlist: number): number {
    const key = JSON.stringify(leaf);
    let id = this.leafIds.get(key);
    if (id === undefined) {
      id = this.c.leaves.length;
      this.leafIds.set(key, id);
      this.c.leaves.push(this.compileLeaf(leaf));
      this.c.leafWatchlists.push([]);
      const compiled = this.c.leaves[id]!;
      if (compiled.seqs.length === 0) this.c.alwaysLeaves.push(id);
      for (const seq of compiled.seqs) (this.c.seqLeaves[seq] ??= []).push(id);
    }
    const users = this.c.leafWatchlists[id]!;
    if (users[users.length - 1] !== watchlist) users.push(watchlist);
    return id;
  }

  private compileLeaf(leaf: Leaf): CompiledLeaf {
    if (leaf.kind === 'text') return { leaf, seqs: this.seqsOf(leaf.pattern), left: [], right: [] };
    if (leaf.kind === 'near') {
      const left = this.seqsOf(leaf.left);
      const right = this.seqsOf(leaf.right);
      return { leaf, seqs: [...new Set([...left, ...right])], left, right };
    }
    if (leaf.kind === 'named') return { leaf, seqs: [], left: this.seqsOf(leaf.pattern), right: [] };
    if (leaf.kind === 'regex') return { leaf, seqs: [], left: [], right: [], regex: new RegExp(leaf.source, leaf.flags.replace('g', '') + 'g') };
    return { leaf, seqs: [], left: [], right: [] };
  }

  /** `source` is the query text, so each group can be named in explanations. */
  compileNode(node: QueryNode, watchlist: number, source: string): CompiledNode {
    if (node.kind === 'leaf') return { op: 'leaf', id: this.addLeaf(node.leaf, watchlist), text: node.text };
    const text = source.slice(node.offset, node.end);
    if (node.kind === 'not') return { op: 'not', item: this.compileNode(node.item, watchlist, source), text };
    return { op: node.kind, items: node.items.map((item) => this.compileNode(item, watchlist, source)), text };
  }
}

function positiveTerms(node: CompiledNode, negated = false, out = new Map<string, number>()): { id: number; text: string }[] {
  if (node.op === 'leaf') {
    if (!negated && !out.has(node.text)) out.set(node.text, node.id);
  } else if (node.op === 'not') positiveTerms(node.item, !negated, out);
  else for (const item of node.items) positiveTerms(item, negated, out);
  return [...out].map(([text, id]) => ({ id, text }));
}

function distinctByText(terms: { id: number; text: string }[]): { id: number; text: string }[] {
  const seen = new Set<string>();
  return terms.filter((t) => !seen.has(t.text) && seen.add(t.text));
}

function parseOrThrow(text: string, ctx: ParseContext, place: Omit<QueryErrorPlace, 'offset'>): QueryNode {
  try {
    return parseQuery(text, ctx);
  } catch (err) {
    if (err instanceof SyntaxProblem) throw new QueryError(err.message, { ...place, offset: err.offset });
    throw err;
  }
}

function compileWeight(b: Builder, key: string, weight: number, ctx: ParseContext, wl: { id: string; index: number }): CompiledWeight {
  const place = { watchlist: wl.id, field: 'weights' as const, weightKey: key };
  const node = parseOrThrow(key, ctx, place);
  const leaves = node.kind === 'leaf' ? [node] : node.kind === 'or' ? node.items : [];
  if (leaves.length === 0 || leaves.some((l) => l.kind !== 'leaf')) {
    throw new QueryError('a weight goes on one term (a word, phrase, @entity, NEAR or an OR of them), not on AND or NOT', { ...place, offset: 0 });
  }
  const compiled = leaves.map((l) => b.compileNode(l, wl.index, key) as Extract<CompiledNode, { op: 'leaf' }>);
  return { key, weight, leaves: compiled.map((l) => ({ id: l.id, text: l.text })) };
}

/** Compiles every watch-list into one matcher. Throws QueryError on the first bad query. */
export function compileWatchlists(file: WatchlistsFile): Classifier {
  const b = new Builder();
  const ctx: ParseContext = { entities: new Map(Object.keys(file.entities).map((name) => [name.toLowerCase(), name])) };
  for (const [name, e] of Object.entries(file.entities)) b.addEntity(name, e.type, e.aliases);
  for (const [id, wl] of Object.entries(file.watchlists)) {
    const index = b.c.watchlists.length;
    const query = b.compileNode(parseOrThrow(wl.query, ctx, { watchlist: id, field: 'query' }), index, wl.query);
    const weights = Object.entries(wl.weights ?? {}).map(([key, w]) => compileWeight(b, key, w, ctx, { id, index }));
    const empty = emptyMatch(id, wl.threshold, wl.alert);
    const terms = positiveTerms(query);
    const explained = distinctByText([...terms, ...weights.flatMap((w) => w.leaves)]);
    const compiled: CompiledWatchlist = { id, query, terms, weights, explained, threshold: wl.threshold, empty };
    if (wl.alert !== undefined) compiled.alert = wl.alert;
    b.c.watchlists.push(compiled);
    b.c.emptyMatches.push(empty);
  }
  const leaves = b.c.leaves.length;
  const lists = b.c.watchlists.length;
  b.c.scratch = { generation: 0, leafSeen: new Uint32Array(leaves), leafHit: new Uint32Array(leaves), listTouched: new Uint32Array(lists), listHits: new Int32Array(lists) };
  b.c.flat = flatten({ ...b.c, seqCount: b.c.index.seqUnits.length });
  return b.c;
}

function problemOf(file: WatchlistsFile): QueryError | undefined {
  try {
    compileWatchlists(file);
    return undefined;
  } catch (err) {
    if (err instanceof QueryError) return err;
    throw err;
  }
}

/**
 * Every query problem of the file, not just the first (for check-config): the first bad
 * entity alias (entity set, watchlist ''), then the first problem of each watch-list.
 */
export function checkWatchlists(file: WatchlistsFile): QueryError[] {
  const aliasProblem = problemOf({ entities: file.entities, watchlists: {} });
  const problems: QueryError[] = aliasProblem ? [aliasProblem] : [];
  if (aliasProblem) return problems; // every watch-list would repeat it
  for (const [id, wl] of Object.entries(file.watchlists)) {
    const problem = problemOf({ entities: file.entities, watchlists: { [id]: wl } });
    if (problem) problems.push(problem);
  }
  return problems;
}
