/**
 * Discovery: given a web page where a feed was expected, fetch the feeds it points at and
 * choose the best. The fetch is passed in, so the caller's limits, politeness and address
 * guard apply to every candidate as to the page. Declared feeds are all judged (a page
 * declaring posts and comments must get posts); body links and the usual paths are tried
 * only when nothing better answered, and stop at the first feed that reads.
 */
import { describeError } from '../errors.js';
import type { FetchResult } from '../fetch/fetch-resource.js';
import type { ParsedFeed } from '../types.js';
import { findFeedLinks, type CandidateSource, type FeedCandidate } from './find-feed-links.js';
import { readFeed, type ReadFeedOptions } from './read-feed.js';

/** What one candidate turned out to be. */
export interface CandidateReport {
  url: string;
  source: CandidateSource;
  declaredType?: string;
  /** True when it answered with a feed that reads. */
  ok: boolean;
  format?: ParsedFeed['format'];
  title?: string;
  items?: number;
  /** ISO date of its newest dated entry. */
  newest?: string;
  error?: string;
}

export interface Chosen {
  report: CandidateReport;
  feed: ParsedFeed;
  result: Extract<FetchResult, { kind: 'ok' }>;
}

export interface Discovery {
  candidates: CandidateReport[];
  chosen?: Chosen;
}

export interface DiscoverOptions {
  fetch: (url: string) => Promise<FetchResult>;
  read: Omit<ReadFeedOptions, 'url' | 'contentType'>;
  /** Judge every candidate (the discover command), not just enough to choose. */
  all?: boolean;
  /** Links in the body judged at most. Default 10. */
  maxLinked?: number;
}

const COMMENTS = /comment/i;

/** ISO date of the newest dated item, if any is dated. */
export function newestDate(items: ParsedFeed['items']): string | undefined {
  let newest: string | undefined;
  for (const i of items) if (i.published !== undefined && (newest === undefined || i.published > newest)) newest = i.published;
  return newest;
}

async function judge(c: FeedCandidate, o: DiscoverOptions): Promise<{ report: CandidateReport; chosen?: Chosen }> {
  const base = { url: c.url, source: c.source, ...(c.declaredType ? { declaredType: c.declaredType } : {}) };
  try {
    const result = await o.fetch(c.url);
    if (result.kind !== 'ok') return { report: { ...base, ok: false, error: 'answered 304 to an unconditional request' } };
    const feed = await readFeed(result.body, { ...o.read, url: result.url, contentType: result.contentType });
    const newest = newestDate(feed.items);
    const report: CandidateReport = { ...base, ok: true, format: feed.format, items: feed.items.length,
      ...(feed.title ?? c.title ? { title: feed.title ?? c.title } : {}), ...(newest ? { newest } : {}) };
    return { report, chosen: { report, feed, result } };
  } catch (err) {
    return { report: { ...base, ok: false, ...(c.title ? { title: c.title } : {}), error: describeError(err) } };
  }
}

/** Higher is better: a feed with items over an empty one, posts over comments, then page order. */
function score(c: Chosen): number {
  return (c.feed.items.length > 0 ? 2 : 0) + (COMMENTS.test(`${c.report.url} ${c.report.title ?? ''}`) ? 0 : 1);
}

function best(found: Chosen[]): Chosen | undefined {
  let top: Chosen | undefined;
  for (const c of found) if (top === undefined || score(c) > score(top)) top = c;
  return top;
}

/** Looks in `html` (the page at `pageUrl`) for its feed. */
export async function discoverFeed(html: string, pageUrl: string, o: DiscoverOptions): Promise<Discovery> {
  const all = findFeedLinks(html, pageUrl);
  const linked = all.filter((c) => c.source === 'linked').slice(0, o.maxLinked ?? 10);
  const groups = [all.filter((c) => c.source === 'declared'), linked, all.filter((c) => c.source === 'usual-path')];
  const candidates: CandidateReport[] = [];
  let chosen: Chosen | undefined;
  for (const [g, group] of groups.entries()) {
    const found: Chosen[] = [];
    for (const c of group) {
      if (chosen !== undefined && !o.all) break;
      const judged = await judge(c, o);
      candidates.push(judged.report);
      if (judged.chosen) found.push(judged.chosen);
      // Past the declared feeds, the first one that reads with items will do.
      if (g > 0 && judged.chosen && judged.chosen.feed.items.length > 0 && !o.all) break;
    }
    chosen ??= best(found);
  }
  return { candidates, ...(chosen ? { chosen } : {}) };
}
