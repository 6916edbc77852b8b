/**
 * poll-feed: fetch a feed (conditional GET), parse and normalize it, drop items seen before
 * (in this feed or any other), and enqueue one process-article job per new item. Failures are
 * recorded in the feed's health and never thrown: the feed's scheduler keeps firing, and the
 * back-off in its health decides when the next real attempt happens.
 */
import type { Job } from 'bullmq';
import { randomBytes } from 'node:crypto';
import type { FeedConfig } from '../config/schema.js';
import { describeError } from '../errors.js';
import { redactSecrets } from '../redact.js';
import { fetchResource } from '../fetch/fetch-resource.js';
import { recordPollOutcome, type FeedHealth } from '../feeds/feed-health.js';
import { readFeed } from '../feeds/read-feed.js';
import { QUEUES, type PollFeedPayload, type ProcessArticlePayload } from '../jobs/definitions.js';
import type { WorkerContext } from './context.js';

/** How long a feed's poll lock outlives its poller's last renewal. */
const POLL_LOCK_MS = 10_000;

export interface PollResult {
  status: 'ok' | 'not-modified' | 'skipped' | 'error' | 'gone';
  items?: number;
  new?: number;
  error?: string;
}

export function createPollFeedProcessor(ctx: WorkerContext) {
  return async (job: Job<PollFeedPayload>): Promise<PollResult> => {
    const { config } = ctx.live.current();
    const feed = config.feeds.feeds.find((f) => f.id === job.data.feedId);
    // A scheduler can fire once more after its feed left the config; nothing to do then.
    if (!feed) return { status: 'gone' };
    const log = ctx.log.child({ feedId: feed.id, jobId: job.id });
    const stored = await ctx.store.feeds.get<FeedState>(feed.id);
    // An edited URL in the config starts afresh: no old redirect, validators or back-off.
    const health = stored?.configUrl === feed.url ? stored : undefined;
    // Only a failing feed waits for nextAttempt: a healthy one polls whenever its scheduler
    // fires, so timer drift never makes it skip a beat.
    if (health?.status === 'failing' && health.nextAttempt && health.nextAttempt > Date.now()) {
      log.debug({ nextAttempt: new Date(health.nextAttempt).toISOString() }, 'poll skipped: feed is backing off');
      ctx.metrics.fetches.inc({ feed: feed.id, status: 'skipped' });
      return { status: 'skipped' };
    }
    // Polls of one feed never overlap (a poll slower than its interval), across processes too.
    // The lock is short and renewed while the poll runs, so a poller that dies frees it in seconds.
    const token = `${job.id}:${randomBytes(4).toString('hex')}`;
    if (!(await ctx.store.feeds.lock(feed.id, token, POLL_LOCK_MS))) return { status: 'skipped' };
    const renew = setInterval(() => { ctx.store.feeds.renewLock(feed.id, token, POLL_LOCK_MS).catch(() => undefined); }, POLL_LOCK_MS / 3);
    try {
      return await pollOnce(ctx, feed, health, log);
    } finally {
      clearInterval(renew);
      await ctx.store.feeds.unlock(feed.id, token);
    }
  };
}

/** The feed's health plus the configured URL it was gathered for. */
type FeedState = FeedHealth & { configUrl?: string };

