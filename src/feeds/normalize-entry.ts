/**
 * One raw entry to a FeedItem: plain-text fields within length limits, a canonical URL,
 * an ISO date and a stable key. The key decides what counts as "seen", so its rules are
 * deliberate: a GUID names the item unless it is merely the permalink (then the canonical
 * link does, so the same article carried by two feeds gets one key), and only when there is
 * neither does a hash of title and date stand in.
 */
import { createHash } from 'node:crypto';
import { cutText, DEFAULT_LIMITS, FIELD_LIMITS } from '../limits.js';
import type { FeedItem } from '../types.js';
import { canonicalizeUrl } from './canonical-url.js';
import { htmlToText, tidyText } from './html-text.js';
import { parseDate } from './parse-date.js';
import type { RawEntry, RawText } from './raw-feed.js';

/**
 * Longest plain-text field kept, in characters; beyond this a feed is padding, not news.
 * `content` is the default body cap, since a feed's content stands in for the page's body.
 */
export const TEXT_LIMITS = {
  title: FIELD_LIMITS.title, summary: FIELD_LIMITS.summary, content: DEFAULT_LIMITS.bodyChars, author: FIELD_LIMITS.byline,
  category: 200, categories: 100, guid: 1_000,
} as const;

/** Plain text of a field, cut to `limit`; `cut` says whether anything was left out. */
function plainCut(t: RawText | undefined, limit: number): { text: string; truncated: boolean } {
  if (t === undefined) return { text: '', truncated: false };
  // Stripping a 5 MB field costs time for text we would throw away: cut first, with slack for markup.
  const value = t.value.length > limit * 4 ? t.value.slice(0, limit * 4) : t.value;
  const text = t.type === 'html' ? htmlToText(value) : tidyText(value);
  const cut = cutText(text, limit);
  return { text: cut.text, truncated: cut.truncated || value.length < t.value.length };
}

function plain(t: RawText | undefined, limit: number): string {
  return plainCut(t, limit).text;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function hashKey(kind: string, ...parts: string[]): string {
  return kind + createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

function isHttpUrl(s: string): boolean {
  return /^https?:\/\//i.test(s.trim());
}

/** GUIDs like "1234" are unique only within their feed; tag:, urn: and URLs are global. */
function guidScope(guid: string, feedId: string): string {
  return /[:@/]/.test(guid) || guid.length >= 24 ? '' : feedId;
}

function keyOf(raw: RawEntry, url: string | undefined, title: string, published: string | undefined, feedId: string): string {
  const guid = raw.guid?.trim();
  const bare = guid !== undefined && (raw.guidIsPermaLink ?? isHttpUrl(guid));
  if (guid !== undefined && guid !== '' && !bare) return hashKey('g', guidScope(guid, feedId), guid);
  const permalink = url ?? (guid !== undefined && bare ? canonicalizeUrl(guid, raw.base) : undefined);
  if (permalink !== undefined) return hashKey('u', permalink);
  return hashKey('h', feedId, title, published ?? '', raw.summary?.value.slice(0, 200) ?? '');
}

/** "jdoe@example.com (Jane Doe)", the RSS way of writing an author, gives "Jane Doe". */
function authorName(author: string | undefined): string | undefined {
  if (author === undefined) return undefined;
  const text = oneLine(htmlToText(author.slice(0, TEXT_LIMITS.author * 4))).slice(0, TEXT_LIMITS.author);
  const m = /^\S+@\S+\s*\((.+)\)$/.exec(text);
  const name = m?.[1]?.trim() ?? text;
  return name === '' ? undefined : name;
}

function enclosureOf(raw: RawEntry): FeedItem['enclosure'] {
  if (raw.enclosure === undefined) return undefined;
  const url = canonicalizeUrl(raw.enclosure.url, raw.base) ?? raw.enclosure.url.trim();
  if (url === '' || url.length > FIELD_LIMITS.url) return undefined;
  const length = Number(raw.enclosure.length);
  return {
    url,
    ...(raw.enclosure.type ? { type: raw.enclosure.type.trim() } : {}),
    ...(Number.isFinite(length) && length > 0 ? { length } : {}),
  };
}

function categoriesOf(raw: RawEntry): string[] {
  const seen = new Set<string>();
  for (const c of raw.categories) {
    if (seen.size >= TEXT_LIMITS.categories) break;
    const text = oneLine(htmlToText(c.slice(0, TEXT_LIMITS.category * 4))).slice(0, TEXT_LIMITS.category);
    if (text !== '') seen.add(text);
  }
  return [...seen];
}

/**
 * Normalizes one entry; `feedBase` resolves relative links when the entry has no base. The
 * content is cut at `contentChars` (the body cap) and the item marked truncated when it was.
 */
export function normalizeEntry(raw: RawEntry, feedId: string, feedBase: string | undefined, contentChars: number = TEXT_LIMITS.content): FeedItem {
  const base = raw.base ?? feedBase;
  const guidUrl = raw.guid !== undefined && (raw.guidIsPermaLink ?? isHttpUrl(raw.guid)) ? raw.guid : undefined;
  // An RSS guid that is a permalink stands in for a missing link.
  const url = (raw.link === undefined ? undefined : canonicalizeUrl(raw.link, base)) ?? (guidUrl === undefined ? undefined : canonicalizeUrl(guidUrl, base));
  const summary = plain(raw.summary, TEXT_LIMITS.summary);
  const content = plainCut(raw.content, contentChars);
  const published = parseDate(raw.published) ?? parseDate(raw.updated);
  const title = oneLine(plain(raw.title, TEXT_LIMITS.title));
  const guid = raw.guid?.trim();
  const author = authorName(raw.author);
  const enclosure = enclosureOf({ ...raw, base });
  return {
    key: keyOf({ ...raw, base }, url, title, published, feedId),
    feedId,
    ...(url !== undefined ? { url } : {}),
    title,
    summary,
    ...(content.text !== '' ? { content: content.text } : {}),
    ...(content.truncated ? { truncated: true } : {}),
    ...(published !== undefined ? { published } : {}),
    ...(author !== undefined ? { author } : {}),
    categories: categoriesOf(raw),
    ...(enclosure !== undefined ? { enclosure } : {}),
    ...(guid !== undefined && guid !== '' ? { guid: guid.slice(0, TEXT_LIMITS.guid) } : {}),
  };
}
