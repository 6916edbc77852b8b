/** Small builders for classify tests: one watch-list, one item, one verdict. */
import { watchlistsFileSchema } from '../../src/config/schema.js';
import { compileWatchlists, classifyItem, type Classifier } from '../../src/classify/index.js';
import type { ClassifyInput, WatchlistMatch } from '../../src/types.js';

export const ENTITIES = {
  ISIS: { type: 'org', aliases: ['Islamic State', 'ISIL', 'Daesh', 'IS'] },
  NorthAfrica: { type: 'place', aliases: ['Libya', 'Tunisia', 'Morocco', 'Algeria', 'Egypt', 'Sirte', 'Benghazi'] },
};

export interface ListOptions {
  weights?: Record<string, number>;
  defaultWeight?: number;
  threshold?: number;
  alert?: number;
  entities?: Record<string, unknown>;
}

export function compileOne(query: string, opts: ListOptions = {}): Classifier {
  const wl: Record<string, unknown> = { query };
  if (opts.weights) wl.weights = opts.weights;
  if (opts.defaultWeight !== undefined) wl.defaultWeight = opts.defaultWeight;
  if (opts.threshold !== undefined) wl.threshold = opts.threshold;
  if (opts.alert !== undefined) wl.alert = opts.alert;
  return compileWatchlists(watchlistsFileSchema.parse({ entities: opts.entities ?? ENTITIES, watchlists: { w: wl } }));
}

export function judge(query: string, item: Partial<ClassifyInput> | string, opts: ListOptions = {}): WatchlistMatch {
  const input: ClassifyInput = typeof item === 'string' ? { title: '', body: item } : { title: '', body: '', ...item };
  return classifyItem(compileOne(query, opts), input).matches[0]!;
}

/** Does the query alone match the item? */
export function matches(query: string, item: Partial<ClassifyInput> | string, opts: ListOptions = {}): boolean {
  return judge(query, item, opts).queryMatched;
}
