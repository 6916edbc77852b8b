/**
 * Compiles every watch-list query (and weights key) so that a syntax error is reported at its
 * own place in watchlists.yaml: "watchlists.yaml:14:18: NEAR needs a distance, as in NEAR/5".
 */
import { checkWatchlists, weightlessTerms } from '../classify/index.js';
import type { ConfigProblem } from '../errors.js';
import type { WatchlistsFile } from './schema.js';
import type { YamlPath, YamlSource } from './yaml-source.js';

export function checkQueries(file: WatchlistsFile, source: YamlSource): ConfigProblem[] {
  return checkWatchlists(file).map((err) => {
    if (err.entity !== undefined) return entityProblem(err.entity, err.alias ?? -1, err.detail, source);
    const path = err.field === 'query'
      ? ['watchlists', err.watchlist, 'query']
      : ['watchlists', err.watchlist, 'weights', err.weightKey ?? ''];
    const where = err.field === 'query' ? `watchlists.${err.watchlist}.query` : `watchlists.${err.watchlist}.weights "${err.weightKey}"`;
    const start = err.field === 'query' ? source.scalarAt(path) : source.keyScalarAt(path);
    const value = err.field === 'query' ? file.watchlists[err.watchlist]!.query : err.weightKey ?? '';
    return source.at(placeIn(source, path, start, value, err.offset), `${where}: ${err.detail}`);
  });
}

/** The source offset of `offset` into the scalar at `path` (its start when the scalar is not found). */
function placeIn(source: YamlSource, path: YamlPath, start: ReturnType<YamlSource['scalarAt']>, value: string, offset: number): number {
  const nonSpace = value.slice(0, offset).replace(/\s+/g, '').length;
  return start ? start.offset + sourceOffset(source.text, start, nonSpace) : source.offsetOf(path);
}

/**
 * Warnings, not errors (the file still loads): each query term of a list with weights that
 * has no weight and no defaultWeight to give it one, so it can never add to the score.
 * Call only on a file whose queries compile.
 */
export function checkWeightless(file: WatchlistsFile, source: YamlSource): ConfigProblem[] {
  return weightlessTerms(file).map((t) => {
    const path = ['watchlists', t.watchlist, 'query'];
    const offset = placeIn(source, path, source.scalarAt(path), file.watchlists[t.watchlist]!.query, t.offset);
    return source.at(offset, `watchlists.${t.watchlist}.query: ${t.text} adds nothing to the score: this list has weights and ${t.text} has none. `
      + `Give it one (weights: { ${weightExample(t.text)}: 1 }), or set defaultWeight: 1 for every term without a weight (defaultWeight: 0 if it should only decide whether the query matches)`);
  });
}

/** A weights key for the term, quoted as YAML needs it in a flow map. */
function weightExample(term: string): string {
  return `'${term.replace(/'/g, "''")}'`;
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
