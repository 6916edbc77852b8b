/**
 * Flagged items for the items page, /api/items and the Atom feeds: filtered by watch-list,
 * feed, entity, time and text, sorted by flag time or score, a page at a time. Time bounds
 * are applied in Redis. Without a feed, entity or text filter only the index is read (and the
 * match records when sorting by score), then the records of the one page shown; with one, the
 * newest SCAN_LIMIT flags of each watch-list are read and filtered here.
 */
import { watchlistById } from '../../config/lookup.js';
import { parseTimeBound } from '../../config/units.js';
import type { FlagRef } from '../../store/flag-index.js';
import type { Hit, Reason, StoredItem, StoredMatch } from '../../types.js';
import type { WorkerContext } from '../../workers/context.js';
import { RequestError } from '../errors.js';

export type ItemSort = 'time' | 'score';

/** What the items page and API filter on; every field optional. */
export interface ItemFilter {
  watchlist?: string;
  feed?: string;
  /** An entity name, as recognized in the item (case-insensitive). */
  entity?: string;
  /** Words that must all occur in title, summary or body (case-insensitive). */
  q?: string;
  /** Flagged at or after (epoch ms). */
  since?: number;
  /** Flagged before (epoch ms). */
  until?: number;
  /** Page size. */
  limit?: number;
  /** 1-based. */
  page?: number;
  /** Default time: newest first. Score: highest first, then newest. */
  sort?: ItemSort;
}

/** One flag: a watch-list's verdict on an item, with the item. */
export interface FlaggedEntry {
  watchlist: string;
  score: number;
  flaggedAt: string;
  hits: Hit[];
  /** Why, strongest first (absent on flags stored before reasons were kept). */
  reasons?: Reason[];
  item: StoredItem;
}

export interface FlaggedPage {
  entries: FlaggedEntry[];
  /** Flags matching the filter (among the newest SCAN_LIMIT of each watch-list when `scanned`). */
  total: number;
  /** True when a feed, entity or text filter looked only at the newest SCAN_LIMIT flags of a watch-list that has more. */
  scanned: boolean;
  page: number;
  limit: number;
  sort: ItemSort;
}

export const SCAN_LIMIT = 500;
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/** The deepest flag a page may reach: paging further means narrowing the filter. */
export const MAX_DEPTH = 20_000;

export async function findFlagged(ctx: WorkerContext, filter: ItemFilter): Promise<FlaggedEntry[]> {
  return (await findFlaggedPage(ctx, filter)).entries;
}

export async function findFlaggedPage(ctx: WorkerContext, filter: ItemFilter): Promise<FlaggedPage> {
  const { config } = ctx.live.current();
  if (filter.watchlist !== undefined && !watchlistById(config, filter.watchlist)) throw new RequestError(404, `no watch-list "${filter.watchlist}"`);
  const ids = Object.keys(config.watchlists.watchlists);
  const lists = filter.watchlist ? [filter.watchlist] : ids;
  const limit = filter.limit ?? DEFAULT_LIMIT;
  const page = filter.page ?? 1;
  const sort = filter.sort ?? 'time';
  const range = { since: filter.since, until: filter.until };
  const offset = (page - 1) * limit;
  const base = { page, limit, sort };
  if (filter.feed || filter.entity || filter.q) {
    const refs = (await Promise.all(lists.map((w) => ctx.store.flags.newest(w, range, SCAN_LIMIT)))).flat();
    const counts = await ctx.store.flags.counts(lists, range);
    const kept = (await loadEntries(ctx, refs)).filter((e) => keep(e, filter)).sort(ORDER[sort]);
    return { ...base, entries: kept.slice(offset, offset + limit), total: kept.length, scanned: counts.some((n) => n > SCAN_LIMIT) };
  }
  const counts = await ctx.store.flags.counts(lists, range);
  const total = counts.reduce((a, n) => a + n, 0);
  if (sort === 'time') {
    // The newest offset+limit of each watch-list hold the newest offset+limit of all.
    const refs = (await Promise.all(lists.map((w) => ctx.store.flags.newest(w, range, offset + limit)))).flat();
    refs.sort((a, b) => b.at - a.at || a.itemKey.localeCompare(b.itemKey) || a.watchlist.localeCompare(b.watchlist));
    return { ...base, entries: await loadEntries(ctx, refs.slice(offset, offset + limit)), total, scanned: false };
  }
  const refs = (await Promise.all(lists.map((w) => ctx.store.flags.newest(w, range, MAX_DEPTH)))).flat();
  const matches = await ctx.store.flags.matches(refs);
  const scored = refs.flatMap((r, i) => (matches[i] ? [{ ref: r, match: matches[i]! }] : []));
  scored.sort((a, b) => b.match.score - a.match.score || b.ref.at - a.ref.at || a.ref.itemKey.localeCompare(b.ref.itemKey));
  const shown = scored.slice(offset, offset + limit);
  return { ...base, entries: await loadEntries(ctx, shown.map((s) => s.ref), shown.map((s) => s.match)), total, scanned: false };
}

