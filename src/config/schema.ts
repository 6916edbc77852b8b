/**
 * The shape of the three config files, with their defaults. Objects are strict: an unknown
 * key is an error, because a typo that silently does nothing is worse than a refusal.
 */
import { z } from 'zod';
import { DEFAULT_LIMITS } from '../limits.js';
import { parseDuration, parseSize } from './units.js';

const duration = (what: string) =>
  z.union([z.string(), z.number()]).transform((v, ctx) => {
    const ms = parseDuration(v);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `expected a duration for ${what}, like 30s, 10m or 1h (got ${JSON.stringify(v)})` });
      return z.NEVER;
    }
    return ms;
  });

/** A poll interval: at least a second (a zero interval would make BullMQ refuse the schedule). */
const interval = (what: string) => duration(what).refine((ms) => ms >= 1_000, `expected ${what} of at least 1s`);

const size = (what: string) =>
  z.union([z.string(), z.number()]).transform((v, ctx) => {
    const bytes = parseSize(v);
    if (bytes === undefined) {
      ctx.addIssue({ code: 'custom', message: `expected a size for ${what}, like 512KB or 10MB (got ${JSON.stringify(v)})` });
      return z.NEVER;
    }
    return bytes;
  });

/** Ids end up in Redis keys and BullMQ job ids, where ':' is not allowed. */
const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected an id of letters, digits, ".", "_" or "-" (no spaces or ":")');

const feedUrl = z.string().refine((u) => {
  try {
    return ['http:', 'https:', 'file:'].includes(new URL(u).protocol);
  } catch {
    return false;
  }
}, 'expected an http:, https: or file: URL');

/** Fetch limits and manners, shared by feed and page fetches. */
export const fetchSchema = z.strictObject({
  /** Total time for one request, body included. Default 20s. */
  timeout: duration('fetch.timeout').default(20_000),
  /** Largest body accepted, counted after decompression. Default 10MB. */
  maxBytes: size('fetch.maxBytes').default(10 * 1024 * 1024),
  /** Redirects followed before giving up. Default 5. */
  maxRedirects: z.number().int().min(0).max(20).default(5),
  userAgent: z.string().min(1).default('wirewatch/0.1 (+https://example.org/contact)'),
  /** Let feeds and pages on loopback, private and link-local addresses through. Default false. */
  allowPrivateNetworks: z.boolean().default(false),
  /** Hosts let through even when they resolve to private addresses. */
  allowHosts: z.array(z.string()).default([]),
  /** Requests at once to one host. Default 2. */
  perHostConcurrency: z.number().int().min(1).max(32).default(2),
  /** Minimum gap between two requests to one host. Default 1s. */
  perHostGap: duration('fetch.perHostGap').default(1_000),
  /** Longest back-off for a failing feed. Default 24h. */
  maxBackoff: duration('fetch.maxBackoff').default(86_400_000),
});

const extractRuleSchema = z.strictObject({
  /** CSS selector of the article body; takes precedence over the heuristics. */
  include: z.string().min(1).optional(),
  /** CSS selectors removed from the page before extraction. */
  exclude: z.array(z.string().min(1)).default([]),
});

/** CSS selectors that turn a listing page (type: html) into items. */
const selectSchema = z.strictObject({
  /** One element per item. */
  item: z.string().min(1, 'expected a CSS selector for select.item'),
  /** The item's link, inside the item; default the first a[href] (or the item itself when it is a link). */
  link: z.string().min(1).optional(),
  /** The item's title, inside the item; default the link's text. */
  title: z.string().min(1).optional(),
  /** The item's date, inside the item (datetime or content attribute, else its text); default the article page's own date. */
  date: z.string().min(1).optional(),
  /** A summary, inside the item. */
  summary: z.string().min(1).optional(),
});

/** What the URL serves: a feed (or a page declaring one), a listing page read with selectors, a sitemap. */
export const FEED_TYPES = ['feed', 'html', 'sitemap'] as const;

export const feedSchema = z.strictObject({
  id,
  url: feedUrl,
  type: z.enum(FEED_TYPES).default('feed'),
  select: selectSchema.optional(),
  title: z.string().optional(),
  /** How often to poll; defaults.interval when absent. */
  interval: interval('interval').optional(),
  tags: z.array(z.string().min(1)).default([]),
  /** Fetch each linked page and extract its body; defaults.fetchArticles when absent. */
  fetchArticles: z.boolean().optional(),
  extract: extractRuleSchema.optional(),
}).superRefine((feed, ctx) => {
  if (feed.type === 'html' && feed.select === undefined) {
    ctx.addIssue({ code: 'custom', path: ['type'], message: 'type: html needs select: { item: CSS selector } (and optionally link, title, date, summary)' });
  }
  if (feed.type !== 'html' && feed.select !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['select'], message: `select is read only with type: html (this feed is type: ${feed.type})` });
  }
});

/** Caps on what one feed or page can make wirewatch keep and scan (README, "Limits"). */
export const limitsSchema = z.strictObject({
  /** Characters of body text kept per item; the rest is cut and the item marked truncated. Default 200,000. */
  bodyChars: z.number().int().min(1_000).max(5_000_000).default(DEFAULT_LIMITS.bodyChars),
  /** Items taken from one poll of one feed; the rest are counted and logged. Default 1,000. */
  itemsPerPoll: z.number().int().min(1).max(100_000).default(DEFAULT_LIMITS.itemsPerPoll),
  /** Characters of text /api/classify takes; longer is refused with 413. Default 200,000. */
  classifyChars: z.number().int().min(1_000).max(5_000_000).default(DEFAULT_LIMITS.classifyChars),
});

