/** Flagged counts per watch-list over time, from the store's hourly counters. */
import type { WorkerContext } from '../../workers/context.js';

/** One bar of a chart: a time bucket with a count per watch-list. */
export interface Bucket {
  /** Start of the bucket, ISO. */
  start: string;
  counts: Record<string, number>;
}

export interface Trends {
  /** The last 24 hours, one bucket an hour, oldest first. */
  hours: Bucket[];
  /** The last 30 days, one bucket a calendar day of the zone asked for (UTC by default), oldest first. */
  days: Bucket[];
}

const HOUR = 3_600_000;
const DAYS = 30;

export async function loadTrends(ctx: WorkerContext, now = Date.now(), zone = 'UTC'): Promise<Trends> {
  const nowHour = Math.floor(now / HOUR);
  // Enough hours to cover 30 calendar days in any zone (offsets reach 14 h).
  const firstHour = nowHour - DAYS * 24 - 15;
  const hourly = await ctx.store.items.hourlyCounts(firstHour, nowHour);
  const byHour = new Map(hourly.map((h) => [h.hour, h.counts]));
  const hours: Bucket[] = [];
  for (let h = nowHour - 23; h <= nowHour; h++) hours.push({ start: new Date(h * HOUR).toISOString(), counts: byHour.get(h) ?? {} });
  const byDay = new Map<string, Bucket>();
  // Hours fall into the calendar days of the zone the page shows (en-CA writes 2026-11-21).
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
  for (let h = firstHour; h <= nowHour; h++) {
    const key = format.format(h * HOUR);
    const day = byDay.get(key) ?? byDay.set(key, { start: new Date(h * HOUR).toISOString(), counts: {} }).get(key)!;
    for (const [w, n] of Object.entries(byHour.get(h) ?? {})) day.counts[w] = (day.counts[w] ?? 0) + n;
  }
  const days = [...byDay.values()].slice(-DAYS);
  return { hours, days };
}

/** Sum of one watch-list's counts over buckets. */
export function total(buckets: Bucket[], watchlist: string): number {
  return buckets.reduce((sum, b) => sum + (b.counts[watchlist] ?? 0), 0);
}
