/**
 * Counts what each channel of a chaos run got, item by item. The file channel: how many
 * digest entries across all files name each item's page. The webhook: under how many distinct
 * delivery ids each item arrived (a receiver drops an id it has seen, so that is what it keeps),
 * and whether one id ever carried two different sets of items.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../../../src/store/store.js';
import type { Fixtures } from './fixtures.js';

export interface ChannelTally {
  /** Flagged items that arrived. */
  delivered: number;
  /** Flagged items that never arrived. */
  lost: number;
  /** Items that arrived more than once (file: in two entries; webhook: under two delivery ids). */
  duplicated: number;
  /** Items that arrived though no watch-list flags them. */
  unflagged: number;
  /** A few of the items at fault, for the failure message. */
  examples: string[];
}

export async function tally(store: Store, fixtures: Fixtures, outbox: string, total: number): Promise<{ processed: number; file: ChannelTally & { files: number }; webhook: ChannelTally & { deliveryIds: number; repeatedRequests: number; inconsistentIds: number } }> {
  // Item key -> "f/i", from the stored items' page URLs.
  const items = await store.items.listRecent(total + 100);
  const byKey = new Map(items.map((it) => [it.key, /\/page\/(\d+)\/(\d+)$/.exec(it.url ?? '')?.slice(1, 3).join('/') ?? it.key]));

  const files = readOutbox(outbox);
  const fileCounts = new Map<string, number>();
  for (const text of files) {
    for (const m of text.matchAll(/^\d+\. \*\*\[[^\n]*?\]\(([^)\s]+)\)\*\*/gm)) {
      const fi = /\/page\/(\d+)\/(\d+)$/.exec(m[1]!)?.slice(1, 3).join('/') ?? m[1]!;
      fileCounts.set(fi, (fileCounts.get(fi) ?? 0) + 1);
    }
  }

  const idsPerItem = new Map<string, Set<string>>();
  const contentPerId = new Map<string, Set<string>>();
  for (const a of fixtures.accepted) {
    const content = [...a.itemKeys].sort().join(',');
    contentPerId.set(a.deliveryId, (contentPerId.get(a.deliveryId) ?? new Set()).add(content));
    for (const key of a.itemKeys) {
      const fi = byKey.get(key) ?? key;
      idsPerItem.set(fi, (idsPerItem.get(fi) ?? new Set()).add(a.deliveryId));
    }
  }
  const hookCounts = new Map([...idsPerItem].map(([fi, ids]) => [fi, ids.size]));
  return {
    processed: items.length,
    file: { ...count(fileCounts, fixtures.flagged), files: files.length },
    webhook: {
      ...count(hookCounts, fixtures.flagged),
      deliveryIds: contentPerId.size,
      repeatedRequests: fixtures.accepted.length - contentPerId.size,
      inconsistentIds: [...contentPerId.values()].filter((s) => s.size > 1).length,
    },
  };
}

function count(times: Map<string, number>, flagged: Set<string>): ChannelTally {
  const t: ChannelTally = { delivered: 0, lost: 0, duplicated: 0, unflagged: 0, examples: [] };
  for (const fi of flagged) {
    const n = times.get(fi) ?? 0;
    if (n === 0) { t.lost += 1; t.examples.push(`lost ${fi}`); }
    else t.delivered += 1;
    if (n > 1) { t.duplicated += 1; t.examples.push(`${fi} x${n}`); }
  }
  for (const fi of times.keys()) {
    if (!flagged.has(fi)) { t.unflagged += 1; t.examples.push(`unflagged ${fi}`); }
  }
  t.examples = t.examples.slice(0, 10);
  return t;
}

function readOutbox(outbox: string): string[] {
  try {
    return readdirSync(outbox).filter((f) => f.endsWith('.md')).map((f) => readFileSync(join(outbox, f), 'utf8'));
  } catch {
    return [];
  }
}
