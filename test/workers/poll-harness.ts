/** A poll-feed processor over real Redis and a config written from YAML, for the poll tests. */
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { LiveConfig } from '../../src/config/live-config.js';
import { HostLimiter } from '../../src/fetch/host-limiter.js';
import type { PollFeedPayload } from '../../src/jobs/definitions.js';
import type { Queues } from '../../src/jobs/queues.js';
import { silentLogger, type Logger } from '../../src/log.js';
import { Metrics } from '../../src/metrics.js';
import { Store } from '../../src/store/store.js';
import { createPollFeedProcessor } from '../../src/workers/poll-feed.js';
import { makeConfig } from '../helpers/config.js';

export const pollJob = (feedId: string, now = false) =>
  ({ id: `poll-${feedId}-${Math.random().toString(36).slice(2)}`, data: { feedId, ...(now ? { now } : {}) }, opts: {}, attemptsMade: 0 }) as unknown as Job<PollFeedPayload>;

/** `feeds` is the YAML of feeds.yaml; `log` catches the worker's log lines when given. */
export function pollSetup(redis: Redis, queues: Queues, prefix: string, feeds: string, log: Logger = silentLogger) {
  const config = makeConfig({ feeds, watchlists: 'watchlists:\n  w: { query: libya }\n' });
  const store = new Store(redis, { prefix });
  const live = new LiveConfig(config);
  const ctx = { live, store, queues, log, metrics: new Metrics({ processMetrics: false }), hostLimiter: new HostLimiter({ concurrency: 4, gapMs: 0 }) };
  return { store, ctx, live, poll: createPollFeedProcessor(ctx) };
}
