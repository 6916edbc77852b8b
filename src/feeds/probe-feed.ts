/**
 * What a URL is, said plainly for `wirewatch discover` and `check-config --online`: a feed,
 * a page with a feed found in it, a page with none, a listing page or sitemap read as
 * configured, a 404, an address the guard refuses (with the setting that would allow it),
 * or another failure. One fetch of the URL, then whatever discovery needs.
 */
import type { FeedConfig } from '../config/schema.js';
import { describeError } from '../errors.js';
import { FetchError } from '../fetch/fetch-error.js';
import type { FetchResult } from '../fetch/fetch-resource.js';
import type { ParsedFeed } from '../types.js';
import { discoverFeed, newestDate, type CandidateReport } from './discover-feed.js';
import { readSource } from './read-source.js';
import { HtmlPageError, readFeed, type ReadFeedOptions } from './read-feed.js';

export type ProbeKind = 'feed' | 'page-with-feed' | 'page-without-feed' | 'listing' | 'sitemap' | 'not-found' | 'refused' | 'error';

export interface ProbeReport {
  url: string;
  kind: ProbeKind;
  format?: string;
  title?: string;
  items?: number;
  newest?: string;
  /** The feed a page pointed at, and every candidate judged. */
  feedUrl?: string;
  candidates?: CandidateReport[];
  error?: string;
  /** For a refused address: the setting that would let it through. */
  allowWith?: string;
}

export interface ProbeOptions {
  fetch: (url: string) => Promise<FetchResult>;
  read: Omit<ReadFeedOptions, 'url' | 'contentType'>;
  /** Judge every candidate of a page, not just enough to choose. */
  all?: boolean;
}

function summary(feed: ParsedFeed): Pick<ProbeReport, 'format' | 'title' | 'items' | 'newest'> {
  const newest = newestDate(feed.items);
  return { format: feed.format, ...(feed.title ? { title: feed.title } : {}), items: feed.items.length, ...(newest ? { newest } : {}) };
}

function failure(url: string, err: unknown): ProbeReport {
  const error = describeError(err);
  if (err instanceof FetchError && (err.status === 404 || err.status === 410)) return { url, kind: 'not-found', error };
  if (/address refused: (\S+) resolves/.test(error)) {
    const host = /address refused: (\S+) resolves/.exec(error)![1]!;
    return { url, kind: 'refused', error, allowWith: `fetch.allowHosts: [${host}] (this host only) or fetch.allowPrivateNetworks: true` };
  }
  return { url, kind: 'error', error };
}

/** Probes `url` read as a feed of `type` (default a feed). */
export async function probeFeed(url: string, feed: Pick<FeedConfig, 'type' | 'select'> | undefined, o: ProbeOptions): Promise<ProbeReport> {
  let res: FetchResult;
  try {
    res = await o.fetch(url);
  } catch (err) {
    return failure(url, err);
  }
  if (res.kind !== 'ok') return { url, kind: 'error', error: 'fetch: answered 304 to an unconditional request' };
  try {
    if (feed?.type === 'html' || feed?.type === 'sitemap') {
      const read = await readSource({ ...feed, id: 'probe', url, tags: [] } as FeedConfig, res, { fetch: o.fetch, read: o.read, discover: false });
      return { url, kind: feed.type === 'html' ? 'listing' : 'sitemap', ...summary(read.feed) };
    }
    return { url, kind: 'feed', ...summary(await readFeed(res.body, { ...o.read, url: res.url, contentType: res.contentType })) };
  } catch (err) {
    if (!(err instanceof HtmlPageError)) return { url, kind: 'error', error: describeError(err) };
    const found = await discoverFeed(err.html, res.url, { fetch: o.fetch, read: o.read, all: o.all });
    if (!found.chosen) return { url, kind: 'page-without-feed', candidates: found.candidates };
    return { url, kind: 'page-with-feed', feedUrl: found.chosen.report.url, candidates: found.candidates, ...summary(found.chosen.feed) };
  }
}

/** One line a person reads: what the URL is. */
export function describeProbe(p: ProbeReport): string {
  const counts = p.items === undefined ? '' : `, ${p.items} items${p.newest ? `, newest ${p.newest.slice(0, 16).replace('T', ' ')}` : ''}`;
  const title = p.title ? ` "${p.title}"` : '';
  switch (p.kind) {
    case 'feed': return `a feed (${p.format}${counts})${title}`;
    case 'page-with-feed': return `a page; its feed is ${p.feedUrl} (${p.format}${counts})${title}`;
    case 'page-without-feed': return `a page with no feed found (${p.candidates?.length ?? 0} candidates tried); use type: html with select, or type: sitemap`;
    case 'listing': return `a listing page read with select (${p.items} items${p.newest ? `, newest ${p.newest.slice(0, 16).replace('T', ' ')}` : ''})${p.items === 0 ? ': select.item finds nothing with a link' : ''}`;
    case 'sitemap': return `a sitemap (${p.items} URLs${p.newest ? `, newest ${p.newest.slice(0, 16).replace('T', ' ')}` : ''})`;
    case 'not-found': return `not found (${p.error})`;
    case 'refused': return `refused by the address guard (${p.error}); allow it with ${p.allowWith}`;
    default: return `failed (${p.error})`;
  }
}
