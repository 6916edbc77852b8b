/**
 * The digest stage's pure core: from the matches claimed into a run, build what it sends.
 * Filter by minScore, cluster copies of one story across the whole run (so a story matched
 * by two watch-lists still appears once), rank by score then recency, cap at maxItems
 * stories and group by watch-list in config order.
 */
import type { StoredItem, StoredMatch } from '../types.js';
import { clusterItems, DEFAULT_CLUSTER_THRESHOLD } from './cluster-items.js';
import { itemTime, makeEntry, type ItemMatches } from './make-entry.js';
import type { Digest, DigestEntry, DigestSection } from './types.js';

export interface BuildDigestInput {
  name: string;
  runId: string;
  scheduledFor: string;
  entries: Array<{ item: StoredItem; match: StoredMatch }>;
  /** The digest's watch-lists in config order. */
  watchlists: Record<string, { description?: string }>;
  /** Most stories (clusters) in one digest; the rest are deferred to the next run. */
  maxItems: number;
  minScore?: number;
  /** Estimated Jaccard similarity at which two items are one story (default 0.5; > 1 disables). */
  clusterThreshold?: number;
  /** IANA zone for displayed times (default UTC). */
  timezone?: string;
}

function timeMs(t: string | undefined): number {
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? 0 : ms;
}

function groupByItem(input: BuildDigestInput): { kept: ItemMatches[]; dropped: string[] } {
  const order = Object.keys(input.watchlists);
  const rank = (w: string) => (order.includes(w) ? order.indexOf(w) : order.length);
  const byKey = new Map<string, ItemMatches>();
  for (const { item, match } of input.entries) {
    let group = byKey.get(item.key);
    if (!group) byKey.set(item.key, (group = { item, matches: [] }));
    if (input.minScore !== undefined && match.score < input.minScore) continue;
    if (group.matches.some((m) => m.watchlist === match.watchlist)) continue;
    group.matches.push(match);
  }
  const kept: ItemMatches[] = [];
  const dropped: string[] = [];
  for (const group of byKey.values()) {
    if (group.matches.length === 0) dropped.push(group.item.key);
    else {
      group.matches.sort((a, b) => b.score - a.score || rank(a.watchlist) - rank(b.watchlist));
      kept.push(group);
    }
  }
  return { kept, dropped };
}

/** Best copy first: highest score, then the earliest (the likely original), then key. */
function compareCopies(a: ItemMatches, b: ItemMatches): number {
  return (
    b.matches[0]!.score - a.matches[0]!.score ||
    timeMs(itemTime(a.item)) - timeMs(itemTime(b.item)) ||
    (a.item.key < b.item.key ? -1 : 1)
  );
}

function compareEntries(a: DigestEntry, b: DigestEntry): number {
  return b.score - a.score || timeMs(b.time) - timeMs(a.time) || (a.key < b.key ? -1 : 1);
}

function toSections(entries: DigestEntry[], watchlists: BuildDigestInput['watchlists']): DigestSection[] {
  const names = [...Object.keys(watchlists)];
  for (const e of entries) if (!names.includes(e.watchlist)) names.push(e.watchlist);
  return names
    .map((w) => ({ watchlist: w, description: watchlists[w]?.description, entries: entries.filter((e) => e.watchlist === w) }))
    .filter((s) => s.entries.length > 0);
}

/** Builds one digest run from its claimed matches. Pure: same input, same digest. */
export function buildDigest(input: BuildDigestInput): Digest {
  const { kept, dropped } = groupByItem(input);
  const texts = kept.map(({ item }) => ({ title: item.title, body: item.body || item.summary, url: item.url }));
  const clusters = clusterItems(texts, input.clusterThreshold ?? DEFAULT_CLUSTER_THRESHOLD);
  const ranked = clusters
    .map((indexes) => makeEntry(indexes.map((i) => kept[i]!).sort(compareCopies)))
    .sort(compareEntries);
  const cap = Math.max(0, Math.floor(input.maxItems));
  const chosen = ranked.slice(0, cap);
  return {
    name: input.name,
    runId: input.runId,
    scheduledFor: input.scheduledFor,
    timezone: input.timezone ?? 'UTC',
    sections: toSections(chosen, input.watchlists),
    itemKeys: chosen.flatMap((e) => e.itemKeys),
    deferredKeys: ranked.slice(cap).flatMap((e) => e.itemKeys),
    droppedKeys: dropped,
    entryCount: chosen.length,
  };
}
