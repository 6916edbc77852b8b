/**
 * What a parser pulls out of a feed before normalization: strings as the feed wrote them,
 * with just enough context (text or HTML, the xml:base in force) to normalize them right.
 * Both XML paths (rss-parser and the lenient DOM pass) and JSON Feed produce this shape.
 */

/** A text construct: `html` is markup to strip; `text` is already plain. */
export interface RawText {
  value: string;
  type: 'text' | 'html';
}

export interface RawEntry {
  title?: RawText;
  /** The entry's link as written (maybe relative). */
  link?: string;
  guid?: string;
  /** RSS guid isPermaLink; undefined when the feed did not say. */
  guidIsPermaLink?: boolean;
  summary?: RawText;
  content?: RawText;
  published?: string;
  updated?: string;
  author?: string;
  categories: string[];
  enclosure?: { url: string; type?: string; length?: string | number };
  /** Base URL for the entry's relative links (xml:base, else the feed's). */
  base?: string;
}

export interface RawFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title?: RawText;
  link?: string;
  /** Base URL for relative links at feed level. */
  base?: string;
  entries: RawEntry[];
}

/** Resolves `ref` against `base`, keeping `ref` as written when that fails. */
export function resolveAgainst(ref: string, base: string | undefined): string {
  if (base === undefined) return ref;
  try {
    return new URL(ref.trim(), base).href;
  } catch {
    return ref;
  }
}
