/**
 * A sitemap (type: sitemap) as items: each `<url>` is an article, dated by its Google News
 * `<news:publication_date>` or else its `<lastmod>`, titled by `<news:title>` when it has
 * one (otherwise the article page gives the title). Newest first, so the per-poll cap keeps
 * the fresh end of a 50,000-URL sitemap. A sitemap index is returned as its child sitemaps,
 * newest first, for the poller to follow.
 */
import { load } from 'cheerio/slim';
import type { Element } from 'domhandler';
import type { ParsedFeed } from '../types.js';
import { decodeBytes } from './decode-bytes.js';
import { FeedParseError } from './feed-parse-error.js';
import { normalizeEntry } from './normalize-entry.js';
import { parseDate } from './parse-date.js';
import type { RawEntry } from './raw-feed.js';
import { DEFAULT_MAX_ITEMS, inflateIfGzipped, type ReadFeedOptions } from './read-feed.js';
import { childElements, localPart, textOf } from './xml-dom.js';

export type SitemapRead =
  | { kind: 'urls'; feed: ParsedFeed }
  | { kind: 'index'; sitemaps: string[] };

const child = (el: Element, name: string) => childElements(el).find((c) => localPart(c.name).toLowerCase() === name);
const text = (el: Element | undefined) => (el === undefined ? undefined : textOf(el).trim() || undefined);

function entryOf(url: Element): RawEntry | undefined {
  const loc = text(child(url, 'loc'));
  if (loc === undefined) return undefined;
  const news = child(url, 'news');
  const published = text(news && child(news, 'publication_date')) ?? text(child(url, 'lastmod'));
  const title = text(news && child(news, 'title'));
  const keywords = text(news && child(news, 'keywords'));
  return {
    link: loc, categories: keywords ? keywords.split(',').map((k) => k.trim()).filter(Boolean) : [],
    ...(title ? { title: { value: title, type: 'text' as const } } : {}),
    ...(published ? { published } : {}),
  };
}

const newestFirst = (a: { at?: string }, b: { at?: string }) => (b.at ?? '').localeCompare(a.at ?? '');

export function readSitemap(body: Buffer, opts: ReadFeedOptions): SitemapRead {
  const { text: xml } = decodeBytes(inflateIfGzipped(body, opts.maxBytes ?? 10 * 1024 * 1024), opts.contentType);
  const $ = load(xml, { xml: { xmlMode: true, decodeEntities: true } });
  const root = $.root().children().toArray().find((n): n is Element => n.type === 'tag');
  const rootName = root === undefined ? '' : localPart(root.name).toLowerCase();
  if (root === undefined || (rootName !== 'urlset' && rootName !== 'sitemapindex')) {
    throw new FeedParseError(`root element ${root ? `<${root.name}>` : '(none)'} is not <urlset> or <sitemapindex>: not a sitemap`);
  }
  const rows = childElements(root).map((el) => ({ el, at: parseDate(text(child(el, 'lastmod'))) }));
  if (rootName === 'sitemapindex') {
    const sitemaps = rows.sort(newestFirst).map((r) => text(child(r.el, 'loc'))).filter((u): u is string => u !== undefined);
    return { kind: 'index', sitemaps };
  }
  const entries = rows.map((r) => ({ raw: entryOf(r.el) })).filter((r): r is { raw: RawEntry } => r.raw !== undefined)
    .map((r) => ({ raw: r.raw, at: parseDate(r.raw.published) })).sort(newestFirst);
  const max = opts.maxItems ?? DEFAULT_MAX_ITEMS;
  const items = entries.slice(0, max).map((e) => normalizeEntry(e.raw, opts.feedId, opts.url, opts.maxContentChars));
  const dropped = entries.length - items.length;
  return { kind: 'urls', feed: { format: 'sitemap', link: opts.url, items, ...(dropped > 0 ? { dropped } : {}) } };
}
