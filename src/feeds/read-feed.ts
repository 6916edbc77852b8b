/**
 * The feeds stage: bytes of RSS, RDF, Atom or JSON Feed in, normalized items out. Decoding
 * is ours (decode-bytes), parsing goes through rss-parser when the XML is well formed and
 * through a lenient DOM pass when it is not, and every failure leaves as a FeedParseError
 * with a message a person can act on: whatever a parser throws inside is caught and named.
 */
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { DEFAULT_LIMITS, FIELD_LIMITS } from '../limits.js';
import type { ParsedFeed } from '../types.js';
import { canonicalizeUrl } from './canonical-url.js';
import { decodeBytes } from './decode-bytes.js';
import { FeedParseError } from './feed-parse-error.js';
import { htmlToText, tidyText } from './html-text.js';
import { normalizeEntry } from './normalize-entry.js';
import { parseJsonFeed } from './parse-json-feed.js';
import { parseXmlDom } from './parse-xml-dom.js';
import { parseXmlStrict } from './parse-xml-strict.js';
import { prepareXml } from './prepare-xml.js';
import { skipMisc } from './prolog.js';
import { dropStrayCloseTags, MAX_STRAY_COST, xmlShape } from './xml-shape.js';
import type { RawFeed } from './raw-feed.js';

/** Options for readFeed. */
export interface ReadFeedOptions {
  /** The feed's URL (after redirects): resolves relative links. */
  url: string;
  feedId: string;
  /** The HTTP Content-Type, whose charset outranks the XML declaration. */
  contentType?: string;
  /** Most items kept, in document order (limits.itemsPerPoll); the rest are counted in `dropped`. Default 1,000. */
  maxItems?: number;
  /** Characters of feed content kept per item (limits.bodyChars). Default 200,000. */
  maxContentChars?: number;
  /** Largest size a gzip-compressed body may inflate to. Default 10 MB. */
  maxBytes?: number;
}

export const DEFAULT_MAX_ITEMS = DEFAULT_LIMITS.itemsPerPoll;

export function inflateIfGzipped(body: Buffer, maxBytes: number): Buffer {
  // Served twice compressed, or a .gz file read from disk: the magic bytes say so.
  if (body.length < 2 || body[0] !== 0x1f || body[1] !== 0x8b) return body;
  try {
    // A sync flush at the end yields what a truncated download did carry.
    return gunzipSync(body, { maxOutputLength: maxBytes, finishFlush: zlibConstants.Z_SYNC_FLUSH });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new FeedParseError(`gzip body inflates past ${maxBytes} bytes`);
    throw new FeedParseError(`gzip body cannot be inflated (${(err as Error).message})`, { cause: err });
  }
}

/** An HTML page, told by its start once comments are skipped (a scan: the regex it replaces could backtrack exponentially). */
function looksLikeHtmlPage(head: string): boolean {
  const i = skipMisc(head);
  if (i < 0) return false;
  const html = /^(<!doctype\s+html|<html[\s>])/i.test(head.slice(i, i + 16));
  return html && !/<(rss|feed|rdf:RDF)[\s>]/.test(head);
}

/** The body is a web page: the poller looks in it for the feeds it declares. */
export class HtmlPageError extends FeedParseError {
  /** The decoded page, for discovery to read. */
  readonly html: string;

  constructor(html: string) {
    super('an HTML page, not a feed');
    this.html = html;
  }
}

/** Served as text/html and starting with page markup rather than a feed's root, however the page begins. */
function servedAsPage(head: string, contentType: string | undefined): boolean {
  if (!/^\s*text\/html\b/i.test(contentType ?? '')) return false;
  return /<(head|body|meta|title|link)[\s>]/i.test(head) && !/<(rss|feed|rdf:RDF)[\s>]/.test(head);
}

/** Deepest element nesting accepted; real feeds stay far below it. */
export const MAX_NESTING = 256;
/** sax, under rss-parser, fails on a tag longer than this (and slowly): the DOM pass reads those. */
const SAX_MAX_TAG = 64 * 1024;

