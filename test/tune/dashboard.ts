/**
 * A dashboard on the local Redis (own key prefix) over a given config, with items stored
 * through the Store as process-article would: what the verdict tests post to.
 */
import { classifyItem } from '../../src/classify/index.js';
import { LiveConfig } from '../../src/config/live-config.js';
import type { Config } from '../../src/config/schema.js';
import { startDashboard, type Dashboard } from '../../src/dashboard/server.js';
import { HostLimiter } from '../../src/fetch/host-limiter.js';
import { closeQueues, openQueues } from '../../src/jobs/queues.js';
import { silentLogger } from '../../src/log.js';
import { Metrics } from '../../src/metrics.js';
import { Store } from '../../src/store/store.js';
import type { StoredItem, StoredMatch } from '../../src/types.js';
import type { WorkerContext } from '../../src/workers/context.js';
import { deletePrefix, testPrefix, testRedis } from '../helpers/redis.js';

export interface TuneDashboard {
  url: string;
  store: Store;
  prefix: string;
  ctx: WorkerContext;
  close(): Promise<void>;
}

export async function startTuneDashboard(name: string, config: Config, token?: string): Promise<TuneDashboard> {
  const prefix = testPrefix(`tune-${name}`);
  const redis = testRedis();
  const store = new Store(redis, { prefix });
  const ctx: WorkerContext = {
    live: new LiveConfig(config), store, queues: openQueues(redis, store.keys.bull), log: silentLogger,
    hostLimiter: new HostLimiter({ concurrency: 1, gapMs: 0 }), metrics: new Metrics({ processMetrics: false }),
  };
  const dashboard: Dashboard = await startDashboard({ ctx, port: 0, log: silentLogger, env: {}, ...(token ? { token } : {}) });
  return {
    url: dashboard.url, store, prefix, ctx,
    async close() {
      await dashboard.close();
      await closeQueues(ctx.queues);
      await deletePrefix(redis, prefix);
      redis.disconnect();
    },
  };
}

/** Stores an item and the flags the live watch-lists give it; returns whether each flagged it. */
export async function storeItem(t: TuneDashboard, key: string, title: string, body: string): Promise<Map<string, boolean>> {
  const at = new Date().toISOString();
  const result = classifyItem(t.ctx.live.current().classifier, { title, body });
  const item: StoredItem = {
    key, feedId: 'desk', url: `https://news.example/${key}`, title, summary: '', body, bodySource: 'page',
    processedAt: at, tags: [], entities: result.entities,
  };
  const matches: StoredMatch[] = result.matches.filter((m) => m.flagged)
    .map((m) => ({ itemKey: key, watchlist: m.watchlist, score: m.score, hits: m.hits, flaggedAt: at }));
  await t.store.items.saveProcessed(item, matches, new Map());
  return new Map(result.matches.map((m) => [m.watchlist, m.flagged]));
}
