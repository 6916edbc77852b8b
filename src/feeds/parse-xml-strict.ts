/**
 * The fast path for well-formed RSS and Atom: rss-parser's parseString (xml2js under it),
 * with a few raw fields kept through customFields that its own output drops (the guid's
 * isPermaLink, Atom text types, Atom categories and enclosures). Any failure inside
 * rss-parser, TypeErrors included, comes back as undefined so the lenient pass can try.
 */
import { createRequire } from 'node:module';
import Parser from 'rss-parser';
import type { RawEntry, RawFeed, RawText } from './raw-feed.js';
import { atomTextConstruct, MAX_RAW_CATEGORIES, resolveAgainst, takeEntries } from './raw-feed.js';
import { rootElementName } from './prolog.js';

type X = Record<string, unknown>;

/**
 * rss-parser builds a "contentSnippet" of every description with two lazy regular
 * expressions (`<(?:.|\n)*?>` and one for block tags) that cost quadratic time on some
 * fields: 80 KB of "a<p>\n" took 1.3 s. We never read the snippet and rss-parser has no
 * switch for it, so its helper is replaced, once, by one that builds nothing.
 */
const rssParserUtils = createRequire(import.meta.url)('rss-parser/lib/utils.js') as { getSnippet: (s: string) => string };
rssParserUtils.getSnippet = () => '';

const OPTIONS = {
  defaultRSS: 2,
  customFields: {
    feed: [['title', 'wwTitle', { keepArray: true }]] as unknown as string[],
    item: [
      ['dc:title', 'wwDcTitle', { keepArray: true }],
      ['dc:description', 'wwDcDescription', { keepArray: true }],
      ['body', 'wwBody', { keepArray: true }],
      ['xhtml:body', 'wwXhtmlBody', { keepArray: true }],
      ['fullitem', 'wwFullitem', { keepArray: true }],
      ['itunes:summary', 'wwItunesSummary', { keepArray: true }],
      ['media:title', 'wwMediaTitle', { keepArray: true }],
      ['media:description', 'wwMediaDescription', { keepArray: true }],
      ['media:content', 'wwMediaContent', { keepArray: true }],
      ['guid', 'wwGuid', { keepArray: true }],
      ['title', 'wwTitle', { keepArray: true }],
      ['summary', 'wwSummary', { keepArray: true }],
      ['content', 'wwContent', { keepArray: true }],
      ['description', 'wwDescription', { keepArray: true }],
      ['category', 'wwCategory', { keepArray: true }],
      ['dc:subject', 'wwSubject', { keepArray: true }],
      ['link', 'wwLink', { keepArray: true }],
      ['updated', 'wwUpdated'],
      ['published', 'wwPublished'],
    ] as unknown as string[],
  },
};

