/**
 * JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), which rss-parser does not read.
 * Lenient like the XML paths: ids given as numbers, 1.0's `author` beside 1.1's `authors`,
 * and items without an id are all accepted.
 */
import { jsonNestsDeeper } from '../json-depth.js';
import { FeedParseError } from './feed-parse-error.js';
import { MAX_RAW_CATEGORIES, takeEntries, type RawEntry, type RawFeed, type RawText } from './raw-feed.js';

type J = Record<string, unknown>;

function isObject(v: unknown): v is J {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

function text(html: unknown, plain: unknown): RawText | undefined {
  const h = str(html);
  if (h !== undefined) return { value: h, type: 'html' };
  const t = str(plain);
  return t === undefined ? undefined : { value: t, type: 'text' };
}

function authorOf(item: J, feed: J): string | undefined {
  const list = Array.isArray(item.authors) ? item.authors : isObject(item.author) ? [item.author] : [];
  const names = list.filter(isObject).map((a) => str(a.name)).filter((n): n is string => n !== undefined);
  if (names.length > 0) return names.join(', ');
  return item === feed ? undefined : authorOf(feed, feed);
}

function entryOf(item: J, feed: J): RawEntry {
  const attachment = Array.isArray(item.attachments) ? item.attachments.find(isObject) : undefined;
  const attachmentUrl = attachment === undefined ? undefined : str(attachment.url);
  return {
    title: text(undefined, item.title),
    link: str(item.url) ?? str(item.external_url),
    guid: str(item.id),
    summary: text(undefined, item.summary),
    content: text(item.content_html, item.content_text),
    published: str(item.date_published),
    updated: str(item.date_modified),
    author: authorOf(item, feed),
    categories: Array.isArray(item.tags) ? item.tags.slice(0, MAX_RAW_CATEGORIES).map(str).filter((t): t is string => t !== undefined) : [],
    enclosure: attachmentUrl === undefined ? undefined : {
      url: attachmentUrl,
      type: str(attachment!.mime_type),
      length: typeof attachment!.size_in_bytes === 'number' ? attachment!.size_in_bytes : undefined,
    },
  };
}

/** Deepest nesting of arrays and objects accepted; a JSON Feed is five levels deep. */
export const MAX_JSON_DEPTH = 64;

/** Parses a JSON Feed document; FeedParseError when it is not JSON or not a JSON Feed. */
export function parseJsonFeed(json: string, maxEntries = Infinity): RawFeed {
  // JSON.parse would read a document of 8 million '[' to its end before failing.
  if (jsonNestsDeeper(json, MAX_JSON_DEPTH)) throw new FeedParseError(`JSON nested more than ${MAX_JSON_DEPTH} deep: not a JSON Feed`);
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (err) {
    // V8 quotes the source around the fault, line breaks included: one short line of it is enough.
    const why = (err as Error).message.replace(/\s+/g, ' ').slice(0, 160);
    throw new FeedParseError(`not valid JSON (${why})`, { cause: err });
  }
  if (!isObject(doc)) throw new FeedParseError('JSON document is not an object: not a JSON Feed');
  const version = str(doc.version) ?? '';
  if (!version.includes('jsonfeed.org') && !Array.isArray(doc.items)) {
    throw new FeedParseError('JSON document has no JSON Feed version and no items: not a JSON Feed');
  }
  const items = Array.isArray(doc.items) ? doc.items.filter(isObject) : [];
  return {
    format: 'json',
    title: text(undefined, doc.title),
    link: str(doc.home_page_url),
    base: str(doc.feed_url) ?? str(doc.home_page_url),
    ...takeEntries(items, maxEntries, (item) => entryOf(item, doc as J)),
  };
}
