/**
 * compileSearch / judgeStored: a search query is a watch-list of its own (same language, same
 * entities, threshold 0), so "the items search finds" and "the items classify would flag
 * with that query" are one set by construction. The prefilter narrows the archive to
 * candidates; judgeStored decides each exactly, from the stored text and the stored names.
 */
import { classifyItem, compileWatchlists, type Classifier } from '../classify/index.js';
import { parseQuery } from '../classify/query/parser.js';
import type { WatchlistsFile } from '../config/schema.js';
import type { WatchlistMatch } from '../types.js';
import { storedRecognizer, type PackedName } from './names.js';
import { buildPrefilter } from './prefilter.js';
import type { Prefilter } from './types.js';

/** The watch-list id a search query is compiled under (not a valid config id, so it never collides). */
export const SEARCH_ID = '(search)';

export interface CompiledSearch {
  query: string;
  classifier: Classifier;
  prefilter: Prefilter;
}

/** What judging needs of a stored item. */
export interface StoredText {
  title: string;
  body: string;
  feedId: string;
  tags: string[];
  lang?: string;
  /** The recognizer's spans as stored; null for items stored without them (the recognizer runs again). */
  names: PackedName[] | null;
}

/** Compiles a query with the config's entities. Throws QueryError (with the offset) on a bad query. */
export function compileSearch(query: string, watchlists: WatchlistsFile): CompiledSearch {
  const classifier = compileWatchlists({ entities: watchlists.entities, watchlists: { [SEARCH_ID]: { query, threshold: 0 } } });
  const ctx = { entities: new Map(Object.keys(watchlists.entities).map((name) => [name.toLowerCase(), name])) };
  const aliases = new Map(Object.entries(watchlists.entities).map(([name, e]) => [name, e.aliases]));
  return { query, classifier, prefilter: buildPrefilter(parseQuery(query, ctx), aliases) };
}

/** The verdicts of a compiled classifier on one stored item, reading its stored names. */
export function judgeStored(classifier: Classifier, item: StoredText): WatchlistMatch[] {
  const input = { title: item.title, body: item.body, feedId: item.feedId, tags: item.tags, ...(item.lang ? { lang: item.lang } : {}) };
  const opts = item.names === null ? {} : { recognizer: storedRecognizer(item.names, item.title, item.body) };
  return classifyItem(classifier, input, opts).matches;
}

/** Whether a search matches one stored item. */
export function searchMatches(search: CompiledSearch, item: StoredText): boolean {
  return judgeStored(search.classifier, item)[0]?.flagged ?? false;
}
