/** Each watch-list with its query, counts and top entities, for its page and /api/watchlists. */
import { topEntities, type EntityCount } from '../../classify/index.js';
import type { WorkerContext } from '../../workers/context.js';
import { loadTrends, total } from './trends.js';

export type { EntityCount };

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
  /** Of the latest ENTITY_SCAN flagged items: merged variants counted once, typed as most mentions were. */
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
      topEntities: topEntities(recent.map((r) => r.item.entities), TOP),
    };
    if (w.description) row.description = w.description;
    if (w.weights) row.weights = w.weights;
    if (w.alert !== undefined) row.alert = w.alert;
    rows.push(row);
  }
  return rows;
}
