/**
 * send-alert: an immediate alert to each of the alert's channels, at most `perMinute` a minute
 * per channel. Alerts over the limit are folded into one "and N more" message sent when the
 * minute turns. A retry sends only to channels the alert has not reached.
 */
import type { Job } from 'bullmq';
import { buildAlert, buildFoldedAlert } from '../digest/build-alert.js';
import { describeError, WirewatchError } from '../errors.js';
import { QUEUES, type SendAlertPayload } from '../jobs/definitions.js';
import { deliverAlert } from '../notify/deliver.js';
import type { WorkerContext } from './context.js';

/** Some channels did not take the alert; a retry sends to those only, not sooner than asked. */
export class AlertRetryError extends WirewatchError {
  constructor(failures: string[], readonly retryAfterMs: number) {
    super('alert', failures.join('; '));
  }
}

export function createSendAlertProcessor(ctx: WorkerContext) {
  return async (job: Job<SendAlertPayload>): Promise<Record<string, string>> => {
    if (job.data.foldChannel) return sendFolded(ctx, job.data.alert, job.data.foldChannel, job);
    return sendOne(ctx, job);
  };
}

async function sendOne(ctx: WorkerContext, job: Job<SendAlertPayload>): Promise<Record<string, string>> {
  const { config } = ctx.live.current();
  const { alert: name, watchlist, itemKey } = job.data;
  const spec = config.digests.alerts[name];
  const [item, match] = await Promise.all([ctx.store.items.get(itemKey!), ctx.store.items.getMatch(watchlist!, itemKey!)]);
  if (!spec || !item || !match) return { skipped: 'alert, item or match no longer exists' };
  const alertId = `${name}-${itemKey}`;
  const result: Record<string, string> = {};
  const failures: string[] = [];
  let retryAfterMs = 0;
  for (const channel of spec.channels) {
    if (await ctx.store.alerts.wasSent(alertId, channel)) continue;
    if (!(await ctx.store.alerts.takeSlot(channel, spec.perMinute))) {
      await ctx.store.alerts.fold(channel, { alert: name, watchlist: watchlist!, itemKey: itemKey! });
      await scheduleFold(ctx, name, channel);
      await ctx.store.alerts.markSent(alertId, channel);
      ctx.metrics.deliveries.inc({ channel, kind: 'alert', outcome: 'folded' });
      result[channel] = 'folded';
      continue;
    }
    try {
      // The job's own time, so a retry renders the same alert (same file name, same Message-ID).
      const rendered = buildAlert({ name, item, match, description: config.watchlists.watchlists[watchlist!]?.description, createdAt: new Date(job.timestamp).toISOString() });
      await deliverAlert(channel, config.digests.channels[channel]!, rendered, { stdout: ctx.stdout });
      await ctx.store.alerts.markSent(alertId, channel);
      ctx.metrics.deliveries.inc({ channel, kind: 'alert', outcome: 'delivered' });
      result[channel] = 'sent';
    } catch (err) {
      ctx.metrics.deliveries.inc({ channel, kind: 'alert', outcome: 'failed' });
      failures.push(`${channel}: ${describeError(err)}`);
      retryAfterMs = Math.max(retryAfterMs, (err as { retryAfterMs?: number }).retryAfterMs ?? 0);
    }
  }
  if (failures.length) throw new AlertRetryError(failures, retryAfterMs);
  return result;
}

/** One fold job a channel a minute, at the start of the next minute. */
async function scheduleFold(ctx: WorkerContext, alert: string, channel: string): Promise<void> {
  const nextMinute = (Math.floor(Date.now() / 60_000) + 1) * 60_000;
  await ctx.queues[QUEUES.sendAlert].add(QUEUES.sendAlert, { alert, foldChannel: channel }, {
    jobId: `fold-${channel}-${nextMinute}`,
    delay: nextMinute - Date.now(),
  });
}

async function sendFolded(ctx: WorkerContext, alert: string, channel: string, job: Job<SendAlertPayload>): Promise<Record<string, string>> {
  const { config } = ctx.live.current();
  const jobId = job.id ?? `fold-${job.timestamp}`;
  const folded = await ctx.store.alerts.takeFold(channel, jobId);
  if (folded.length === 0) return { [channel]: 'nothing folded' };
  const entries = [];
  for (const f of folded) {
    const [item, match] = await Promise.all([ctx.store.items.get(f.itemKey), ctx.store.items.getMatch(f.watchlist, f.itemKey)]);
    if (item && match) entries.push({ item, match });
  }
  // On failure the taken alerts stay under this job's key for its retry.
  await deliverAlert(channel, config.digests.channels[channel]!, buildFoldedAlert({ name: alert, entries, count: folded.length, createdAt: new Date(job.timestamp).toISOString() }), { stdout: ctx.stdout });
  await ctx.store.alerts.finishFold(channel, jobId);
  return { [channel]: `folded ${folded.length}` };
}
