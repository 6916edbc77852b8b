/** The store: wirewatch's one door to Redis data (queues aside). */
import type { Redis } from 'ioredis';
import { AlertStore } from './alert-store.js';
import { DigestStore } from './digest-store.js';
import { FeedbackStore } from './feedback-store.js';
import { FeedStore } from './feed-store.js';
import { FlagIndex } from './flag-index.js';
import { IngestStats } from './ingest-stats.js';
import { HostSlots } from './host-slots.js';
import { ItemStore } from './item-store.js';
import { Keys } from './keys.js';

export interface StoreOptions {
  /** Key prefix. Default 'ww' (or WIREWATCH_PREFIX). */
  prefix?: string;
  /** How long items, matches, runs and seen-marks are kept. Default 30 days. */
  retentionSeconds?: number;
}

export const DEFAULT_RETENTION_SECONDS = 30 * 86_400;

export class Store {
  readonly keys: Keys;
  readonly items: ItemStore;
  readonly feeds: FeedStore;
  readonly digests: DigestStore;
  readonly alerts: AlertStore;
  readonly ingest: IngestStats;
  readonly flags: FlagIndex;
  readonly feedback: FeedbackStore;
  /** Per-host request slots and gaps, shared by every process of the deployment. */
  readonly hostSlots: HostSlots;

  constructor(readonly redis: Redis, options: StoreOptions = {}) {
    this.keys = new Keys(options.prefix ?? 'ww');
    const retention = options.retentionSeconds ?? DEFAULT_RETENTION_SECONDS;
    this.items = new ItemStore(redis, this.keys, retention);
    this.feeds = new FeedStore(redis, this.keys, retention);
    this.digests = new DigestStore(redis, this.keys, retention);
    this.alerts = new AlertStore(redis, this.keys, retention);
    this.ingest = new IngestStats(redis, this.keys, retention);
    this.flags = new FlagIndex(redis, this.keys);
    this.feedback = new FeedbackStore(redis, this.keys);
    this.hostSlots = new HostSlots(redis, this.keys);
  }

  /** Deletes everything under the prefix, queues included: for tests, benchmarks and uninstalls. */
  async purge(): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.keys.prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await this.redis.unlink(...keys);
    } while (cursor !== '0');
  }
}
