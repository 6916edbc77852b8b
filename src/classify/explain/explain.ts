/**
 * Says in one line why a watch-list did or did not flag an item: the group of the query that
 * found nothing, the excluded term that was found, or the score against the threshold.
 */
import { WirewatchError } from '../../errors.js';
import type { WatchlistMatch } from '../../types.js';
import { evalCode } from '../compile/flat.js';
import type { LeafHits } from '../judge/leaf-eval.js';
import type { Classifier, CompiledNode, CompiledWatchlist } from '../types.js';
import { formatReason, rankReasons, shortenTerm } from './rank.js';

/** Reasons named in a one-line explanation. */
const MAX_TERMS = 4;

/** The smallest parts of the query that kept it from matching. */
function blockers(c: Classifier, node: CompiledNode, hits: LeafHits): string[] {
  const m = hits.marks();
  if (evalCode(c.flat.code, node.pc, m.leafHit, m.generation)) return [];
  switch (node.op) {
    case 'leaf': return [`nothing found for ${shortenTerm(node.text)}`];
    case 'or': return [`nothing found for ${shortenTerm(node.text)}`];
    case 'not': return [`excluded ${shortenTerm(node.item.text)} was found`];
    case 'and': return node.items.flatMap((item) => blockers(c, item, hits));
  }
}

/** The strongest reasons, ranked: `@ISIS: "Islamic State" x2 (+4), title:@ISIS (+3) and 2 more`. */
function reasonSummary(match: WatchlistMatch): string {
  const all = rankReasons(match);
  const named = all.slice(0, MAX_TERMS).map(formatReason);
  if (all.length > MAX_TERMS) named.push(`and ${all.length - MAX_TERMS} more`);
  return named.join(', ');
}

/** Why the item was flagged: its strongest reasons and the snippet of the strongest. */
export function explainFlag(match: WatchlistMatch): string {
  const snippet = rankReasons(match, 1)[0]?.snippet;
  return `flagged by ${reasonSummary(match)} (score ${match.score} >= ${match.threshold})${snippet ? ` — ${snippet}` : ''}`;
}

const byId = new WeakMap<Classifier, Map<string, CompiledWatchlist>>();

function watchlistOf(c: Classifier, id: string): CompiledWatchlist {
  let map = byId.get(c);
  if (!map) byId.set(c, (map = new Map(c.watchlists.map((wl) => [wl.id, wl]))));
  const wl = map.get(id);
  if (!wl) throw new WirewatchError('classify', `no watch-list "${id}" in this classifier`);
  return wl;
}

/**
 * Why the item was not flagged: the parts of the query that found nothing (or the excluded
 * term found), or the score against the threshold. `hits` are the leaf hits of the same
 * classification (classifyDetailed).
 */
export function explainMiss(c: Classifier, match: WatchlistMatch, hits: LeafHits): string {
  if (!match.queryMatched) return `query did not match: ${blockers(c, watchlistOf(c, match.watchlist).query, hits).join('; ')}`;
  const found = match.hits.length ? ` (hits: ${reasonSummary(match)})` : '';
  return `score ${match.score} below threshold ${match.threshold}${found}`;
}
