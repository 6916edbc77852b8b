/** Flagged counts per watch-list over time, from the store's hourly counters. */
import type { WorkerContext } from '../../workers/context.js';

/** One bar of a chart: a time bucket with a count per watch-list. */
export interface Bucket {
  /** Start of the bucket, ISO. */
  start: string;
  counts: Record<string, number>;
}

export interface Trends {
  /** The last 24 hours, one bucket an hour (UTC), oldest first. */
  hours: Bucket[];
  /** The last 30 days, one bucket a UTC day, oldest first. */
  days: Bucket[];
}

const HOUR = 3_600_000;

export async function loadTrends(ctx: WorkerContext, now = Date.now()): Promise<Trends> {
  const nowHour = Math.floor(now / HOUR);
  const today = Math.floor(now / 86_400_000);
  const firstHour = (today - 29) * 24;
  const hourly = await ctx.store.items.hourlyCounts(firstHour, nowHour);
  const byHour = new Map(hourly.map((h) => [h.hour, h.counts]));
  const hours: Bucket[] = [];
  for (let h = nowHour - 23; h <= nowHour; h++) hours.push({ start: new Date(h * HOUR).toISOString(), counts: byHour.get(h) ?? {} });
  const days: Bucket[] = [];
  for (let d = today - 29; d <= today; d++) {
    const counts: Record<string, number> = {};
    for (let h = d * 24; h < d * 24 + 24; h++) {
      for (const [w, n] of Object.entries(byHour.get(h) ?? {})) counts[w] = (counts[w] ?? 0) + n;
    }
    days.push({ start: new Date(d * 86_400_000).toISOString(), counts });
  }
  return { hours, days };
}

/** Sum of one watch-list's counts over buckets. */
export function total(buckets: Bucket[], watchlist: string): number {
  return buckets.reduce((sum, b) => sum + (b.counts[watchlist] ?? 0), 0);
}
