/** Everything the overview page shows, in one read. */
import type { WorkerContext } from '../../workers/context.js';
import { listDigests } from './digests.js';
import { listFeeds, type FeedRow } from './feeds.js';
import { loadIngestion, type IngestionHour } from './ingestion.js';
import { queueCounts } from './queues.js';
import { loadTrends, type Trends } from './trends.js';
import type { DigestRun } from '../../store/digest-store.js';

export interface Overview {
  generatedAt: string;
  /** The zone of the daily buckets (and of the page's times). */
  timeZone: string;
  watchlists: string[];
  trends: Trends;
  /** The last 24 hours of ingestion, an entry an hour, oldest first. */
  ingestion: IngestionHour[];
  queues: Record<string, Record<string, number>>;
  failingFeeds: FeedRow[];
  feedCount: number;
  digests: Array<{ name: string; pending: number; lastRun?: DigestRun }>;
}

export async function loadOverview(ctx: WorkerContext, now = Date.now(), timeZone = 'UTC'): Promise<Overview> {
  const { config } = ctx.live.current();
  const [trends, ingestion, queues, feeds, digests] = await Promise.all([
    loadTrends(ctx, now, timeZone), loadIngestion(ctx, now), queueCounts(ctx.queues), listFeeds(ctx, now, false), listDigests(ctx, 1),
  ]);
  return {
    generatedAt: new Date(now).toISOString(),
    timeZone,
    watchlists: Object.keys(config.watchlists.watchlists),
    trends,
    ingestion,
    queues,
    failingFeeds: feeds.filter((f) => f.status === 'failing'),
    feedCount: feeds.length,
    digests: digests.map((d) => ({ name: d.name, pending: d.pending, ...(d.runs[0] ? { lastRun: d.runs[0] } : {}) })),
  };
}
