/**
 * The dashboard's own context: the store, the queues (to read them and to enqueue), the live
 * config and its metrics. It never holds the workers' context and never runs a job: an action
 * such as a digest retry adds a job for the workers. `wirewatch dashboard` opens one on its own
 * Redis connection; `wirewatch start` builds one over the pipeline's store and queues.
 */
import { LiveConfig } from '../config/live-config.js';
import type { Config } from '../config/schema.js';
import { watchConfig } from '../config/watch-config.js';
import { describeError } from '../errors.js';
import type { HostLimiter } from '../fetch/host-limiter.js';
import { SharedHostLimiter } from '../fetch/shared-host-limiter.js';
import { closeQueues, openQueues, type Queues } from '../jobs/queues.js';
import type { Logger } from '../log.js';
import { Metrics } from '../metrics.js';
import { connectRedis, redactUrl } from '../store/redis.js';
import { RedisOutages } from '../store/redis-outages.js';
import { Store } from '../store/store.js';

export interface DashboardContext {
  live: LiveConfig;
  store: Store;
  queues: Queues;
  log: Logger;
  metrics: Metrics;
  /** Politeness for the "try it" box's page fetches, shared with the workers through Redis. */
  hostLimiter: HostLimiter;
}

export interface OpenedDashboardContext extends DashboardContext {
  close(): Promise<void>;
}

/** Opens a context of its own: a Redis connection, the store, the queues, the config (reloaded when its files change). */
export function openDashboardContext(options: { config: Config; redisUrl: string; prefix?: string; log: Logger; env?: NodeJS.ProcessEnv }): OpenedDashboardContext {
  const redis = connectRedis(options.redisUrl);
  const outages = new RedisOutages(redis, options.log, redactUrl(options.redisUrl));
  const store = new Store(redis, { prefix: options.prefix });
  const queues = openQueues(redis, store.keys.bull, (queue, err) => {
    if (!outages.noteError(err)) options.log.warn({ queue, err: err.message }, 'queue error');
  });
  const live = new LiveConfig(options.config);
  const metrics = new Metrics();
  metrics.watchQueues(queues);
  const f = options.config.feeds.fetch;
  const hostLimiter = new SharedHostLimiter({ concurrency: f.perHostConcurrency, gapMs: f.perHostGap }, store.hostSlots, { leaseMs: f.timeout + 10_000 });
  const watcher = watchConfig(options.config.dir, {
    env: options.env,
    onChange: (config) => { live.replace(config); options.log.info({ generation: live.current().generation }, 'config reloaded'); },
    onError: (err) => options.log.error({ err: describeError(err) }, 'config change refused; the running config stays'),
  });
  return {
    live, store, queues, log: options.log, metrics, hostLimiter,
    async close() {
      watcher.close();
      outages.close();
      await Promise.race([closeQueues(queues).catch(() => undefined), new Promise((r) => setTimeout(r, 2_000).unref())]);
      await Promise.race([redis.quit().catch(() => undefined), new Promise((r) => setTimeout(r, 2_000).unref())]);
      redis.disconnect();
    },
  };
}
