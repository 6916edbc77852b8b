/** Builders of stored items and matches for the digest and notify tests. */
import type { StoredItem, StoredMatch } from '../../src/types.js';

const WORDS = (
  'minister council border convoy harbour election drought vaccine pipeline refinery court ' +
  'protest ceasefire militia airport budget reactor summit tanker grain flood wildfire strike ' +
  'senate treaty bank currency drone satellite bridge railway hospital school mine port'
).split(' ');

/** Deterministic pseudo-random prose, different for each seed: stories that share nothing. */
export function prose(seed: number, words = 80): string {
  let x = (seed + 1) * 2654435761;
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    x = (Math.imul(x ^ (x >>> 15), 2246822519) + i) >>> 0;
    out.push(WORDS[x % WORDS.length]!);
  }
  return out.join(' ') + '.';
}

export function makeItem(key: string, over: Partial<StoredItem> = {}): StoredItem {
  return {
    key,
    feedId: 'feed-a',
    url: `https://news.example/${key}`,
    title: `Story ${key}`,
    summary: '',
    body: prose(key.split('').reduce((a, c) => a * 31 + c.charCodeAt(0), 7)),
    bodySource: 'page',
    processedAt: '2026-11-21T06:00:00.000Z',
    published: '2026-11-21T05:00:00.000Z',
    tags: [],
    entities: [],
    ...over,
  };
}

export function makeMatch(item: StoredItem, watchlist: string, score: number): StoredMatch {
  return {
    itemKey: item.key,
    watchlist,
    score,
    hits: [{ term: 'Sirte', field: 'title', start: 0, end: 5, snippet: `…${item.title.slice(0, 60)}…` }],
    flaggedAt: '2026-11-21T06:00:01.000Z',
  };
}

/** N distinct stories in one watch-list, scores descending from N. */
export function manyEntries(n: number, watchlist = 'libya'): Array<{ item: StoredItem; match: StoredMatch }> {
  return Array.from({ length: n }, (_, i) => {
    const item = makeItem(`item-${String(i).padStart(5, '0')}`, { title: `Story number ${i}: ${prose(i, 6)}`, body: prose(i * 7919 + 13, 120) });
    return { item, match: makeMatch(item, watchlist, n - i) };
  });
}
