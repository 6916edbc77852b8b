/**
 * send-alert: an immediate alert to each of the alert's channels, at most `perMinute` a minute
 * per channel. Alerts over the limit are folded into one "and N more" message sent when the
 * minute turns. A retry sends only to channels the alert has not reached; a channel that fails
 * for good (a 403, a 404, bad SMTP credentials) is given up at once and never retried.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import { own } from '../config/lookup.js';
import { channelFor } from '../notify/channels.js';
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
  const spec = typeof name === 'string' ? own(config.digests.alerts, name) : undefined;
  if (!spec || typeof watchlist !== 'string' || typeof itemKey !== 'string') return { skipped: 'alert, item or match no longer exists' };
  const [item, match] = await Promise.all([ctx.store.items.get(itemKey), ctx.store.items.getMatch(watchlist, itemKey)]);
  if (!item || !match) return { skipped: 'alert, item or match no longer exists' };
  const alertId = `${name}-${itemKey}`;
  const result: Record<string, string> = {};
  const failures: string[] = [];
  const permanent: string[] = [];
  let retryAfterMs = 0;
  for (const channel of spec.channels) {
    if (await ctx.store.alerts.wasSent(alertId, channel)) continue;
    if (!(await ctx.store.alerts.takeSlot(channel, spec.perMinute))) {
      await ctx.store.alerts.fold(channel, { alert: name, watchlist, itemKey });
      await scheduleFold(ctx, name, channel);
      await ctx.store.alerts.markSent(alertId, channel);
      ctx.metrics.deliveries.inc({ channel, kind: 'alert', outcome: 'folded' });
      result[channel] = 'folded';
      continue;
    }
    try {
      const target = channelFor(config, channel);
      if (!target) throw new WirewatchError('alert', `no channel "${channel}"`, { permanent: true });
      // The job's own time, so a retry renders the same alert (same file name, same Message-ID).
      const rendered = buildAlert({ name, item, match, description: own(config.watchlists.watchlists, watchlist)?.description, createdAt: new Date(job.timestamp).toISOString() });
      await deliverAlert(channel, target, rendered, { stdout: ctx.stdout });
      await ctx.store.alerts.markSent(alertId, channel);
      ctx.metrics.deliveries.inc({ channel, kind: 'alert', outcome: 'delivered' });
      result[channel] = 'sent';
    } catch (err) {
      ctx.metrics.deliveries.inc({ channel, kind: 'alert', outcome: 'failed' });
      const message = `${channel}: ${describeError(err)}`;
      result[channel] = `failed: ${describeError(err)}`;
      if ((err as { permanent?: boolean }).permanent) {
        // Given up for good: the channel is settled so no retry of this job tries it again.
        await ctx.store.alerts.markSent(alertId, channel);
        ctx.log.warn({ alert: name, channel, itemKey, err: describeError(err) }, 'alert not delivered: permanent failure, not retried');
        permanent.push(message);
        continue;
      }
      failures.push(message);
      retryAfterMs = Math.max(retryAfterMs, (err as { retryAfterMs?: number }).retryAfterMs ?? 0);
    }
  }
  if (failures.length) throw new AlertRetryError([...failures, ...permanent], retryAfterMs);
  if (permanent.length) throw new UnrecoverableError(`alert: ${permanent.join('; ')}`);
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
  const target = channelFor(config, channel);
  if (!target) throw new UnrecoverableError(`alert: no channel "${channel}"`);
  const folded = await ctx.store.alerts.takeFold(channel, jobId);
  if (folded.length === 0) return { [channel]: 'nothing folded' };
  const entries = [];
  for (const f of folded) {
    const [item, match] = await Promise.all([ctx.store.items.get(f.itemKey), ctx.store.items.getMatch(f.watchlist, f.itemKey)]);
    if (item && match) entries.push({ item, match });
  }
  // On failure the taken alerts stay under this job's key for its retry; a permanent one ends the job.
  try {
    await deliverAlert(channel, target, buildFoldedAlert({ name: alert, entries, count: folded.length, createdAt: new Date(job.timestamp).toISOString() }), { stdout: ctx.stdout });
  } catch (err) {
    if ((err as { permanent?: boolean }).permanent) {
      await ctx.store.alerts.finishFold(channel, jobId);
      throw new UnrecoverableError(`alert: ${channel}: ${describeError(err)}`);
    }
    throw err;
  }
  await ctx.store.alerts.finishFold(channel, jobId);
  return { [channel]: `folded ${folded.length}` };
}
