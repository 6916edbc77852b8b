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
  /** Base URL for the entry's relative links (xml:base, else the feed's); links and the enclosure are resolved against it in normalization. */
  base?: string;
}

export interface RawFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title?: RawText;
  link?: string;
  /** Base URL for relative links at feed level. */
  base?: string;
  entries: RawEntry[];
  /** Entries past the cap, counted but not mapped. */
  dropped?: number;
}

/** Categories read per entry; normalization keeps 100 distinct ones, so more is padding. */
export const MAX_RAW_CATEGORIES = 400;

/** The first `max` of a parser's entries mapped, the rest only counted: a 90,000-item feed costs little more than its parse. */
export function takeEntries<T>(list: T[], max: number, map: (x: T) => RawEntry): Pick<RawFeed, 'entries' | 'dropped'> {
  const entries = list.slice(0, max).map(map);
  return list.length > max ? { entries, dropped: list.length - max } : { entries };
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

/**
 * An Atom text construct from its character data and attributes. Atom 1.0 types are text,
 * html, xhtml or a MIME type (base64 unless text/* or XML); Atom 0.3 adds mode="base64" and
 * mode="escaped". Inline XHTML is serialized by the caller, which has the tree.
 */
export function atomTextConstruct(value: string, type: string | undefined, mode: string | undefined): RawText | undefined {
  const t = (type ?? '').trim().toLowerCase() || 'text';
  const m = (mode ?? '').trim().toLowerCase();
  const isText = t === 'text' || t === 'text/plain';
  const isMarkup = t === 'html' || t === 'xhtml' || t.includes('html') || t.includes('xml') || m === 'escaped' || m === 'xml';
  const base64 = m === 'base64' || (!isText && !isMarkup && !t.startsWith('text/'));
  const decoded = (base64 ? fromBase64(value) : undefined) ?? value;
  if (decoded.trim() === '') return undefined;
  // Decoded binary types are rendered as HTML by every reader; plain text types stay text.
  return { value: decoded, type: isText || (t.startsWith('text/') && !isMarkup) ? 'text' : 'html' };
}

/** Base64 that decodes to valid UTF-8, else undefined (then the text is shown as written). */
function fromBase64(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, 'base64'));
  } catch {
    return undefined;
  }
}
