/** Everything the overview page shows, in one read. */
import type { WorkerContext } from '../../workers/context.js';
import { listDigests } from './digests.js';
import { listFeeds, type FeedRow } from './feeds.js';
import { queueCounts } from './queues.js';
import { loadTrends, type Trends } from './trends.js';
import type { DigestRun } from '../../store/digest-store.js';

export interface Overview {
  generatedAt: string;
  watchlists: string[];
  trends: Trends;
  queues: Record<string, Record<string, number>>;
  failingFeeds: FeedRow[];
  feedCount: number;
  digests: Array<{ name: string; pending: number; lastRun?: DigestRun }>;
}

export async function loadOverview(ctx: WorkerContext, now = Date.now()): Promise<Overview> {
  const { config } = ctx.live.current();
  const [trends, queues, feeds, digests] = await Promise.all([
    loadTrends(ctx, now), queueCounts(ctx.queues), listFeeds(ctx, now, false), listDigests(ctx, 1),
  ]);
  return {
    generatedAt: new Date(now).toISOString(),
    watchlists: Object.keys(config.watchlists.watchlists),
    trends,
    queues,
    failingFeeds: feeds.filter((f) => f.status === 'failing'),
    feedCount: feeds.length,
    digests: digests.map((d) => ({ name: d.name, pending: d.pending, ...(d.runs[0] ? { lastRun: d.runs[0] } : {}) })),
  };
}
