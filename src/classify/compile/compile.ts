/**
 * Compiles every watch-list of watchlists.yaml into one Classifier: all words and phrases
 * of all queries, weights and entity aliases go into one TermIndex, and each distinct term
 * (leaf) is evaluated once an article however many watch-lists use it.
 */
import type { WatchlistsFile } from '../../config/schema.js';
import type { EntityType, Hit, WatchlistMatch } from '../../types.js';
import type { Leaf, Positional, QueryNode } from '../query/ast.js';
import { QueryError, SyntaxProblem, type QueryErrorPlace } from '../query/errors.js';
import { parseQuery, type ParseContext } from '../query/parser.js';
import { compileRegex } from '../query/regex.js';
import { parseTermUnits } from '../query/terms.js';
import type { Classifier, CompiledEntity, CompiledLeaf, CompiledNode, CompiledWeight, CompiledWatchlist, Scratch } from '../types.js';
import { flatten } from './flat.js';
import { TermIndex } from './term-index.js';

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

function newScratch(leaves: number, lists: number): Scratch {
  return { generation: 0, leafSeen: new Uint32Array(leaves), leafHit: new Uint32Array(leaves), listTouched: new Uint32Array(lists), listHits: new Int32Array(lists) };
}

/**
 * The verdict for a watch-list none of whose terms occur. Built once here and shared by every
 * article (frozen, hits included), so a thousand untouched watch-lists cost nothing per article.
 */
function emptyMatch(id: string, threshold: number, alert: number | undefined): Readonly<WatchlistMatch> {
  const match: WatchlistMatch = { watchlist: id, flagged: false, queryMatched: false, score: 0, threshold, hits: Object.freeze([]) as unknown as Hit[] };
  if (alert !== undefined) match.alert = alert;
  return Object.freeze(match);
}

class Builder {
  readonly index = new TermIndex();
  readonly leaves: CompiledLeaf[] = [];
  readonly alwaysLeaves: number[] = [];
  /** seq id -> leaves it can make hit. */
  readonly seqLeaves: (number[] | undefined)[] = [];
  /** leaf id -> indices of the watch-lists that use it. */
  readonly leafWatchlists: number[][] = [];
  readonly watchlists: CompiledWatchlist[] = [];
  readonly entities: CompiledEntity[] = [];
  private readonly entityByName = new Map<string, CompiledEntity>();
  private readonly leafIds = new Map<string, number>();

  addEntity(name: string, e: { type: EntityType; aliases: string[]; case?: 'sensitive' | 'insensitive' }): void {
    const { type, aliases } = e;
    const seqs = new Set<number>();
    [name, ...aliases].forEach((alias, i) => {
      try {
        seqs.add(this.index.addSeq(parseTermUnits(alias, 0, e.case === 'insensitive' ? 'insensitive' : 'name')));
      } catch (err) {
        if (!(err instanceof SyntaxProblem)) throw err;
        const where = i === 0 ? 'its name' : `alias "${alias}"`;
        throw new QueryError(`entity ${name}, ${where}: ${err.message}`, { watchlist: '', field: 'query', offset: err.offset, entity: name, alias: i - 1 });
      }
    });
    const entity: CompiledEntity = { name, type, aliases, seqs: [...seqs] };
    this.entities.push(entity);
    this.entityByName.set(name, entity);
  }

  private seqsOf(p: Positional): number[] {
    if (p.kind === 'seq') return [this.index.addSeq(p.units)];
    if (p.kind === 'entity') return this.entityByName.get(p.name)!.seqs;
    return [...new Set(p.items.flatMap((item) => this.seqsOf(item)))];
  }

  private addLeaf(leaf: Leaf, watchlist: number): number {
    const key = JSON.stringify(leaf);
    let id = this.leafIds.get(key);
    if (id === undefined) {
      id = this.leaves.length;
      this.leafIds.set(key, id);
      const compiled = this.compileLeaf(leaf);
      this.leaves.push(compiled);
      this.leafWatchlists.push([]);
      if (compiled.seqs.length === 0) this.alwaysLeaves.push(id);
      for (const seq of compiled.seqs) (this.seqLeaves[seq] ??= []).push(id);
    }
    const users = this.leafWatchlists[id]!;
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
    if (leaf.kind === 'regex') return { leaf, seqs: [], left: [], right: [], regex: compileRegex(leaf.source, leaf.flags, 0) };
    return { leaf, seqs: [], left: [], right: [] };
  }

  /** `source` is the query text, so each group can be named in explanations; pc is set by flatten. */
  compileNode(node: QueryNode, watchlist: number, source: string): CompiledNode {
    if (node.kind === 'leaf') return { op: 'leaf', id: this.addLeaf(node.leaf, watchlist), text: node.text, pc: -1 };
    const text = source.slice(node.offset, node.end);
    if (node.kind === 'not') return { op: 'not', item: this.compileNode(node.item, watchlist, source), text, pc: -1 };
    return { op: node.kind, items: node.items.map((item) => this.compileNode(item, watchlist, source)), text, pc: -1 };
  }

  build(): Classifier {
    const flat = flatten({ watchlists: this.watchlists, leaves: this.leaves, leafWatchlists: this.leafWatchlists, seqLeaves: this.seqLeaves, seqCount: this.index.seqUnits.length });
    return {
      index: this.index, leaves: this.leaves, alwaysLeaves: this.alwaysLeaves, watchlists: this.watchlists,
      emptyMatches: this.watchlists.map((wl) => wl.empty), entities: this.entities,
      scratch: newScratch(this.leaves.length, this.watchlists.length), flat,
    };
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

/** `defaultWeight`: an entry of its own for each query term no weight entry covers. */
function defaultWeights(terms: { id: number; text: string }[], weights: CompiledWeight[], weight: number): CompiledWeight[] {
  const covered = new Set(weights.flatMap((w) => w.leaves.map((l) => l.id)));
  return terms.filter((t) => !covered.has(t.id)).map((t) => ({ key: t.text, weight, leaves: [t] }));
}

/** Compiles every watch-list into one matcher. Throws QueryError on the first bad query. */
export function compileWatchlists(file: WatchlistsFile): Classifier {
  const b = new Builder();
  const ctx: ParseContext = { entities: new Map(Object.keys(file.entities).map((name) => [name.toLowerCase(), name])) };
  for (const [name, e] of Object.entries(file.entities)) b.addEntity(name, e);
  for (const [id, wl] of Object.entries(file.watchlists)) {
    const index = b.watchlists.length;
    const query = b.compileNode(parseOrThrow(wl.query, ctx, { watchlist: id, field: 'query' }), index, wl.query);
    const weights = Object.entries(wl.weights ?? {}).map(([key, w]) => compileWeight(b, key, w, ctx, { id, index }));
    const terms = positiveTerms(query);
    if (wl.defaultWeight !== undefined) weights.push(...defaultWeights(terms, weights, wl.defaultWeight));
    const explained = distinctByText([...terms, ...weights.flatMap((w) => w.leaves)]);
    const compiled: CompiledWatchlist = { id, query, terms, weights, explained, threshold: wl.threshold, empty: emptyMatch(id, wl.threshold, wl.alert) };
    if (wl.alert !== undefined) compiled.alert = wl.alert;
    b.watchlists.push(compiled);
  }
  return b.build();
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
  if (aliasProblem) return [aliasProblem]; // every watch-list would repeat it
  const problems: QueryError[] = [];
  for (const [id, wl] of Object.entries(file.watchlists)) {
    const problem = problemOf({ entities: file.entities, watchlists: { [id]: wl } });
    if (problem) problems.push(problem);
  }
  return problems;
}