async function parseXml(xml: string, url: string, maxEntries: number): Promise<RawFeed> {
  let prepared = prepareXml(xml);
  const shape = xmlShape(prepared, MAX_NESTING);
  if (shape.depth > MAX_NESTING) throw new FeedParseError(`elements nested more than ${MAX_NESTING} deep: refused rather than parsed`);
  if (shape.rootEnd !== undefined) prepared = prepared.slice(0, shape.rootEnd);
  if (shape.strayCost > MAX_STRAY_COST) prepared = dropStrayCloseTags(prepared);
  const head = prepared.slice(0, 4096);
  // rss-parser drops per-entry xml:base, flattens inline XHTML and reads Atom 0.3 dates
  // and modes wrong: such documents go straight to the DOM pass rather than being parsed twice.
  // A document whose tags do not balance fails the strict parser, after a full pass.
  const domFirst = !shape.balanced || shape.longestTag > SAX_MAX_TAG || prepared.includes('xml:base') || head.includes('purl.org/atom/ns#') || /type=["']xhtml["']/.test(prepared);
  if (!domFirst) {
    const strict = await parseXmlStrict(prepared, url, maxEntries);
    if (strict !== undefined && (strict.entries.length > 0 || !/<(\w+:)?(item|entry)[\s>]/.test(prepared))) return strict;
  }
  return parseXmlDom(prepared, url, maxEntries);
}

async function parseText(text: string, opts: ReadFeedOptions): Promise<RawFeed> {
  const trimmed = text.replace(/^[\s\ufeff]+/, '');
  if (trimmed === '') throw new FeedParseError('empty document');
  const max = opts.maxItems ?? DEFAULT_MAX_ITEMS;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return parseJsonFeed(trimmed, max);
  if (!trimmed.startsWith('<')) {
    const lt = trimmed.indexOf('<');
    if (lt < 0) throw new FeedParseError('neither XML nor JSON: not a feed');
  }
  if (looksLikeHtmlPage(trimmed.slice(0, 2048)) || servedAsPage(trimmed.slice(0, 4096), opts.contentType)) throw new HtmlPageError(text);
  return parseXml(trimmed, opts.url, max);
}

function toParsedFeed(raw: RawFeed, opts: ReadFeedOptions): ParsedFeed {
  const base = raw.base ?? opts.url;
  const link = raw.link === undefined ? undefined : canonicalizeUrl(raw.link, opts.url);
  const rawTitle = raw.title?.value.slice(0, FIELD_LIMITS.title * 4);
  const title = rawTitle === undefined ? undefined
    : (raw.title!.type === 'html' ? htmlToText(rawTitle) : tidyText(rawTitle)).replace(/\s+/g, ' ').slice(0, FIELD_LIMITS.title);
  const entries = raw.entries.slice(0, opts.maxItems ?? DEFAULT_MAX_ITEMS);
  const dropped = (raw.dropped ?? 0) + raw.entries.length - entries.length;
  return {
    format: raw.format,
    ...(title ? { title } : {}),
    ...(link !== undefined ? { link } : {}),
    items: entries.map((entry) => normalizeEntry(entry, opts.feedId, base, opts.maxContentChars)),
    ...(dropped > 0 ? { dropped } : {}),
  };
}

/**
 * Reads a feed body into normalized items. Throws FeedParseError, and only that, when the
 * body is not a feed that can be read.
 */
export async function readFeed(body: Buffer, opts: ReadFeedOptions): Promise<ParsedFeed> {
  try {
    const bytes = inflateIfGzipped(body, opts.maxBytes ?? 10 * 1024 * 1024);
    const { text } = decodeBytes(bytes, opts.contentType);
    return toParsedFeed(await parseText(text, opts), opts);
  } catch (err) {
    if (err instanceof FeedParseError) throw err;
    // A parser's own bug must not take the worker down; it is one more unreadable feed.
    throw new FeedParseError(`unexpected failure reading the feed (${(err as Error)?.message ?? String(err)})`, { cause: err });
  }
}
