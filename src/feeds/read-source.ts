/**
 * What one poll reads, by the feed's type: a feed (and when the URL answers with a web page,
 * the feed that page points at), a listing page read with selectors, or a sitemap (an index
 * followed to its newest sitemaps). The fetch is the caller's, so every further request
 * (candidates, child sitemaps) goes through the same limits and address guard.
 */
import type { FeedConfig } from '../config/schema.js';
import type { FetchResult } from '../fetch/fetch-resource.js';
import type { ParsedFeed } from '../types.js';
import { discoverFeed, type CandidateReport } from './discover-feed.js';
import { FeedParseError } from './feed-parse-error.js';
import type { DiscoveredFeed } from './feed-state.js';
import { readListing } from './read-listing.js';
import { HtmlPageError, readFeed, type ReadFeedOptions } from './read-feed.js';
import { readSitemap } from './read-sitemap.js';

type Fetched = Extract<FetchResult, { kind: 'ok' }>;

export interface SourceRead {
  feed: ParsedFeed;
  /** The response whose validators and URL the next poll uses (the found feed's, after discovery). */
  result: Fetched;
  /** Set when the configured URL was a page and this feed was found in it. */
  discovered?: DiscoveredFeed;
  candidates?: CandidateReport[];
}

export interface ReadSourceOptions {
  fetch: (url: string) => Promise<FetchResult>;
  read: Omit<ReadFeedOptions, 'url' | 'contentType'>;
  /** Look in a page for its feed; off when polling a feed found before (it must stay a feed). */
  discover: boolean;
}

/** Child sitemaps of an index read at one poll: the newest few carry the news. */
const MAX_CHILD_SITEMAPS = 3;

export async function readSource(feed: FeedConfig, res: Fetched, o: ReadSourceOptions): Promise<SourceRead> {
  const read = { ...o.read, url: res.url, contentType: res.contentType };
  if (feed.type === 'html') return { feed: readListing(res.body, { ...read, select: feed.select! }), result: res };
  if (feed.type === 'sitemap') return { feed: await readSitemapTree(res, o), result: res };
  try {
    return { feed: await readFeed(res.body, read), result: res };
  } catch (err) {
    if (!(err instanceof HtmlPageError) || !o.discover) throw err;
    const found = await discoverFeed(err.html, res.url, { fetch: o.fetch, read: o.read });
    if (!found.chosen) throw new FeedParseError(noFeedMessage(found.candidates));
    const { report, feed: parsed, result } = found.chosen;
    const discovered: DiscoveredFeed = { url: result.url, source: report.source, page: res.url, ...(report.title ? { title: report.title } : {}) };
    return { feed: parsed, result, discovered, candidates: found.candidates };
  }
}

function noFeedMessage(candidates: CandidateReport[]): string {
  const declared = candidates.filter((c) => c.source === 'declared');
  if (declared.length > 0) return `an HTML page whose declared feeds do not read (${declared.map((c) => `${c.url}: ${c.error ?? 'no items'}`).join('; ')})`;
  return `an HTML page that declares no feed, and none answered at the usual paths (${candidates.length} tried); for a site without a feed use type: html with select, or type: sitemap`;
}

async function readSitemapTree(res: Fetched, o: ReadSourceOptions): Promise<ParsedFeed> {
  const top = readSitemap(res.body, { ...o.read, url: res.url, contentType: res.contentType });
  if (top.kind === 'urls') return top.feed;
  const items: ParsedFeed['items'] = [];
  for (const url of top.sitemaps.slice(0, MAX_CHILD_SITEMAPS)) {
    const sub = await o.fetch(url);
    if (sub.kind !== 'ok') continue;
    const read = readSitemap(sub.body, { ...o.read, url: sub.url, contentType: sub.contentType });
    // An index of indexes is not followed further: one level is what sites serve.
    if (read.kind === 'urls') items.push(...read.feed.items);
  }
  const max = o.read.maxItems ?? items.length;
  const sorted = items.sort((a, b) => (b.published ?? '').localeCompare(a.published ?? ''));
  return { format: 'sitemap', link: res.url, items: sorted.slice(0, max), ...(sorted.length > max ? { dropped: sorted.length - max } : {}) };
}