export const feedsFileSchema = z.strictObject({
  fetch: fetchSchema.default(fetchSchema.parse({})),
  limits: limitsSchema.default(limitsSchema.parse({})),
  defaults: z
    .strictObject({
      interval: interval('defaults.interval').default(600_000),
      fetchArticles: z.boolean().default(true),
    })
    .default({ interval: 600_000, fetchArticles: true }),
  feeds: z.array(feedSchema).default([]),
});

export const entitySchema = z.strictObject({
  type: z.enum(['person', 'org', 'place', 'other']).default('other'),
  aliases: z.array(z.string().min(1)).default([]),
  /**
   * How the name and aliases treat case. `sensitive` (the default): an alias in capitals
   * matches only capitals, a capitalized one only a capitalized word, a lower-case one any
   * case; where case says nothing (sentence starts, headlines) the recognizer decides.
   * `insensitive`: every alias matches in any case.
   */
  case: z.enum(['sensitive', 'insensitive']).optional(),
});

export const watchlistSchema = z.strictObject({
  description: z.string().optional(),
  /** Boolean query in the language README.md describes ("The query language"). */
  query: z.string().min(1, 'expected a query'),
  /**
   * Term -> weight. Score = sum of weight x hits (at most 3 hits a term). A negative weight is
   * a penalty: the term lowers the score (it cannot take a flag below the threshold's floor of 0).
   */
  weights: z.record(z.string(), z.number()).optional(),
  /**
   * The weight of every positive query term that has none of its own in `weights`. Without it,
   * such a term in a list with weights adds nothing (check-config warns); 0 says so on purpose
   * (the term only decides whether the query matches).
   */
  defaultWeight: z.number().optional(),
  /** Flag when the query matches and the score reaches this (0 or more). Default 0. */
  threshold: z.number().min(0, 'expected a threshold of 0 or more (a score below 0 never flags)').default(0),
  /** Score at which an immediate alert goes out (0 or more). */
  alert: z.number().min(0, 'expected an alert score of 0 or more (alerts go out for flagged items, whose score is 0 or more)').optional(),
});

export const watchlistsFileSchema = z.strictObject({
  entities: z.record(z.string(), entitySchema).default({}),
  watchlists: z.record(id, watchlistSchema).default({}),
});

const channelSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('console') }),
  /** One Markdown file a run in `dir` (relative to the config folder). */
  z.strictObject({ type: z.literal('file'), dir: z.string().min(1) }),
  z.strictObject({
    type: z.literal('email'),
    smtp: z.string().regex(/^smtps?:\/\//, 'expected an smtp:// or smtps:// URL'),
    from: z.string().min(1),
    to: z.array(z.string().min(1)).min(1),
  }),
  z.strictObject({ type: z.literal('slack'), webhook: z.url() }),
  z.strictObject({ type: z.literal('discord'), webhook: z.url() }),
  z.strictObject({ type: z.literal('teams'), webhook: z.url() }),
  z.strictObject({ type: z.literal('telegram'), token: z.string().min(1), chatId: z.union([z.string(), z.number()]), apiUrl: z.url().optional() }),
  z.strictObject({
    type: z.literal('webhook'),
    url: z.url(),
    /** Signs each request (X-Wirewatch-Signature); 16 characters or more. */
    secret: z.string().min(16, 'expected a webhook secret of 16 characters or more (a short one can be guessed)').optional(),
  }),
]);

export const digestSchema = z.strictObject({
  watchlists: z.array(id).min(1),
  /** Cron pattern (5 or 6 fields). */
  schedule: z.string().min(1),
  timezone: z.string().default('UTC'),
  channels: z.array(id).min(1),
  maxItems: z.number().int().min(1).default(50),
  minScore: z.number().optional(),
  /**
   * How alike two items must be (estimated Jaccard similarity of their word shingles, 0 to 1)
   * to be one story listing every source. Default 0.5; 1 merges only identical copies.
   */
  clusterThreshold: z.number().gt(0).max(1).default(0.5),
});

export const alertSchema = z.strictObject({
  watchlists: z.array(id).min(1),
  minScore: z.number().optional(),
  channels: z.array(id).min(1),
  /** Alerts a minute per channel before the rest are folded into one message. Default 5. */
  perMinute: z.number().int().min(1).default(5),
});

export const digestsFileSchema = z.strictObject({
  channels: z.record(id, channelSchema).default({}),
  digests: z.record(id, digestSchema).default({}),
  alerts: z.record(id, alertSchema).default({}),
});

export type FetchOptions = z.infer<typeof fetchSchema>;
export type LimitsOptions = z.infer<typeof limitsSchema>;
export type FeedConfig = z.infer<typeof feedSchema>;
export type FeedsFile = z.infer<typeof feedsFileSchema>;
export type EntityConfig = z.infer<typeof entitySchema>;
export type WatchlistConfig = z.infer<typeof watchlistSchema>;
export type WatchlistsFile = z.infer<typeof watchlistsFileSchema>;
export type ChannelConfig = z.infer<typeof channelSchema>;
export type DigestConfig = z.infer<typeof digestSchema>;
export type AlertConfig = z.infer<typeof alertSchema>;
export type DigestsFile = z.infer<typeof digestsFileSchema>;

/** The whole validated configuration. */
export interface Config {
  /** The folder the files were read from. */
  dir: string;
  feeds: FeedsFile;
  watchlists: WatchlistsFile;
  digests: DigestsFile;
}
