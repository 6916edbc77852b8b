/**
 * process-article: claim the item (one story, once, whichever feed brought it), fetch and
 * extract the linked page when the feed wants it (falling back to the feed's own text),
 * classify, store the item with its flags, queue them for every digest channel that wants
 * them, and enqueue immediate alerts for scores at alert level.
 */
import type { Job } from 'bullmq';
import { classifyItem } from '../classify/index.js';
import { recognize } from '../classify/entities/recognizer.js';
import { packNames, recordingRecognizer } from '../search/names.js';
import type { Config, FeedConfig } from '../config/schema.js';
import { own } from '../config/lookup.js';
import { describeError } from '../errors.js';
import { chooseArticleBody } from '../extract/choose-body.js';
import { extractArticle } from '../extract/extract-article.js';
import { fetchResource } from '../fetch/fetch-resource.js';
import { capStoredItem } from '../limits.js';
import { QUEUES, type ProcessArticlePayload, type SendAlertPayload } from '../jobs/definitions.js';
import type { PendingTarget } from '../store/item-store.js';
import type { ExtractedArticle, FeedItem, StoredItem, StoredMatch, WatchlistMatch } from '../types.js';
import type { WorkerContext } from './context.js';

export interface ProcessResult {
  status: 'processed' | 'duplicate';
  flagged?: string[];
  bodySource?: string;
}

export function createProcessArticleProcessor(ctx: WorkerContext) {
  return async (job: Job<ProcessArticlePayload>): Promise<ProcessResult> => {
    const { item, tags } = job.data;
    const log = ctx.log.child({ feedId: item.feedId, itemKey: item.key, jobId: job.id });
    const claim = await ctx.store.items.claim(item);
    if (claim.kind === 'duplicate') {
      await ctx.store.items.addSources([{ itemKey: claim.ownerKey, feedId: item.feedId }]);
      log.debug({ ownerKey: claim.ownerKey }, 'item dropped: same story already taken from another feed');
      return { status: 'duplicate' };
    }
    const { config, classifier, versions } = ctx.live.current();
    const feed = config.feeds.feeds.find((f) => f.id === item.feedId);
    const article = await readArticle(ctx, config, feed, item, log);
    const input = { title: article.title || item.title, body: article.text, feedId: item.feedId, tags, lang: article.lang };
    // The recognizer's spans are kept with the item: search and re-judging read them, not the recognizer.
    const names = recordingRecognizer(recognize);
    const classification = ctx.metrics.time(ctx.metrics.classifySeconds, () => classifyItem(classifier, input, { recognizer: names.recognizer }));
    const now = new Date().toISOString();
    const stored = capStoredItem(toStoredItem(item, article, tags, classification.entities, now), config.feeds.limits.bodyChars);
    const flagged = classification.matches.filter((m) => m.flagged);
    const matches: StoredMatch[] = flagged.map((m) => ({ itemKey: item.key, watchlist: m.watchlist, score: m.score, hits: m.hits, reasons: m.reasons, flaggedAt: now }));
    await ctx.store.items.saveProcessed(stored, matches, pendingTargets(config, flagged), { names: packNames(names.last()), versions });
    await ctx.store.ingest.recordStored({ feedId: item.feedId, bodySource: article.bodySource, flagged: flagged.length > 0 });
    await enqueueAlerts(ctx, config, item.key, flagged);
    for (const m of flagged) ctx.metrics.itemsFlagged.inc({ watchlist: m.watchlist });
    if (flagged.length) log.info({ title: stored.title, flagged: flagged.map((m) => `${m.watchlist}:${m.score}`) }, 'item flagged');
    return { status: 'processed', flagged: flagged.map((m) => m.watchlist), bodySource: article.bodySource };
  };
}

async function readArticle(ctx: WorkerContext, config: Config, feed: FeedConfig | undefined, item: FeedItem, log: WorkerContext['log']): Promise<ExtractedArticle> {
  const wantsPage = (feed?.fetchArticles ?? config.feeds.defaults.fetchArticles) && item.url && /^https?:/.test(item.url);
  const caps = { maxChars: config.feeds.limits.bodyChars };
  if (!wantsPage) return chooseArticleBody(undefined, item, caps);
  try {
    const res = await fetchResource(item.url!, { ...config.feeds.fetch, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5', limiter: ctx.hostLimiter });
    if (res.kind !== 'ok') return chooseArticleBody(undefined, item, caps);
    const options = { url: res.url, contentType: res.contentType, include: feed?.extract?.include, exclude: feed?.extract?.exclude, maxTextChars: caps.maxChars };
    const extracted = ctx.metrics.time(ctx.metrics.extractSeconds, () => extractArticle(res.body, options));
    return chooseArticleBody(extracted, item, caps);
  } catch (err) {
    // A page that cannot be had is not a lost item: the feed's own text stands in.
    log.info({ url: item.url, err: describeError(err) }, 'page not extracted; using the feed text');
    await ctx.store.ingest.record({ pageErrors: 1 });
    return chooseArticleBody(undefined, item, caps);
  }
}

function toStoredItem(item: FeedItem, article: ExtractedArticle, tags: string[], entities: StoredItem['entities'], now: string): StoredItem {
  return {
    key: item.key,
    feedId: item.feedId,
    ...(item.url ? { url: item.url } : {}),
    title: article.title || item.title,
    summary: item.summary,
    body: article.text,
    bodySource: article.bodySource,
    ...(article.truncated ? { truncated: true } : {}),
    ...(article.byline ?? item.author ? { byline: article.byline ?? item.author } : {}),
    ...(article.lang ? { lang: article.lang } : {}),
    ...(item.published ?? article.published ? { published: item.published ?? article.published } : {}),
    processedAt: now,
    tags,
    entities,
  };
}

/** For each flagged watch-list, the (digest, channel) pairs whose digests include it and whose minScore it meets. */
function pendingTargets(config: Config, flagged: WatchlistMatch[]): Map<string, PendingTarget[]> {
  const targets = new Map<string, PendingTarget[]>();
  for (const m of flagged) {
    const list: PendingTarget[] = [];
    for (const [digest, d] of Object.entries(config.digests.digests)) {
      if (!d.watchlists.includes(m.watchlist) || (d.minScore !== undefined && m.score < d.minScore)) continue;
      for (const channel of d.channels) list.push({ digest, channel });
    }
    targets.set(m.watchlist, list);
  }
  return targets;
}

async function enqueueAlerts(ctx: WorkerContext, config: Config, itemKey: string, flagged: WatchlistMatch[]): Promise<void> {
  const jobs: Array<{ name: string; data: SendAlertPayload; opts: { jobId: string } }> = [];
  for (const [alert, a] of Object.entries(config.digests.alerts)) {
    for (const m of flagged) {
      const level = a.minScore ?? own(config.watchlists.watchlists, m.watchlist)?.alert;
      if (!a.watchlists.includes(m.watchlist) || level === undefined || m.score < level) continue;
      // One alert per (alert, item): the job id makes a retried process-article job harmless.
      jobs.push({ name: QUEUES.sendAlert, data: { alert, watchlist: m.watchlist, itemKey }, opts: { jobId: `alert-${alert}-${itemKey}` } });
      break;
    }
  }
  if (jobs.length) await ctx.queues[QUEUES.sendAlert].addBulk(jobs);
}
