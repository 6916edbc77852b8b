/**
 * Immediate alerts: one flagged item, or the alerts over a channel's per-minute limit folded
 * into one "and N more" message. The rate limit itself lives with the worker (Redis).
 */
import type { StoredItem, StoredMatch } from '../types.js';
import { makeEntry } from './make-entry.js';
import type { Alert, FoldedAlert } from './types.js';

export interface BuildAlertInput {
  /** The alert's name in digests.yaml. */
  name: string;
  item: StoredItem;
  match: StoredMatch;
  /** The watch-list's description. */
  description?: string;
  timezone?: string;
  /** ISO time; default now. */
  createdAt?: string;
}

export function buildAlert(input: BuildAlertInput): Alert {
  const entry = makeEntry([{ item: input.item, matches: [input.match] }]);
  return {
    kind: 'alert',
    name: input.name,
    createdAt: input.createdAt ?? new Date().toISOString(),
    timezone: input.timezone ?? 'UTC',
    description: input.description,
    entry,
    itemKeys: entry.itemKeys,
  };
}

export interface BuildFoldedAlertInput {
  name: string;
  entries: Array<{ item: StoredItem; match: StoredMatch }>;
  /** Alerts folded, when more than `entries` (the worker may keep only the latest). */
  count?: number;
  timezone?: string;
  createdAt?: string;
}

/** Folds alerts into one message, best score first. */
export function buildFoldedAlert(input: BuildFoldedAlertInput): FoldedAlert {
  const entries = input.entries
    .map(({ item, match }) => makeEntry([{ item, matches: [match] }]))
    .sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
  return {
    kind: 'folded',
    name: input.name,
    createdAt: input.createdAt ?? new Date().toISOString(),
    timezone: input.timezone ?? 'UTC',
    count: Math.max(input.count ?? 0, entries.length),
    entries,
    itemKeys: entries.flatMap((e) => e.itemKeys),
  };
}
