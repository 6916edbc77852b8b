/**
 * The feeds an HTML page points at, best first: the ones it declares in its head (`<link
 * rel="alternate">` of an RSS, Atom or JSON Feed type), then links in the body that look
 * like feeds, then the paths sites conventionally serve their feed at. Pure: it reads the
 * page and says where to look; discover-feed fetches and judges the candidates.
 */
import { load } from 'cheerio/slim';
import { limitDepth } from '../extract/limit-depth.js';

/** Where a candidate came from, in the order they are tried. */
export type CandidateSource = 'declared' | 'linked' | 'usual-path';

export interface FeedCandidate {
  url: string;
  source: CandidateSource;
  /** The feed type the page declared (rss, atom, json), when it declared one. */
  declaredType?: 'rss' | 'atom' | 'json';
  /** The title the page gave the link. */
  title?: string;
}

const FEED_TYPES: Record<string, FeedCandidate['declaredType']> = {
  'application/rss+xml': 'rss', 'application/rdf+xml': 'rss', 'application/atom+xml': 'atom',
  'application/feed+json': 'json', 'application/json': 'json', 'application/x.atom+xml': 'atom',
  'application/x-rss+xml': 'rss', 'text/xml': 'rss', 'application/xml': 'rss',
};

/** Paths tried when the page names no feed, in the order tried. */
export const USUAL_PATHS = ['/feed', '/rss', '/rss.xml', '/atom.xml', '/feed.xml', '/index.xml', '/feeds/posts/default'];

/** An anchor whose address or text says "feed". */
const FEEDISH_HREF = /(^|[/._-])(rss|atom|feed|feeds)([/._?-]|\.xml|$)|\.(rss|atom)$/i;
const FEEDISH_TEXT = /^\s*(rss|atom|feed|rss feed|atom feed|subscribe via rss)\s*$/i;
/** Anchors read at most: a page of ten thousand links costs no more than its first few. */
const MAX_ANCHORS = 2_000;

function resolve(href: string | undefined, base: string): string | undefined {
  if (!href || href.trim() === '' || /^(javascript|mailto|data):/i.test(href.trim())) return undefined;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'file:' ? url.href.replace(/#.*$/, '') : undefined;
  } catch {
    return undefined;
  }
}

/** The page's `<base href>` when it has one, for relative addresses. */
function baseOf($: ReturnType<typeof load>, pageUrl: string): string {
  return resolve($('base[href]').first().attr('href'), pageUrl) ?? pageUrl;
}

function declared($: ReturnType<typeof load>, base: string): FeedCandidate[] {
  const out: FeedCandidate[] = [];
  $('link[href]').each((_i, el) => {
    const rel = ($(el).attr('rel') ?? '').toLowerCase().split(/\s+/);
    if (!rel.includes('alternate') && !rel.includes('feed')) return;
    const type = FEED_TYPES[($(el).attr('type') ?? '').toLowerCase().split(';')[0]!.trim()];
    // rel="alternate" without a feed type is a translation or a print view, not a feed.
    if (type === undefined && !rel.includes('feed')) return;
    const url = resolve($(el).attr('href'), base);
    const title = $(el).attr('title')?.trim();
    if (url) out.push({ url, source: 'declared', ...(type ? { declaredType: type } : {}), ...(title ? { title } : {}) });
  });
  return out;
}

function linked($: ReturnType<typeof load>, base: string): FeedCandidate[] {
  const out: FeedCandidate[] = [];
  $('a[href]').slice(0, MAX_ANCHORS).each((_i, el) => {
    const href = $(el).attr('href') ?? '';
    const text = $(el).text();
    if (!FEEDISH_HREF.test(href.split('#')[0]!) && !FEEDISH_TEXT.test(text)) return;
    const url = resolve(href, base);
    const title = text.replace(/\s+/g, ' ').trim();
    if (url) out.push({ url, source: 'linked', ...(title ? { title } : {}) });
  });
  return out;
}

function usualPaths(pageUrl: string): FeedCandidate[] {
  if (!/^https?:/i.test(pageUrl)) return [];
  return USUAL_PATHS.map((path) => ({ url: new URL(path, pageUrl).href, source: 'usual-path' as const }));
}

/** Every candidate of the page, each URL once (at its best source), the page itself excluded. */
export function findFeedLinks(html: string, pageUrl: string): FeedCandidate[] {
  const $ = load(limitDepth(html), { xml: { xmlMode: false, decodeEntities: true } });
  const base = baseOf($, pageUrl);
  const seen = new Set<string>([pageUrl.replace(/#.*$/, '')]);
  const out: FeedCandidate[] = [];
  for (const c of [...declared($, base), ...linked($, base), ...usualPaths(pageUrl)]) {
    if (seen.has(c.url)) continue;
    seen.add(c.url);
    out.push(c);
  }
  return out;
}
