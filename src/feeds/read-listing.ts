/**
 * A site without a feed (type: html): its listing page read with the CSS selectors of the
 * feed's `select`, one item per element matching `select.item`. Each item needs a link; its
 * title is `select.title` or the link's text, its date `select.date` or none, in which case
 * the article page's own date stands when it is fetched, else the time it was first seen.
 * The key comes from the link, as for a feed entry without a GUID, so an item that stays on
 * the page is never new again, dated or not.
 */
import { load, type Cheerio, type CheerioAPI } from 'cheerio/slim';
import type { AnyNode } from 'domhandler';
import type { FeedConfig } from '../config/schema.js';
import { decodeHtml } from '../extract/decode-html.js';
import { limitDepth } from '../extract/limit-depth.js';
import type { ParsedFeed } from '../types.js';
import { FeedParseError } from './feed-parse-error.js';
import { normalizeEntry } from './normalize-entry.js';
import type { RawEntry } from './raw-feed.js';
import { DEFAULT_MAX_ITEMS, inflateIfGzipped, type ReadFeedOptions } from './read-feed.js';

export type ListingSelect = NonNullable<FeedConfig['select']>;

export interface ReadListingOptions extends ReadFeedOptions {
  select: ListingSelect;
}

/** A selector the CSS engine refuses is the config's fault: say which one. */
function find($: CheerioAPI, scope: Cheerio<AnyNode> | undefined, selector: string, key: string): Cheerio<AnyNode> {
  try {
    return scope === undefined ? $(selector) : scope.find(selector);
  } catch (err) {
    throw new FeedParseError(`select.${key} ${JSON.stringify(selector)} is not a CSS selector this reader knows (${(err as Error).message})`);
  }
}

const squash = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** A date element's machine-readable value when it has one, else its text. */
function dateOf(el: Cheerio<AnyNode>): string | undefined {
  if (el.length === 0) return undefined;
  const value = el.attr('datetime') ?? el.attr('content') ?? el.attr('data-date') ?? el.text();
  return squash(value) || undefined;
}

function linkOf($: CheerioAPI, item: Cheerio<AnyNode>, select: ListingSelect): Cheerio<AnyNode> {
  if (select.link !== undefined) return find($, item, select.link, 'link').first();
  if (item.is('a[href]')) return item;
  return item.find('a[href]').first();
}

function entryOf($: CheerioAPI, item: Cheerio<AnyNode>, select: ListingSelect, base: string): RawEntry | undefined {
  const link = linkOf($, item, select);
  const href = link.attr('href') ?? link.find('a[href]').first().attr('href');
  if (!href || /^(javascript|mailto|data):/i.test(href.trim()) || href.trim().startsWith('#')) return undefined;
  const titleText = select.title !== undefined ? squash(find($, item, select.title, 'title').first().text()) : squash(link.text()) || squash(link.attr('title'));
  const date = select.date !== undefined ? dateOf(find($, item, select.date, 'date').first()) : undefined;
  const summary = select.summary !== undefined ? squash(find($, item, select.summary, 'summary').first().text()) : '';
  return {
    link: href, base, categories: [],
    ...(titleText ? { title: { value: titleText, type: 'text' as const } } : {}),
    ...(summary ? { summary: { value: summary, type: 'text' as const } } : {}),
    ...(date ? { published: date } : {}),
  };
}

export function readListing(body: Buffer, opts: ReadListingOptions): ParsedFeed {
  const html = decodeHtml(inflateIfGzipped(body, opts.maxBytes ?? 10 * 1024 * 1024), opts.contentType);
  const $ = load(limitDepth(html), { xml: { xmlMode: false, decodeEntities: true } });
  let base = opts.url;
  try {
    const declared = $('base[href]').first().attr('href');
    if (declared) base = new URL(declared, opts.url).href;
  } catch { /* a broken <base> is ignored, as browsers do */ }
  const max = opts.maxItems ?? DEFAULT_MAX_ITEMS;
  const items: ParsedFeed['items'] = [];
  const keys = new Set<string>();
  let dropped = 0;
  for (const el of find($, undefined, opts.select.item, 'item').toArray()) {
    const raw = entryOf($, $(el), opts.select, base);
    if (raw === undefined) continue;
    const item = normalizeEntry(raw, opts.feedId, base, opts.maxContentChars);
    // A listing links an article twice (picture and headline): one item.
    if (item.url === undefined || keys.has(item.key)) continue;
    keys.add(item.key);
    if (items.length >= max) dropped++;
    else items.push(item);
  }
  const title = squash($('title').first().text()).slice(0, 300);
  return { format: 'html', ...(title ? { title } : {}), link: opts.url, items, ...(dropped ? { dropped } : {}) };
}
