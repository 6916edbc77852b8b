/** Writes processed, flagged items through the store's public methods, as process-article would. */
import type { Store } from '../../src/store/store.js';
import type { StoredItem, StoredMatch } from '../../src/types.js';

export interface SeedOptions {
  count: number;
  watchlist: string;
  digest: string;
  channels: string[];
  /** Key and title prefix, so seeds of one test never collide. Default 'item'. */
  tag?: string;
  feedId?: string;
  title?: (i: number) => string;
}

export async function seedFlagged(store: Store, o: SeedOptions): Promise<StoredItem[]> {
  const items: StoredItem[] = [];
  const now = Date.now();
  for (let i = 0; i < o.count; i++) {
    const key = `${o.tag ?? 'item'}-${i}`;
    const processedAt = new Date(now - i * 1000).toISOString();
    // Distinct words per item, so near-duplicate clustering keeps them apart.
    const words = Array.from({ length: 30 }, (_, w) => `w${i}x${w}`).join(' ');
    const item: StoredItem = {
      key, feedId: o.feedId ?? 'seed-feed', url: `https://example.org/${key}`,
      title: o.title?.(i) ?? `${o.tag ?? 'Item'} number ${i} about Libya`, summary: `Summary ${i}`,
      body: `Story ${i} from Libya. ${words}`, bodySource: 'feed', processedAt, tags: [], entities: [],
    };
    const match: StoredMatch = {
      itemKey: key, watchlist: o.watchlist, score: 10 - (i % 5), flaggedAt: processedAt,
      hits: [{ term: 'libya', field: 'body', start: 13, end: 18, snippet: `Story ${i} from Libya.` }],
    };
    const targets = new Map([[o.watchlist, o.channels.map((channel) => ({ digest: o.digest, channel }))]]);
    await store.items.saveProcessed(item, [match], targets);
    items.push(item);
  }
  return items;
}
