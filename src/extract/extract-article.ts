/**
 * The extract stage: a page's HTML in, the article out (title, byline, date, language,
 * lead image and the body as plain text). Plain function over plain data; the workers call it.
 */
import { cutText, DEFAULT_LIMITS } from '../limits.js';
import type { ExtractedArticle } from '../types.js';
import { decodeHtml } from './decode-html.js';
import { parsePage, removeNodes, type DomNode, type ParsedPage } from './dom.js';
import { ExtractError } from './errors.js';
import { readMetadata, type PageMetadata } from './metadata.js';
import { extractBodyText, extractWithRules } from './body-text.js';
import { chooseStructuredBody } from './structured-body.js';

/** Options for one page. */
export interface ExtractOptions {
  /** The page's URL, for reference (relative image URLs are resolved against it). */
  url?: string;
  /** The HTTP Content-Type header; its charset decodes a Buffer. */
  contentType?: string;
  /** Per-site rule: CSS selector of the article body; beats the heuristics when it matches. */
  include?: string;
  /** Per-site rule: CSS selectors of elements to remove before anything else. */
  exclude?: string[];
  /** Refuse larger pages (bytes or UTF-16 units); the fetch stage caps at 10 MB too. */
  maxBytes?: number;
  /** Characters of body text kept (limits.bodyChars); the rest is cut and the article marked truncated. Default 200,000. */
  maxTextChars?: number;
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

export function extractArticle(page: string | Buffer, opts: ExtractOptions = {}): ExtractedArticle {
  const html = toHtml(page, opts);
  const parsed = parsePage(html);
  const meta = readMetadata(parsed.root);
  applyExclude(parsed, opts.exclude);
  const ruled = opts.include ? extractWithRules(parsed, opts.include, meta.title) : undefined;
  const pageText = ruled ?? extractBodyText(parsed.root, meta.title);
  const maxChars = opts.maxTextChars ?? DEFAULT_LIMITS.bodyChars;
  const body = ruled !== undefined ? { text: ruled, source: 'page' as const } : chooseStructuredBody(pageText, meta.ld?.articleBody, maxChars);
  const cut = cutText(body.text, maxChars);
  return {
    ...articleMeta(meta, opts.url),
    text: cut.text,
    bodySource: body.source,
    ...(cut.truncated ? { truncated: true } : {}),
  };
}

function toHtml(page: string | Buffer, opts: ExtractOptions): string {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (page.length > max) throw new ExtractError(`page of ${page.length} bytes is over the ${max}-byte limit`);
  if (opts.contentType && !/html|xml|text\/plain/i.test(opts.contentType)) {
    throw new ExtractError(`not an HTML page (content type ${opts.contentType})`);
  }
  if (typeof page !== 'string' && looksBinary(page)) throw new ExtractError('not an HTML page (binary content)');
  const html = typeof page === 'string' ? page : decodeHtml(page, opts.contentType);
  if (!hasMarkup(html.slice(0, 65536))) throw new ExtractError('not an HTML page (no markup)');
  return html;
}

/** A tag somewhere: `<` and a letter or `!`, closed by a later `>` (the regex this was cost quadratic time on "<a<a<a..."). */
function hasMarkup(head: string): boolean {
  const open = head.search(/<[a-z!]/i);
  return open >= 0 && head.indexOf('>', open) > open;
}

function looksBinary(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 1024);
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return true;
  // UTF-16 text has NULs too, but it starts with a byte-order mark.
  const bom16 = head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));
  return !bom16 && head.includes(0);
}

/** Removes what the per-site rule excludes, in one pass per parent: cheerio's remove() splices each node out, quadratic in siblings. */
function applyExclude(parsed: ParsedPage, exclude: string[] | undefined): void {
  for (const selector of exclude ?? []) {
    try {
      removeNodes(parsed.$(selector).toArray() as unknown as DomNode[]);
    } catch (err) {
      throw new ExtractError(`bad exclude selector ${JSON.stringify(selector)}`, { cause: err });
    }
  }
}

function articleMeta(meta: PageMetadata, url: string | undefined): Omit<ExtractedArticle, 'text' | 'bodySource'> {
  const out: Omit<ExtractedArticle, 'text' | 'bodySource'> = {};
  if (meta.title) out.title = meta.title;
  if (meta.byline) out.byline = meta.byline;
  if (meta.published) out.published = meta.published;
  if (meta.lang) out.lang = meta.lang;
  const image = resolveUrl(meta.image, url);
  if (image) out.image = image;
  return out;
}

function resolveUrl(value: string | undefined, base: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return new URL(value, base).href;
  } catch {
    return value;
  }
}
