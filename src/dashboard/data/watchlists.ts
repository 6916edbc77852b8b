/** Each watch-list with its query, counts and top entities, for its page and /api/watchlists. */
import type { WorkerContext } from '../../workers/context.js';
import { loadTrends, total } from './trends.js';

export interface EntityCount {
  name: string;
  type: string;
  /** Flagged items (of the latest ENTITY_SCAN) that mention it. */
  items: number;
}

export interface WatchlistRow {
  id: string;
  description?: string;
  query: string;
  weights?: Record<string, number>;
  threshold: number;
  alert?: number;
  /** Flagged items kept (within retention). */
  flagged: number;
  flagged24h: number;
  flagged30d: number;
  topEntities: EntityCount[];
}

const ENTITY_SCAN = 200;
const TOP = 8;

export async function listWatchlists(ctx: WorkerContext, now = Date.now()): Promise<WatchlistRow[]> {
  const { config } = ctx.live.current();
  const trends = await loadTrends(ctx, now);
  const rows: WatchlistRow[] = [];
  for (const [id, w] of Object.entries(config.watchlists.watchlists)) {
    const [flagged, recent] = await Promise.all([ctx.store.items.countFlagged(id), ctx.store.items.listFlagged(id, { limit: ENTITY_SCAN })]);
    const row: WatchlistRow = {
      id, query: w.query, threshold: w.threshold, flagged,
      flagged24h: total(trends.hours, id), flagged30d: total(trends.days, id),
      topEntities: topEntities(recent.map((r) => r.item.entities)),
    };
    if (w.description) row.description = w.description;
    if (w.weights) row.weights = w.weights;
    if (w.alert !== undefined) row.alert = w.alert;
    rows.push(row);
  }
  return rows;
}

function topEntities(lists: Array<Array<{ name: string; type: string }>>): EntityCount[] {
  const counts = new Map<string, EntityCount>();
  for (const list of lists) {
    for (const e of new Map(list.map((x) => [x.name, x])).values()) {
      const c = counts.get(e.name) ?? { name: e.name, type: e.type, items: 0 };
      c.items++;
      counts.set(e.name, c);
    }
  }
  return [...counts.values()].sort((a, b) => b.items - a.items || a.name.localeCompare(b.name)).slice(0, TOP);
}
