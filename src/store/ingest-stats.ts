/**
 * Hourly ingestion counters, for the dashboard's overview and feeds pages: polls, entries read,
 * new items, items stored (per feed too), bodies extracted from pages, flags, fetch errors and
 * how long jobs waited in their queues. One small hash an hour, kept for the retention period;
 * each write is one pipelined round trip.
 */
import type { Redis } from 'ioredis';
import type { Keys } from './keys.js';

const HOUR_MS = 3_600_000;

/** The hourly counters the overview draws, each a number per hour. */
export const INGEST_COUNTERS = ['polls', 'fetched', 'new', 'stored', 'extracted', 'flagged', 'fetchErrors', 'pageErrors'] as const;
export type IngestCounter = (typeof INGEST_COUNTERS)[number];

/** One queue's hour: jobs started, their total wait (ms from due to start) and jobs failed. */
export interface QueueHour {
  jobs: number;
  waitMs: number;
  failed: number;
}

/** One hour of counters. */
export interface IngestHour {
  /** Hours since the epoch (UTC), as in `Math.floor(ms / 3_600_000)`. */
  hour: number;
  counts: Record<IngestCounter, number>;
  queues: Record<string, QueueHour>;
  /** Items stored per feed id. */
  storedByFeed: Record<string, number>;
}

/** What one processed item adds: stored, and extracted or flagged when it was. */
export interface StoredItemStats {
  feedId: string;
  /** Where its body came from: 'page' and 'structured-data' count as extracted. */
  bodySource: string;
  flagged: boolean;
}

const STORED_PREFIX = 'stored:';
/** Per-queue fields are `<what>:<queue>`. */
const QUEUE_FIELDS: Record<string, keyof QueueHour> = { 'waitJobs:': 'jobs', 'waitMs:': 'waitMs', 'failed:': 'failed' };

export class IngestStats {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly retentionSeconds: number,
  ) {}

  /** Adds to this hour's counters. */
  async record(counts: Partial<Record<IngestCounter, number>>, at = Date.now()): Promise<void> {
    await this.add(Object.entries(counts).filter(([, n]) => n !== undefined && n !== 0) as Array<[string, number]>, at);
  }

  /** One item processed and stored. */
  async recordStored(item: StoredItemStats, at = Date.now()): Promise<void> {
    const fields: Array<[string, number]> = [['stored', 1], [STORED_PREFIX + item.feedId, 1]];
    if (item.bodySource === 'page' || item.bodySource === 'structured-data') fields.push(['extracted', 1]);
    if (item.flagged) fields.push(['flagged', 1]);
    await this.add(fields, at);
  }

  /** A job of `queue` started `waitedMs` after it was due. */
  async recordWait(queue: string, waitedMs: number, at = Date.now()): Promise<void> {
    await this.add([[`waitJobs:${queue}`, 1], [`waitMs:${queue}`, Math.max(0, Math.round(waitedMs))]], at);
  }

  /** A job of `queue` failed (an attempt; BullMQ may retry it). */
  async recordFailure(queue: string, at = Date.now()): Promise<void> {
    await this.add([[`failed:${queue}`, 1]], at);
  }

  private async add(fields: Array<[string, number]>, at: number): Promise<void> {
    if (fields.length === 0) return;
    const key = this.keys.ingest(Math.floor(at / HOUR_MS));
    const pipe = this.redis.pipeline();
    for (const [field, n] of fields) pipe.hincrby(key, field, n);
    pipe.expire(key, this.retentionSeconds);
    await pipe.exec();
  }

  /** Every hour in [fromHour, toHour], oldest first; hours with nothing come back as zeros. */
  async hours(fromHour: number, toHour: number): Promise<IngestHour[]> {
    const pipe = this.redis.pipeline();
    for (let h = fromHour; h <= toHour; h++) pipe.hgetall(this.keys.ingest(h));
    const results = (await pipe.exec()) ?? [];
    return results.map(([, value], i) => parseHour(fromHour + i, (value ?? {}) as Record<string, string>));
  }

  /** Items stored per feed over [fromHour, toHour]. */
  async storedByFeed(fromHour: number, toHour: number): Promise<Map<string, number>> {
    const totals = new Map<string, number>();
    for (const h of await this.hours(fromHour, toHour)) {
      for (const [feed, n] of Object.entries(h.storedByFeed)) totals.set(feed, (totals.get(feed) ?? 0) + n);
    }
    return totals;
  }
}

function parseHour(hour: number, raw: Record<string, string>): IngestHour {
  const counts = Object.fromEntries(INGEST_COUNTERS.map((c) => [c, Number(raw[c] ?? 0)])) as Record<IngestCounter, number>;
  const queues: IngestHour['queues'] = {};
  const storedByFeed: Record<string, number> = {};
  for (const [field, value] of Object.entries(raw)) {
    if (field.startsWith(STORED_PREFIX)) {
      storedByFeed[field.slice(STORED_PREFIX.length)] = Number(value);
      continue;
    }
    const colon = field.indexOf(':') + 1;
    const what = colon > 0 ? QUEUE_FIELDS[field.slice(0, colon)] : undefined;
    if (what) (queues[field.slice(colon)] ??= { jobs: 0, waitMs: 0, failed: 0 })[what] = Number(value);
  }
  return { hour, counts, queues, storedByFeed };
}
