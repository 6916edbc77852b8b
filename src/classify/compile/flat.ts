/**
 * The compiled watch-lists as flat typed arrays, for the per-article hot path. With a
 * thousand watch-lists, the objects and closures of the query trees spread over megabytes,
 * and judging the hundred-odd lists an article touches was bound by cache misses; the same
 * facts in a few contiguous arrays stay in cache. The object form stays for explanations.
 */
import type { CompiledNode, CompiledWatchlist, FlatClassifier } from '../types.js';
import type { Leaf } from '../query/ast.js';
import { packRows } from './rows.js';

/** Query code: a node is [op, size-or-leaf] followed by its children (preorder). */
const OP_LEAF = 0, OP_NOT = 1, OP_AND = 2, OP_OR = 3;

/** How a leaf is decided from the seqs found in a field: text in any field, title, body, or otherwise. */
export const MODE_ANY = 0, MODE_TITLE = 1, MODE_BODY = 2, MODE_OTHER = 3;

/** Appends the node's code to `out` and records where it starts (node.pc), so explanations evaluate its parts with the same code. */
function emit(node: CompiledNode, out: number[]): void {
  node.pc = out.length;
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
  /** leaf id -> indices of the watch-lists that use it. */
  leafWatchlists: number[][];
  /** seq id -> leaves it can make hit. */
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

/**
 * The one query evaluator: the node at pc, given the leaves marked with `gen` in leafHit.
 * Verdicts run it on the classifier's scratch marks; explanations on a node's own pc.
 */
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
