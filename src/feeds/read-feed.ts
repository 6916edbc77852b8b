/**
 * The feeds stage: bytes of RSS, RDF, Atom or JSON Feed in, normalized items out. Decoding
 * is ours (decode-bytes), parsing goes through rss-parser when the XML is well formed and
 * through a lenient DOM pass when it is not, and every failure leaves as a FeedParseError
 * with a message a person can act on: whatever a parser throws inside is caught and named.
 */
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
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
import type { RawFeed } from './raw-feed.js';

/** Options for readFeed. */
export interface ReadFeedOptions {
  /** The feed's URL (after redirects): resolves relative links. */
  url: string;
  feedId: string;
  /** The HTTP Content-Type, whose charset outranks the XML declaration. */
  contentType?: string;
  /** Most items kept, in document order. Default 1,000. */
  maxItems?: number;
  /** Largest size a gzip-compressed body may inflate to. Default 10 MB. */
  maxBytes?: number;
}

export const DEFAULT_MAX_ITEMS = 1_000;

function inflateIfGzipped(body: Buffer, maxBytes: number): Buffer {
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

function looksLikeHtmlPage(head: string): boolean {
  return /^(<!--[\s\S]*?-->\s*)*(<!doctype\s+html|<html[\s>])/i.test(head) && !/<(rss|feed|rdf:RDF)[\s>]/.test(head);
}

async function parseXml(xml: string, url: string): Promise<RawFeed> {
  const prepared = prepareXml(xml);
  const head = prepared.slice(0, 4096);
  // rss-parser drops per-entry xml:base, flattens inline XHTML and reads Atom 0.3 dates
  // and modes wrong: such documents go straight to the DOM pass rather than being parsed twice.
  const domFirst = prepared.includes('xml:base') || head.includes('purl.org/atom/ns#') || /type=["']xhtml["']/.test(prepared);
  if (!domFirst) {
    const strict = await parseXmlStrict(prepared, url);
    if (strict !== undefined && (strict.entries.length > 0 || !/<(\w+:)?(item|entry)[\s>]/.test(prepared))) return strict;
  }
  return parseXmlDom(prepared, url);
}

async function parseText(text: string, opts: ReadFeedOptions): Promise<RawFeed> {
  const trimmed = text.replace(/^[\s\ufeff]+/, '');
  if (trimmed === '') throw new FeedParseError('empty document');
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return parseJsonFeed(trimmed);
  if (!trimmed.startsWith('<')) {
    const lt = trimmed.indexOf('<');
    if (lt < 0) throw new FeedParseError('neither XML nor JSON: not a feed');
  }
  if (looksLikeHtmlPage(trimmed.slice(0, 2048))) throw new FeedParseError('an HTML page, not a feed');
  return parseXml(trimmed, opts.url);
}

function toParsedFeed(raw: RawFeed, opts: ReadFeedOptions): ParsedFeed {
  const base = raw.base ?? opts.url;
  const link = raw.link === undefined ? undefined : canonicalizeUrl(raw.link, opts.url);
  const title = raw.title === undefined ? undefined
    : (raw.title.type === 'html' ? htmlToText(raw.title.value) : tidyText(raw.title.value)).replace(/\s+/g, ' ');
  const entries = raw.entries.slice(0, opts.maxItems ?? DEFAULT_MAX_ITEMS);
  return {
    format: raw.format,
    ...(title ? { title } : {}),
    ...(link !== undefined ? { link } : {}),
    items: entries.map((entry) => normalizeEntry(entry, opts.feedId, base)),
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
