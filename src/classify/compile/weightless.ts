/**
 * The query terms of a weighted watch-list that no weight entry covers and no `defaultWeight`
 * gives points to: they decide whether the query matches but never add to the score, which an
 * analyst reading "score 0 below threshold 3 (hits: ...)" cannot guess. check-config warns at
 * each one's place in the query.
 */
import type { WatchlistsFile } from '../../config/schema.js';
import type { QueryNode } from '../query/ast.js';
import { parseQuery, type ParseContext } from '../query/parser.js';

export interface WeightlessTerm {
  watchlist: string;
  /** The term as written in the query. */
  text: string;
  /** Where it starts in the query string. */
  offset: number;
}

/** The query's leaves outside NOT (a double NOT counts as positive), in query order. */
function positiveLeaves(node: QueryNode, negated = false, out: Extract<QueryNode, { kind: 'leaf' }>[] = []) {
  if (node.kind === 'leaf') { if (!negated) out.push(node); }
  else if (node.kind === 'not') positiveLeaves(node.item, !negated, out);
  else for (const item of node.items) positiveLeaves(item, negated, out);
  return out;
}

/** The leaves a weight key names (one term, or an OR of terms), as compile.ts keys them. */
function weightedLeaves(keys: string[], ctx: ParseContext): Set<string> {
  const out = new Set<string>();
  for (const key of keys) {
    const node = parseQuery(key, ctx);
    for (const item of node.kind === 'or' ? node.items : [node]) if (item.kind === 'leaf') out.add(JSON.stringify(item.leaf));
  }
  return out;
}

/** Every such term of every watch-list. The file must compile (check its queries first). */
export function weightlessTerms(file: WatchlistsFile): WeightlessTerm[] {
  const ctx: ParseContext = { entities: new Map(Object.keys(file.entities).map((name) => [name.toLowerCase(), name])) };
  const out: WeightlessTerm[] = [];
  for (const [watchlist, wl] of Object.entries(file.watchlists)) {
    const keys = Object.keys(wl.weights ?? {});
    if (keys.length === 0 || wl.defaultWeight !== undefined) continue;
    const weighted = weightedLeaves(keys, ctx);
    const seen = new Set<string>();
    for (const leaf of positiveLeaves(parseQuery(wl.query, ctx))) {
      const key = JSON.stringify(leaf.leaf);
      if (weighted.has(key) || seen.has(key)) continue;
      seen.add(key);
      out.push({ watchlist, text: leaf.text, offset: leaf.offset });
    }
  }
  return out;
}
