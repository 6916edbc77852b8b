/**
 * The store: wirewatch's one door to its data (queues aside). Redis holds what must be fast
 * and shared (claims, pending sets, leases, rates); PostgreSQL, the archive, holds items,
 * matches and verdicts for as long as the retention says.
 */
import type { Redis } from 'ioredis';
import { ItemArchive } from './archive/item-archive.js';
import { SearchArchive } from './archive/search-archive.js';
import { Database, schemaFor } from './db/database.js';
import { databaseUrl } from './db/url.js';
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
  /** How long Redis keeps runs, seen-marks and pending sets. Default 30 days. */
  retentionSeconds?: number;
  /** The archive. Default: a pool on `databaseUrl`, closed by close(). */
  db?: Database;
  /** Default DATABASE_URL, else PostgreSQL's local default (db/url.ts). */
  databaseUrl?: string;
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
  /** The archive's connection (PostgreSQL schema named for the prefix). */
  readonly db: Database;
  readonly archive: ItemArchive;
  readonly search: SearchArchive;
  private readonly ownsDb: boolean;

  constructor(readonly redis: Redis, options: StoreOptions = {}) {
    this.keys = new Keys(options.prefix ?? 'ww');
    const retention = options.retentionSeconds ?? DEFAULT_RETENTION_SECONDS;
    this.ownsDb = options.db === undefined;
    this.db = options.db ?? new Database({ url: options.databaseUrl ?? databaseUrl(process.env), schema: schemaFor(this.keys.prefix) });
    this.archive = new ItemArchive(this.db);
    this.search = new SearchArchive(this.db);
    this.items = new ItemStore(redis, this.keys, retention, this.archive);
    this.feeds = new FeedStore(redis, this.keys, retention);
    this.digests = new DigestStore(redis, this.keys, retention);
    this.alerts = new AlertStore(redis, this.keys, retention);
    this.ingest = new IngestStats(redis, this.keys, retention);
    this.flags = new FlagIndex(this.db, this.archive);
    this.feedback = new FeedbackStore(this.db);
    this.hostSlots = new HostSlots(redis, this.keys);
  }

  /** Ends the archive's pool when the store opened it. */
  async close(): Promise<void> {
    if (this.ownsDb) await this.db.close();
  }

  /** Deletes everything under the prefix, queues included, and the archive's schema: for tests, benchmarks and uninstalls. */
  async purge(): Promise<void> {
    await this.db.dropSchema();
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.keys.prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await this.redis.unlink(...keys);
    } while (cursor !== '0');
  }
}
