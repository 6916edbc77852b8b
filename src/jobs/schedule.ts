/**
 * Syncs the config to BullMQ Job Schedulers: one per feed (its interval) and one per digest
 * (cron with time zone). Schedulers whose feed or digest left the config are removed; unchanged
 * ones are left alone, so a restart neither duplicates nor re-fires them, unless their next job
 * is missing (Redis lost it), in which case they are upserted again. Run it from one
 * process only (concurrent upserts of one scheduler have produced duplicates in BullMQ).
 */
import type { JobSchedulerJson, JobSchedulerTemplateOptions, Queue } from 'bullmq';
import type { Config } from '../config/schema.js';
import { DIGEST_JOB_OPTIONS, digestSchedulerId, feedSchedulerId, QUEUES } from './definitions.js';
import type { Queues } from './queues.js';

export interface SyncReport {
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: string[];
  /** Unchanged schedulers whose next job was gone (Redis lost recent writes), upserted again. */
  repaired: string[];
}

interface Wanted {
  id: string;
  repeat: { every?: number; pattern?: string; tz?: string };
  name: string;
  data: object;
  opts: JobSchedulerTemplateOptions;
}

/**
 * A poll is not retried by BullMQ: its failure goes into the feed's health and back-off, and
 * the scheduler brings the next attempt. A digest run retries (only its failed channels).
 */
const POLL_OPTS: JobSchedulerTemplateOptions = { attempts: 1, removeOnComplete: { count: 200 }, removeOnFail: { count: 500 } };
const DIGEST_OPTS: JobSchedulerTemplateOptions = DIGEST_JOB_OPTIONS;

export async function syncSchedulers(config: Config, queues: Queues): Promise<SyncReport> {
  const report: SyncReport = { added: [], updated: [], removed: [], unchanged: [], repaired: [] };
  const feeds: Wanted[] = config.feeds.feeds.map((f) => ({
    id: feedSchedulerId(f.id),
    repeat: { every: f.interval ?? config.feeds.defaults.interval },
    name: QUEUES.pollFeed,
    data: { feedId: f.id },
    opts: POLL_OPTS,
  }));
  const digests: Wanted[] = Object.entries(config.digests.digests).map(([name, d]) => ({
    id: digestSchedulerId(name),
    repeat: { pattern: d.schedule, tz: d.timezone },
    name: QUEUES.sendDigest,
    data: { digest: name },
    opts: DIGEST_OPTS,
  }));
  await syncQueue(queues[QUEUES.pollFeed], feeds, report);
  await syncQueue(queues[QUEUES.sendDigest], digests, report);
  return report;
}

async function syncQueue(queue: Queue, wanted: Wanted[], report: SyncReport): Promise<void> {
  const existing = new Map((await queue.getJobSchedulers(0, -1)).map((s) => [s.key, s]));
  const wantedIds = new Set(wanted.map((w) => w.id));
  for (const id of existing.keys()) {
    if (!wantedIds.has(id)) {
      await queue.removeJobScheduler(id);
      report.removed.push(id);
    }
  }
  for (const w of wanted) {
    const current = existing.get(w.id);
    if (current && sameSchedule(current, w)) {
      if (await hasNextJob(queue, current)) {
        report.unchanged.push(w.id);
        continue;
      }
      // A scheduler fires its next run from the job it queued last: if Redis lost that job (a
      // failover to a replica that had not received it, a crash before the AOF was written),
      // the schedule would stop for good. Upserting it again queues the next run.
      await queue.upsertJobScheduler(w.id, w.repeat, { name: w.name, data: w.data, opts: w.opts });
      report.repaired.push(w.id);
      continue;
    }
    await queue.upsertJobScheduler(w.id, w.repeat, { name: w.name, data: w.data, opts: w.opts });
    (current ? report.updated : report.added).push(w.id);
  }
}

/** Whether the scheduler's next job exists (in any state); read twice, as it may have just moved on. */
async function hasNextJob(queue: Queue, scheduler: JobSchedulerJson): Promise<boolean> {
  if (scheduler.next === undefined) return true;
  if (await queue.getJob(`repeat:${scheduler.key}:${scheduler.next}`)) return true;
  const now = await queue.getJobScheduler(scheduler.key);
  return now?.next !== scheduler.next || Boolean(await queue.getJob(`repeat:${now.key}:${now.next}`));
}

function sameSchedule(current: JobSchedulerJson, w: Wanted): boolean {
  return (
    (current.every ?? undefined) === w.repeat.every &&
    (current.pattern ?? undefined) === w.repeat.pattern &&
    (current.tz ?? undefined) === w.repeat.tz &&
    JSON.stringify(current.template?.data ?? {}) === JSON.stringify(w.data) &&
    current.template?.opts?.attempts === w.opts.attempts
  );
}
