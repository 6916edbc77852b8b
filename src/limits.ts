/**
 * Caps on what a hostile feed or page can make wirewatch keep, store or scan. The defaults
 * hold wherever a caller passes nothing; feeds.yaml `limits:` changes the configurable ones.
 * README ("Limits") lists every cap, these and the fetch and parser ones.
 */
import type { StoredItem } from './types.js';

/** The configurable caps, with their defaults. */
export const DEFAULT_LIMITS = {
  /** Characters of body text kept per item (the extracted page, or the feed's own content). */
  bodyChars: 200_000,
  /** Items taken from one poll of one feed, in document order; the rest are counted and logged. */
  itemsPerPoll: 1_000,
  /** Characters of text (title and body) that /api/classify and the "try it" box take. */
  classifyChars: 200_000,
} as const;

export type Limits = { -readonly [K in keyof typeof DEFAULT_LIMITS]: number };

/** Fixed caps on the other fields of a stored item. */
export const FIELD_LIMITS = {
  title: 1_000,
  summary: 20_000,
  byline: 300,
  url: 8_192,
  entities: 500,
  entityName: 200,
  tags: 100,
} as const;

/**
 * `text` cut to at most `max` characters, at the last paragraph or word break in the final
 * tenth when there is one, never inside a surrogate pair.
 */
export function cutText(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  let end = max;
  const floor = Math.floor(max * 0.9);
  const paragraph = text.lastIndexOf('\n\n', max);
  if (paragraph >= floor) end = paragraph;
  else {
    const space = text.lastIndexOf(' ', max);
    if (space >= floor) end = space;
  }
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return { text: text.slice(0, end).trimEnd(), truncated: true };
}

/**
 * A stored item within its caps: body at `bodyChars` (marked truncated when cut), the
 * other text fields and lists at FIELD_LIMITS. Every stage caps its own output already;
 * this is the last guard before the item is written for 30 days, so a stored item is at
 * most bodyChars plus about 140,000 characters whatever produced it.
 */
export function capStoredItem(item: StoredItem, bodyChars: number = DEFAULT_LIMITS.bodyChars): StoredItem {
  const body = cutText(item.body, bodyChars);
  const out: StoredItem = {
    ...item,
    title: cutText(item.title, FIELD_LIMITS.title).text,
    summary: cutText(item.summary, FIELD_LIMITS.summary).text,
    body: body.text,
    tags: item.tags.slice(0, FIELD_LIMITS.tags),
    entities: item.entities.slice(0, FIELD_LIMITS.entities).map((e) => (e.name.length > FIELD_LIMITS.entityName ? { ...e, name: e.name.slice(0, FIELD_LIMITS.entityName) } : e)),
  };
  if (body.truncated) out.truncated = true;
  if (out.url !== undefined && out.url.length > FIELD_LIMITS.url) delete out.url;
  if (out.byline !== undefined) out.byline = cutText(out.byline, FIELD_LIMITS.byline).text;
  return out;
}

