/**
 * Compiles every watch-list query (and weights key) so that a syntax error is reported at its
 * own place in watchlists.yaml: "watchlists.yaml:14:18: NEAR needs a distance, as in NEAR/5".
 */
import { checkWatchlists } from '../classify/index.js';
import type { ConfigProblem } from '../errors.js';
import type { WatchlistsFile } from './schema.js';
import type { YamlSource } from './yaml-source.js';

export function checkQueries(file: WatchlistsFile, source: YamlSource): ConfigProblem[] {
  return checkWatchlists(file).map((err) => {
    if (err.entity !== undefined) return entityProblem(err.entity, err.alias ?? -1, err.detail, source);
    const path = err.field === 'query'
      ? ['watchlists', err.watchlist, 'query']
      : ['watchlists', err.watchlist, 'weights', err.weightKey ?? ''];
    const where = err.field === 'query' ? `watchlists.${err.watchlist}.query` : `watchlists.${err.watchlist}.weights "${err.weightKey}"`;
    const start = err.field === 'query' ? source.scalarAt(path) : source.keyScalarAt(path);
    const value = err.field === 'query' ? file.watchlists[err.watchlist]!.query : err.weightKey ?? '';
    const nonSpace = value.slice(0, err.offset).replace(/\s+/g, '').length;
    const offset = start ? start.offset + sourceOffset(source.text, start, nonSpace) : source.offsetOf(path);
    return source.at(offset, `${where}: ${err.detail}`);
  });
}

/** An alias (or an entity's own name, alias -1) that is not a usable term. */
function entityProblem(entity: string, alias: number, detail: string, source: YamlSource): ConfigProblem {
  const path = alias < 0 ? ['entities', entity] : ['entities', entity, 'aliases', alias];
  return source.atPath(path, detail, { key: alias < 0 });
}

/**
 * Maps an offset into a scalar's value to an offset into its source text. The value and the
 * source differ by quotes, a block header and folded white space, so count the non-space
 * characters before the offset and find the same count in the source.
 */
function sourceOffset(text: string, node: { offset: number; end: number; type?: string }, nonSpaceBefore: number): number {
  const raw = text.slice(node.offset, node.end);
  let start = 0;
  if (node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE') start = 1;
  else if (node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL') start = raw.indexOf('\n') + 1;
  return start + skipNonSpace(raw, start, nonSpaceBefore);
}

function skipNonSpace(raw: string, start: number, count: number): number {
  let i = start;
  let seen = 0;
  while (i < raw.length && seen < count) {
    if (!/\s/.test(raw[i]!)) seen++;
    i++;
  }
  while (i < raw.length && /\s/.test(raw[i]!)) i++;
  return i - start;
}
