/** Ingestion over the last hours, from the store's hourly counters: what the overview and queues pages chart. */
import { INGEST_COUNTERS, type IngestCounter, type QueueHour } from '../../store/ingest-stats.js';
import type { WorkerContext } from '../../workers/context.js';

const HOUR = 3_600_000;

export interface IngestionHour {
  /** Start of the hour, ISO. */
  start: string;
  counts: Record<IngestCounter, number>;
  /** Per queue: jobs started, their total wait in ms, attempts failed. */
  queues: Record<string, QueueHour>;
}

export { INGEST_COUNTERS };

/** The last `hours` hours (the current one included), oldest first. */
export async function loadIngestion(ctx: WorkerContext, now = Date.now(), hours = 24): Promise<IngestionHour[]> {
  const nowHour = Math.floor(now / HOUR);
  const rows = await ctx.store.ingest.hours(nowHour - hours + 1, nowHour);
  return rows.map((r) => ({ start: new Date(r.hour * HOUR).toISOString(), counts: r.counts, queues: r.queues }));
}

/** Average wait of a queue's jobs in an hour, in seconds (0 when none started). */
export function averageWaitSeconds(q: QueueHour | undefined): number {
  return q && q.jobs > 0 ? q.waitMs / q.jobs / 1000 : 0;
}
