/**
 * A watch-list's version: a short hash of what decides its verdicts (its query, weights,
 * threshold and every entity definition it can read). Stored with each match, so the
 * dashboard can tell that flags were judged by an older version and offer to re-judge.
 */
import { createHash } from 'node:crypto';
import type { WatchlistsFile } from './schema.js';

export function watchlistVersions(file: WatchlistsFile): Map<string, string> {
  // Entities are shared: any change to one may change any list that names it; hashing them all is simple and safe.
  const entities = JSON.stringify(sortKeys(file.entities));
  const out = new Map<string, string>();
  for (const [id, wl] of Object.entries(file.watchlists)) {
    const h = createHash('sha256').update(JSON.stringify(sortKeys({ query: wl.query, weights: wl.weights ?? {}, threshold: wl.threshold }))).update(entities);
    out.set(id, h.digest('base64url').slice(0, 12));
  }
  return out;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}