function first(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

function str(v: unknown): string | undefined {
  const x = first(v);
  if (typeof x === 'string') return x.trim() === '' ? undefined : x;
  if (x !== null && typeof x === 'object' && typeof (x as X)._ === 'string') return str((x as X)._);
  return undefined;
}

function attrs(v: unknown): Record<string, string> {
  const x = first(v);
  return x !== null && typeof x === 'object' && typeof (x as X).$ === 'object' ? ((x as X).$ as Record<string, string>) : {};
}

/** Raised when xml2js flattened markup we need: the DOM pass reads such documents whole. */
class NeedsDom extends Error {}

/**
 * A text construct from xml2js: a string, or {_, $: {type}}. Child elements (XHTML content,
 * markup written unescaped) are lost by xml2js, so their presence sends the feed to the DOM pass.
 */
function rawText(v: unknown, dialect: 'rss' | 'atom'): RawText | undefined {
  const x = first(v);
  if (x !== null && typeof x === 'object' && Object.keys(x).some((k) => k !== '_' && k !== '$')) throw new NeedsDom();
  const value = str(x);
  if (value === undefined) return undefined;
  const a = attrs(x);
  if (dialect === 'atom') return atomTextConstruct(value, a.type, a.mode);
  return { value, type: a.type !== undefined && !a.type.toLowerCase().includes('html') ? 'text' : 'html' };
}

function categories(item: X): string[] {
  const all = [...((item.wwCategory as unknown[]) ?? []).slice(0, MAX_RAW_CATEGORIES), ...((item.wwSubject as unknown[]) ?? []).slice(0, MAX_RAW_CATEGORIES)];
  return all.map((c) => str(c) ?? attrs(c).label ?? attrs(c).term).filter((c): c is string => c !== undefined && c.trim() !== '');
}

function rssEntry(item: X, base: string | undefined): RawEntry {
  const guidAttrs = attrs(item.wwGuid);
  const permaLink = guidAttrs.isPermaLink ?? guidAttrs.ispermalink;
  const media = attrs(item.wwMediaContent);
  const enc = (item.enclosure as Record<string, string> | undefined) ?? (media.url === undefined ? undefined : { ...media, length: media.fileSize ?? media.filesize });
  return {
    title: rawText(item.wwTitle, 'rss') ?? rawText(item.wwDcTitle, 'rss') ?? rawText(item.wwMediaTitle, 'rss'),
    link: str(item.link) ?? (item['rdf:about'] as string | undefined),
    guid: str(item.wwGuid),
    guidIsPermaLink: permaLink === undefined ? undefined : permaLink.trim().toLowerCase() !== 'false',
    summary: rawText(item.wwDescription, 'rss') ?? rawText(item.wwDcDescription, 'rss') ?? rawText(item.wwItunesSummary, 'rss') ?? rawText(item.wwMediaDescription, 'rss'),
    content: rawText(item['content:encoded'], 'rss') ?? rawText(item.wwXhtmlBody, 'rss') ?? rawText(item.wwBody, 'rss') ?? rawText(item.wwFullitem, 'rss'),
    published: str(item.pubDate) ?? str(item.date),
    author: str(item.creator) ?? str(item.author),
    categories: categories(item),
    enclosure: enc?.url === undefined ? undefined : { url: enc.url, type: enc.type, length: enc.length },
    base,
  };
}

function atomLinks(item: X): Array<Record<string, string>> {
  return ((item.wwLink as unknown[]) ?? []).map(attrs).filter((l) => l.href !== undefined && l.href.trim() !== '');
}

function atomEntry(item: X, base: string | undefined): RawEntry {
  const links = atomLinks(item);
  const alternate = links.find((l) => (l.rel ?? 'alternate') === 'alternate' && (l.type === undefined || /html/i.test(l.type)))
    ?? links.find((l) => (l.rel ?? 'alternate') === 'alternate');
  const enclosure = links.find((l) => l.rel === 'enclosure');
  return {
    title: rawText(item.wwTitle, 'atom'),
    link: alternate?.href,
    guid: str(item.id),
    summary: rawText(item.wwSummary, 'atom'),
    content: attrs(item.wwContent).src === undefined ? rawText(item.wwContent, 'atom') : undefined,
    published: str(item.wwPublished),
    updated: str(item.wwUpdated),
    author: str(item.author),
    categories: categories(item),
    enclosure: enclosure === undefined ? undefined : { url: enclosure.href!, type: enclosure.type, length: enclosure.length },
    base,
  };
}

/**
 * rss-parser with a fresh xml2js parser per document: a shared one can be left in a state
 * where it never calls back again. xml2js calls back synchronously, so a promise still
 * pending once the parse has returned will never settle: that counts as a failure.
 */
async function parseWithRssParser(xml: string): Promise<unknown> {
  const parser = new Parser<X, X>({ ...OPTIONS } as unknown as ConstructorParameters<typeof Parser<X, X>>[0]);
  let settled = false;
  const result = parser.parseString(xml).finally(() => { settled = true; });
  // Handled now, so a rejection while we wait below is not an unhandled rejection.
  result.catch(() => undefined);
  // The settle handler is queued before these continuations, so a few microtask turns are
  // enough to know (a macrotask wait would cost every small feed a loop iteration).
  for (let turn = 0; turn < 3 && !settled; turn++) await undefined;
  if (!settled) throw new Error('rss-parser never called back');
  return result;
}

/** Parses well-formed RSS/RDF/Atom with rss-parser; undefined when it cannot. */
export async function parseXmlStrict(xml: string, url: string | undefined, maxEntries = Infinity): Promise<RawFeed | undefined> {
  let feed: X & { items: X[] };
  try {
    feed = (await parseWithRssParser(xml)) as X & { items: X[] };
  } catch {
    return undefined;
  }
  const root = rootElementName(xml);
  const isAtom = root === 'feed' || root.endsWith(':feed');
  const isRdf = !isAtom && root.endsWith('RDF');
  const link = str(feed.link);
  const site = link === undefined ? undefined : resolveAgainst(link, url);
  const base = site !== undefined && /^https?:/i.test(site) ? site : url;
  const map = isAtom ? atomEntry : rssEntry;
  try {
    return {
      format: isAtom ? 'atom' : isRdf ? 'rdf' : 'rss',
      title: rawText(feed.wwTitle, isAtom ? 'atom' : 'rss') ?? rawText(feed.title, 'rss'),
      link,
      base,
      ...takeEntries(feed.items ?? [], maxEntries, (item) => map(item, isAtom ? url : base)),
    };
  } catch (err) {
    if (err instanceof NeedsDom) return undefined;
    throw err;
  }
}