const ORDER: Record<ItemSort, (a: FlaggedEntry, b: FlaggedEntry) => number> = {
  time: (a, b) => b.flaggedAt.localeCompare(a.flaggedAt) || a.item.key.localeCompare(b.item.key) || a.watchlist.localeCompare(b.watchlist),
  score: (a, b) => b.score - a.score || ORDER.time(a, b),
};

/** Items and matches of the flags, in their order; flags whose records expired are left out. */
async function loadEntries(ctx: WorkerContext, refs: FlagRef[], known?: StoredMatch[]): Promise<FlaggedEntry[]> {
  const [items, matches] = await Promise.all([
    ctx.store.items.getMany([...new Set(refs.map((r) => r.itemKey))]),
    known ?? ctx.store.flags.matches(refs),
  ]);
  const byKey = new Map(items.map((it) => [it.key, it]));
  return refs.flatMap((r, i) => {
    const item = byKey.get(r.itemKey);
    const match = matches[i];
    return item && match ? [{ watchlist: r.watchlist, score: match.score, flaggedAt: match.flaggedAt, hits: match.hits, ...(match.reasons ? { reasons: match.reasons } : {}), item }] : [];
  });
}

/** The words of a text filter, as the page highlights them. */
export function filterWords(q: string | undefined): string[] {
  return (q ?? '').split(/\s+/).filter(Boolean);
}

function keep(e: FlaggedEntry, f: ItemFilter): boolean {
  if (f.feed && e.item.feedId !== f.feed && !(e.item.alsoIn ?? []).includes(f.feed)) return false;
  if (f.entity) {
    const want = f.entity.toLowerCase();
    if (!e.item.entities.some((n) => (n.names ?? [n.name]).some((name) => name.toLowerCase() === want))) return false;
  }
  if (f.q) {
    const text = `${e.item.title}\n${e.item.summary}\n${e.item.body}`.toLowerCase();
    if (!filterWords(f.q).every((w) => text.includes(w.toLowerCase()))) return false;
  }
  return true;
}

/** `24h`, `7d`, `90m` (before now) or an ISO date/time, as epoch ms. */
export function parseTime(value: string, now = Date.now()): number {
  const at = parseTimeBound(value, now);
  if (at === undefined) throw new RequestError(400, `bad time "${value}" (expected 24h, 7d or an ISO date)`);
  return at;
}

function positiveInt(name: string, value: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new RequestError(400, `bad ${name} "${value}" (1 to ${max})`);
  return n;
}

/** Longest filter value taken: names and search words are short, a megabyte of `q` is not a search. */
export const MAX_PARAM_CHARS = 1_000;

/** Reads a filter from query parameters (strings), ignoring empty ones; `limit` defaults to `defaultLimit`. */
export function filterFromQuery(query: Record<string, unknown>, defaultLimit = DEFAULT_LIMIT): ItemFilter {
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
  filter.limit = limit ? positiveInt('limit', limit, MAX_LIMIT) : defaultLimit;
  const page = str('page');
  if (page) filter.page = positiveInt('page', page, Math.floor(MAX_DEPTH / filter.limit));
  const sort = str('sort');
  if (sort !== undefined && sort !== 'time' && sort !== 'score') throw new RequestError(400, `bad sort "${sort}" (time or score)`);
  if (sort) filter.sort = sort;
  return filter;
}
