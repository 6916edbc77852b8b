/** Each configured feed with its health, for the feeds page and /api/feeds. */
import type { FeedHealth } from '../../feeds/feed-health.js';
import type { WorkerContext } from '../../workers/context.js';
import { redactSecrets } from '../../redact.js';

export interface FeedRow {
  id: string;
  /** With credentials masked. */
  url: string;
  title?: string;
  tags: string[];
  /** Poll interval, ms. */
  interval: number;
  status: FeedHealth['status'];
  lastSuccess?: string;
  lastAttempt?: string;
  lastError?: string;
  consecutiveErrors: number;
  nextAttempt?: string;
  /** Items found in all successful polls. */
  itemsSeen: number;
  /** Items of this feed stored in the last 24 hours (the current hour and the 23 before it). */
  items24h: number;
}

const HOUR = 3_600_000;

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** `countRecent: false` skips the items24h count, for the overview. */
export async function listFeeds(ctx: WorkerContext, now = Date.now(), countRecent = true): Promise<FeedRow[]> {
  const { config } = ctx.live.current();
  const feeds = config.feeds.feeds;
  const nowHour = Math.floor(now / HOUR);
  // Counted per feed and hour as items are stored, so no feed's count depends on how busy the others are.
  const [health, perFeed] = await Promise.all([
    ctx.store.feeds.getMany<FeedHealth>(feeds.map((f) => f.id)),
    countRecent ? ctx.store.ingest.storedByFeed(nowHour - 23, nowHour) : new Map<string, number>(),
  ]);
  return feeds.map((f) => {
    const h = health.get(f.id);
    const row: FeedRow = {
      id: f.id, url: redactSecrets(f.url), tags: f.tags, interval: f.interval ?? config.feeds.defaults.interval,
      status: h?.status ?? 'never', consecutiveErrors: h?.consecutiveErrors ?? 0, itemsSeen: h?.itemsSeen ?? 0,
      items24h: perFeed.get(f.id) ?? 0,
    };
    if (f.title) row.title = f.title;
    if (h?.lastSuccess) row.lastSuccess = iso(h.lastSuccess);
    if (h?.lastAttempt) row.lastAttempt = iso(h.lastAttempt);
    if (h?.lastError) row.lastError = redactSecrets(h.lastError);
    if (h?.nextAttempt) row.nextAttempt = iso(h.nextAttempt);
    return row;
  });
}