async function pollOnce(ctx: WorkerContext, feed: FeedConfig, health: FeedHealth | undefined, log: WorkerContext['log']): Promise<PollResult> {
  const { config } = ctx.live.current();
  const timing = { interval: feed.interval ?? config.feeds.defaults.interval, maxBackoff: config.feeds.fetch.maxBackoff };
  const url = health?.url ?? feed.url;
  const endTimer = ctx.metrics.fetchSeconds.startTimer({ feed: feed.id });
  try {
    const res = await fetchResource(url, {
      ...config.feeds.fetch,
      etag: health?.etag,
      lastModified: health?.lastModified,
      accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5',
      limiter: ctx.hostLimiter,
    });
    if (res.kind === 'not-modified') {
      endTimer();
      ctx.metrics.fetches.inc({ feed: feed.id, status: 'not-modified' });
      await ctx.store.ingest.record({ polls: 1 });
      await ctx.store.feeds.set(feed.id, { ...recordPollOutcome(health, { kind: 'not-modified' }, Date.now(), timing), configUrl: feed.url });
      return { status: 'not-modified' };
    }
    const { limits } = config.feeds;
    const parsed = await readFeed(res.body, { url: res.url, feedId: feed.id, contentType: res.contentType, maxBytes: config.feeds.fetch.maxBytes, maxItems: limits.itemsPerPoll, maxContentChars: limits.bodyChars });
    if (parsed.dropped) log.warn({ taken: parsed.items.length, dropped: parsed.dropped, limit: limits.itemsPerPoll }, 'feed has more items than limits.itemsPerPoll; the rest were not taken');
    const { fresh, elsewhere } = await ctx.store.items.sortSeen(parsed.items, feed.id);
    // Every feed that carries a story is one of its sources, whichever copy gets processed.
    await ctx.store.items.addSources([
      ...fresh.map((item) => ({ itemKey: item.key, feedId: feed.id })),
      ...elsewhere.map(({ ownerKey }) => ({ itemKey: ownerKey, feedId: feed.id })),
    ]);
    await enqueueItems(ctx, feed, fresh);
    if (res.permanentRedirect) log.warn({ from: redactSecrets(url), to: redactSecrets(res.permanentRedirect) }, 'feed moved permanently; polling the new URL from now on');
    // itemsSeen counts distinct new items, not the same entries again at every poll.
    const outcome = { kind: 'ok' as const, items: fresh.length, etag: res.etag, lastModified: res.lastModified, url: res.permanentRedirect ?? health?.url };
    await ctx.store.feeds.set(feed.id, { ...recordPollOutcome(health, outcome, Date.now(), timing), configUrl: feed.url });
    endTimer();
    ctx.metrics.fetches.inc({ feed: feed.id, status: 'ok' });
    ctx.metrics.itemsSeen.inc({ feed: feed.id }, parsed.items.length);
    ctx.metrics.itemsNew.inc({ feed: feed.id }, fresh.length);
    await ctx.store.ingest.record({ polls: 1, fetched: parsed.items.length, new: fresh.length });
    log.info({ items: parsed.items.length, new: fresh.length }, 'feed polled');
    return { status: 'ok', items: parsed.items.length, new: fresh.length };
  } catch (err) {
    endTimer();
    // Errors quote URLs, and a feed URL may carry a key from ${ENV}.
    const message = redactSecrets(describeError(err));
    ctx.metrics.fetches.inc({ feed: feed.id, status: 'error' });
    if ((err as { stage?: string }).stage === 'parse') ctx.metrics.parseFailures.inc({ feed: feed.id });
    const { retryAfterMs, permanent } = err as { retryAfterMs?: number; permanent?: boolean };
    const next = recordPollOutcome(health, { kind: 'error', error: message, retryAfterMs, permanent }, Date.now(), timing);
    await ctx.store.feeds.set(feed.id, { ...next, configUrl: feed.url });
    await ctx.store.ingest.record({ polls: 1, fetchErrors: 1 });
    log.warn({ err: message, consecutiveErrors: next.consecutiveErrors, nextAttempt: new Date(next.nextAttempt ?? Date.now()).toISOString() }, 'feed poll failed');
    return { status: 'error', error: message };
  }
}

async function enqueueItems(ctx: WorkerContext, feed: FeedConfig, items: ProcessArticlePayload['item'][]): Promise<void> {
  if (items.length === 0) return;
  const queue = ctx.queues[QUEUES.processArticle];
  // The item key is the job id: the same item polled twice before it is processed is one job.
  await queue.addBulk(items.map((item) => ({
    name: QUEUES.processArticle,
    data: { item, tags: feed.tags } satisfies ProcessArticlePayload,
    opts: { jobId: item.key },
  })));
}
