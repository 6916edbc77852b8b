/**
 * poll-feed: fetch a feed (conditional GET), read it by its type (a feed, or the feed a page
 * points at; a listing page; a sitemap), drop items seen before (in this feed or any other),
 * and enqueue one process-article job per new item. Failures are
 * recorded in the feed's health and never thrown: the feed's scheduler keeps firing, and the
 * back-off in its health decides when the next real attempt happens.
 */
import type { Job } from 'bullmq';
import { randomBytes } from 'node:crypto';
import type { FeedConfig } from '../config/schema.js';
import { describeError } from '../errors.js';
import { redactSecrets } from '../redact.js';
import { FEED_ACCEPT, fetchResource } from '../fetch/fetch-resource.js';
import { recordPollOutcome } from '../feeds/feed-health.js';
import { FeedParseError } from '../feeds/feed-parse-error.js';
import { configStamp, currentState, type FeedState } from '../feeds/feed-state.js';
import { readSource } from '../feeds/read-source.js';
import type { FeedItem } from '../types.js';
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
    // An edited URL, type or selectors start afresh; edited fetch settings end the back-off.
    const health = currentState(await ctx.store.feeds.get<FeedState>(feed.id), feed, config.feeds.fetch);
    // Only a failing feed waits for nextAttempt: a healthy one polls whenever its scheduler
    // fires, so timer drift never makes it skip a beat. A poll asked for now does not wait.
    if (!job.data.now && health?.status === 'failing' && health.nextAttempt && health.nextAttempt > Date.now()) {
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

const PAGE_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';
const SITEMAP_ACCEPT = 'application/xml, text/xml;q=0.9, */*;q=0.5';

function acceptFor(feed: FeedConfig): string {
  return feed.type === 'html' ? PAGE_ACCEPT : feed.type === 'sitemap' ? SITEMAP_ACCEPT : FEED_ACCEPT;
}

async function pollOnce(ctx: WorkerContext, feed: FeedConfig, health: FeedState | undefined, log: WorkerContext['log']): Promise<PollResult> {
  const { config } = ctx.live.current();
  const timing = { interval: feed.interval ?? config.feeds.defaults.interval, maxBackoff: config.feeds.fetch.maxBackoff };
  const stamp = configStamp(feed, config.feeds.fetch);
  const url = health?.url ?? feed.url;
  const endTimer = ctx.metrics.fetchSeconds.startTimer({ feed: feed.id });
  const fetchOpts = { ...config.feeds.fetch, accept: acceptFor(feed), limiter: ctx.hostLimiter };
  try {
    const res = await fetchResource(url, { ...fetchOpts, etag: health?.etag, lastModified: health?.lastModified });
    if (res.kind === 'not-modified') {
      endTimer();
      ctx.metrics.fetches.inc({ feed: feed.id, status: 'not-modified' });
      await ctx.store.ingest.record({ polls: 1 });
      await ctx.store.feeds.set(feed.id, { ...recordPollOutcome(health, { kind: 'not-modified' }, Date.now(), timing), ...stamp });
      return { status: 'not-modified' };
    }
    const { limits } = config.feeds;
    const read = { feedId: feed.id, maxBytes: config.feeds.fetch.maxBytes, maxItems: limits.itemsPerPoll, maxContentChars: limits.bodyChars };
    const source = await readSource(feed, res, { fetch: (u) => fetchResource(u, fetchOpts), read, discover: health?.discovered === undefined });
    const parsed = source.feed;
    if (source.discovered) log.info({ page: redactSecrets(source.discovered.page), feed: redactSecrets(source.discovered.url), how: source.discovered.source, candidates: source.candidates?.length }, 'the feed URL is a page; polling the feed it points at from now on');
    if (feed.type === 'html' && parsed.items.length === 0) throw new FeedParseError(emptyListingMessage(feed, health));
    if (parsed.dropped) log.warn({ taken: parsed.items.length, dropped: parsed.dropped, limit: limits.itemsPerPoll }, 'feed has more items than limits.itemsPerPoll; the rest were not taken');
    const fresh = await takeFresh(ctx, feed, parsed.items);
    if (res.permanentRedirect) log.warn({ from: redactSecrets(url), to: redactSecrets(res.permanentRedirect) }, 'feed moved permanently; polling the new URL from now on');
    // itemsSeen counts distinct new items, not the same entries again at every poll.
    const next = source.result;
    const outcome = { kind: 'ok' as const, items: fresh, etag: next.etag, lastModified: next.lastModified, url: next.permanentRedirect ?? source.discovered?.url ?? health?.url };
    const discovered = source.discovered ?? health?.discovered;
    await ctx.store.feeds.set(feed.id, { ...recordPollOutcome(health, outcome, Date.now(), timing), ...stamp, lastItems: parsed.items.length, ...(discovered ? { discovered } : {}) });
    endTimer();
    ctx.metrics.fetches.inc({ feed: feed.id, status: 'ok' });
    ctx.metrics.itemsSeen.inc({ feed: feed.id }, parsed.items.length);
    ctx.metrics.itemsNew.inc({ feed: feed.id }, fresh);
    await ctx.store.ingest.record({ polls: 1, fetched: parsed.items.length, new: fresh });
    log.info({ items: parsed.items.length, new: fresh }, 'feed polled');
    return { status: 'ok', items: parsed.items.length, new: fresh };
  } catch (err) {
    endTimer();
    return recordFailure(ctx, feed, health, err, { url, stamp, timing, log });
  }
}

/** A listing page that gives nothing is a changed layout or a wrong selector, never silence. */
function emptyListingMessage(feed: FeedConfig, health: FeedState | undefined): string {
  const before = health?.lastItems ? ` (it gave ${health.lastItems} at the last poll that read it)` : '';
  return `the page gave no items with select.item ${JSON.stringify(feed.select!.item)} and a link in each${before}; has its layout changed?`;
}

/** Drops items seen before, records this feed as a source of every item it carries, enqueues the new ones; returns how many. */
async function takeFresh(ctx: WorkerContext, feed: FeedConfig, items: FeedItem[]): Promise<number> {
  const { fresh, elsewhere } = await ctx.store.items.sortSeen(items, feed.id);
  // Every feed that carries a story is one of its sources, whichever copy gets processed.
  await ctx.store.items.addSources([
    ...fresh.map((item) => ({ itemKey: item.key, feedId: feed.id })),
    ...elsewhere.map(({ ownerKey }) => ({ itemKey: ownerKey, feedId: feed.id })),
  ]);
  await enqueueItems(ctx, feed, fresh);
  return fresh.length;
}

interface FailureContext {
  url: string;
  stamp: ReturnType<typeof configStamp>;
  timing: { interval: number; maxBackoff: number };
  log: WorkerContext['log'];
}

async function recordFailure(ctx: WorkerContext, feed: FeedConfig, health: FeedState | undefined, err: unknown, f: FailureContext): Promise<PollResult> {
  // Errors quote URLs, and a feed URL may carry a key from ${ENV}.
  const message = redactSecrets(describeError(err));
  ctx.metrics.fetches.inc({ feed: feed.id, status: 'error' });
  if ((err as { stage?: string }).stage === 'parse') ctx.metrics.parseFailures.inc({ feed: feed.id });
  const { retryAfterMs, permanent } = err as { retryAfterMs?: number; permanent?: boolean };
  const next: FeedState = { ...recordPollOutcome(health, { kind: 'error', error: message, retryAfterMs, permanent }, Date.now(), f.timing), ...f.stamp, errorUrl: f.url };
  // A found feed that is gone for good: the next attempt looks in the configured page again.
  if (permanent && health?.discovered) {
    delete next.discovered;
    delete next.url;
  }
  await ctx.store.feeds.set(feed.id, next);
  await ctx.store.ingest.record({ polls: 1, fetchErrors: 1 });
  f.log.warn({ err: message, url: redactSecrets(f.url), consecutiveErrors: next.consecutiveErrors, nextAttempt: new Date(next.nextAttempt ?? Date.now()).toISOString() }, 'feed poll failed');
  return { status: 'error', error: message };
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
