/** What every worker needs, built once per process by the pipeline. */
import type { LiveConfig } from '../config/live-config.js';
import type { HostLimiter } from '../fetch/host-limiter.js';
import type { Queues } from '../jobs/queues.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { Store } from '../store/store.js';

export interface WorkerContext {
  live: LiveConfig;
  store: Store;
  queues: Queues;
  log: Logger;
  /** Shared by every fetch of this process, so per-host politeness holds across jobs. */
  hostLimiter: HostLimiter;
  metrics: Metrics;
  /** Where the console channel prints (default process.stdout). */
  stdout?: { write(text: string): unknown };
  /** Takes connection errors into the one-line-per-outage report; true when it did (do not log them again). */
  redisOutages?: { noteError(err: unknown): boolean };
}
