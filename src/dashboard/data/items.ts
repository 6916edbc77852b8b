/**
 * Flagged items for the items page and /api/items, filtered by watch-list, feed, entity,
 * time and text. Time bounds are applied in Redis; of what is left, the newest SCAN_LIMIT of
 * each watch-list are read and filtered here by feed, entity and text, which is plenty for a
 * page a person reads.
 */
import { watchlistById } from '../../config/lookup.js';
import type { Hit, StoredItem } from '../../types.js';
import type { WorkerContext } from '../../workers/context.js';
import { RequestError } from '../errors.js';

/** What the items page and API filter on; every field optional. */
export interface ItemFilter {
  watchlist?: string;
  feed?: string;
  /** An entity name, as recognized in the item (case-insensitive). */
  entity?: string;
  /** Text searched in title, summary and body (case-insensitive). */
  q?: string;
  /** Flagged at or after (epoch ms). */
  since?: number;
  /** Flagged before (epoch ms). */
  until?: number;
  limit?: number;
}

/** One flag: a watch-list's verdict on an item, with the item. */
export interface FlaggedEntry {
  watchlist: string;
  score: number;
  flaggedAt: string;
  hits: Hit[];
  item: StoredItem;
}

export const SCAN_LIMIT = 500;
export const DEFAULT_LIMIT = 100;

export async function findFlagged(ctx: WorkerContext, filter: ItemFilter): Promise<FlaggedEntry[]> {
  const { config } = ctx.live.current();
  if (filter.watchlist !== undefined && !watchlistById(config, filter.watchlist)) throw new RequestError(404, `no watch-list "${filter.watchlist}"`);
  const ids = Object.keys(config.watchlists.watchlists);
  const lists = filter.watchlist ? [filter.watchlist] : ids;
  const limit = filter.limit ?? DEFAULT_LIMIT;
  // Without filters read here, the newest `limit` of each watch-list hold the newest `limit` of all.
  const scan = filter.feed || filter.entity || filter.q ? Math.max(SCAN_LIMIT, limit) : limit;
  const all: FlaggedEntry[] = [];
  for (const w of lists) {
    const range = { limit: scan, ...(filter.since !== undefined ? { since: filter.since } : {}), ...(filter.until !== undefined ? { until: filter.until } : {}) };
    for (const { item, match } of await ctx.store.items.listFlagged(w, range)) {
      const entry = { watchlist: w, score: match.score, flaggedAt: match.flaggedAt, hits: match.hits, item };
      if (keep(entry, filter)) all.push(entry);
    }
  }
  all.sort((a, b) => b.flaggedAt.localeCompare(a.flaggedAt) || a.item.key.localeCompare(b.item.key));
  return all.slice(0, limit);
}

function keep(e: FlaggedEntry, f: ItemFilter): boolean {
  const at = Date.parse(e.flaggedAt);
  if (f.since !== undefined && at < f.since) return false;
  if (f.until !== undefined && at >= f.until) return false;
  if (f.feed && e.item.feedId !== f.feed && !(e.item.alsoIn ?? []).includes(f.feed)) return false;
  if (f.entity) {
    const want = f.entity.toLowerCase();
    if (!e.item.entities.some((n) => n.name.toLowerCase() === want)) return false;
  }
  if (f.q) {
    const want = f.q.toLowerCase();
    const text = `${e.item.title}\n${e.item.summary}\n${e.item.body}`.toLowerCase();
    if (!text.includes(want)) return false;
  }
  return true;
}

/** `24h`, `7d`, `90m` (before now) or an ISO date/time, as epoch ms. */
export function parseTime(value: string, now = Date.now()): number {
  const rel = /^(\d+)\s*([mhd])$/.exec(value.trim());
  if (rel) return now - Number(rel[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[rel[2] as 'm' | 'h' | 'd'];
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw new RequestError(400, `bad time "${value}" (expected 24h, 7d or an ISO date)`);
  return at;
}

/** Longest filter value taken: names and search words are short, a megabyte of `q` is not a search. */
export const MAX_PARAM_CHARS = 1_000;

/** Reads a filter from query parameters (strings), ignoring empty ones. */
export function filterFromQuery(query: Record<string, unknown>): ItemFilter {
  const str = (k: string) => {
    const v = Object.hasOwn(query, k) ? query[k] : undefined;
    if (typeof v !== 'string' || v.trim() === '') return undefined;
    if (v.length > MAX_PARAM_CHARS) throw new RequestError(400, `parameter ${k} is over ${MAX_PARAM_CHARS} characters`);
    return v.trim();
  };
  const filter: ItemFilter = {};
  for (const k of ['watchlist', 'feed', 'entity', 'q'] as const) {
    const v = str(k);
    if (v !== undefined) filter[k] = v;
  }
  const since = str('since');
  const until = str('until');
  if (since) filter.since = parseTime(since);
  if (until) filter.until = parseTime(until);
  const limit = str('limit');
  if (limit) {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw new RequestError(400, `bad limit "${limit}" (1 to 1000)`);
    filter.limit = n;
  }
  return filter;
}
