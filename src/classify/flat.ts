/**
 * The compiled watch-lists as flat typed arrays, for the per-article hot path. With a
 * thousand watch-lists, the objects and closures of the query trees spread over megabytes,
 * and judging the hundred-odd lists an article touches was bound by cache misses; the same
 * facts in a few contiguous arrays stay in cache. The object form stays for explanations.
 */
import type { CompiledNode, CompiledWatchlist } from './compile.js';
import type { Leaf } from './query-ast.js';
import { packRows } from './rows.js';

/** Query code: a node is [op, size-or-leaf] followed by its children (preorder). */
const OP_LEAF = 0, OP_NOT = 1, OP_AND = 2, OP_OR = 3;

/** How a leaf is decided from the seqs found in a field: text in any field, title, body, or otherwise. */
export const MODE_ANY = 0, MODE_TITLE = 1, MODE_BODY = 2, MODE_OTHER = 3;

export interface FlatClassifier {
  /** Every query's code, back to back; list i starts at codeStart[i]. */
  code: Int32Array;
  codeStart: Int32Array;
  /** Leaf ids of list i's distinct positive terms: termIds[termStart[i] .. termStart[i + 1]). */
  termStart: Int32Array;
  termIds: Int32Array;
  /** Lists that use leaf l: leafLists[leafListStart[l] .. leafListStart[l + 1]). */
  leafListStart: Int32Array;
  leafLists: Int32Array;
  /** Leaves a seq can make hit: seqLeafIds[seqLeafStart[s] .. seqLeafStart[s + 1]). */
  seqLeafStart: Int32Array;
  seqLeafIds: Int32Array;
  leafMode: Uint8Array;
  /** list -> 1 when it has weights (its score needs occurrences, not just which terms hit). */
  weighted: Uint8Array;
  /** list -> fewest distinct leaves that must hit for its query to match (a lower bound). */
  minHits: Int32Array;
  /** list -> 1 when its score is the number of its leaves that hit (each leaf one positive term). */
  countIsScore: Uint8Array;
}

function emit(node: CompiledNode, out: number[]): void {
  if (node.op === 'leaf') {
    out.push(OP_LEAF, node.id);
    return;
  }
  const at = out.length;
  out.push(node.op === 'not' ? OP_NOT : node.op === 'and' ? OP_AND : OP_OR, 0);
  if (node.op === 'not') emit(node.item, out);
  else for (const item of node.items) emit(item, out);
  out[at + 1] = out.length - at;
}

function modeOf(leaf: Leaf): number {
  if (leaf.kind !== 'text') return MODE_OTHER;
  return leaf.field === 'title' ? MODE_TITLE : leaf.field === 'body' ? MODE_BODY : MODE_ANY;
}

export interface FlatSource {
  watchlists: CompiledWatchlist[];
  leaves: { leaf: Leaf }[];
  leafWatchlists: number[][];
  seqLeaves: (number[] | undefined)[];
  seqCount: number;
}

export function flatten(c: FlatSource): FlatClassifier {
  const code: number[] = [];
  const codeStart = new Int32Array(c.watchlists.length);
  c.watchlists.forEach((wl, i) => {
    codeStart[i] = code.length;
    emit(wl.query, code);
  });
  const terms = packRows(c.watchlists.map((wl) => wl.terms.map((t) => t.id)), c.watchlists.length);
  const lists = packRows(c.leafWatchlists, c.leaves.length);
  const seqs = packRows(c.seqLeaves, c.seqCount);
  const needs = c.watchlists.map((wl) => needed(wl.query));
  return {
    code: Int32Array.from(code), codeStart, termStart: terms.start, termIds: terms.values,
    leafListStart: lists.start, leafLists: lists.values, seqLeafStart: seqs.start, seqLeafIds: seqs.values,
    leafMode: Uint8Array.from(c.leaves, (l) => modeOf(l.leaf)),
    weighted: Uint8Array.from(c.watchlists, (wl) => (wl.weights.length > 0 ? 1 : 0)),
    minHits: Int32Array.from(needs, (n) => n.min),
    countIsScore: Uint8Array.from(c.watchlists, (wl, i) => (countIsScore(wl, needs[i]!.ids) ? 1 : 0)),
  };
}

/**
 * A lower bound on the distinct leaves a node needs to match, and the leaves it uses: an AND
 * of parts with no leaf in common needs them all, otherwise at least its neediest part.
 */
function needed(node: CompiledNode): { min: number; ids: Set<number> } {
  if (node.op === 'leaf') return { min: 1, ids: new Set([node.id]) };
  if (node.op === 'not') return { min: 0, ids: needed(node.item).ids };
  const parts = node.items.map(needed);
  const ids = new Set(parts.flatMap((p) => [...p.ids]));
  const mins = parts.map((p) => p.min);
  if (node.op === 'or') return { min: Math.min(...mins), ids };
  const disjoint = parts.reduce((n, p) => n + p.ids.size, 0) === ids.size;
  return { min: disjoint ? mins.reduce((a, b) => a + b, 0) : Math.max(...mins), ids };
}

/** True when every leaf of an unweighted list is one positive term: its hit leaves are its score. */
function countIsScore(wl: CompiledWatchlist, queryLeaves: Set<number>): boolean {
  if (wl.weights.length > 0) return false;
  const termIds = new Set(wl.terms.map((t) => t.id));
  return termIds.size === wl.terms.length && termIds.size === queryLeaves.size;
}

/** Evaluates the node at pc given the leaves marked with `gen` in leafHit. */
export function evalCode(code: Int32Array, pc: number, leafHit: Uint32Array, gen: number): boolean {
  const op = code[pc]!;
  if (op === OP_LEAF) return leafHit[code[pc + 1]!] === gen;
  if (op === OP_NOT) return !evalCode(code, pc + 2, leafHit, gen);
  const end = pc + code[pc + 1]!;
  const want = op === OP_OR; // the child value that decides the node
  for (let at = pc + 2; at < end; at += code[at] === OP_LEAF ? 2 : code[at + 1]!) {
    if (evalCode(code, at, leafHit, gen) === want) return want;
  }
  return !want;
}

/** The number of list i's distinct positive terms that hit (the score without weights). */
export function countTerms(flat: FlatClassifier, list: number, leafHit: Uint32Array, gen: number): number {
  let n = 0;
  const ids = flat.termIds;
  for (let k = flat.termStart[list]!, end = flat.termStart[list + 1]!; k < end; k++) {
    if (leafHit[ids[k]!] === gen) n++;
  }
  return n;
}
