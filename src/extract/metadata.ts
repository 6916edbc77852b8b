/**
 * Title, byline, date, language and lead image from the page's head: Open Graph and
 * `article:` meta, schema.org JSON-LD, then the visible markup as a last resort.
 */
import { FIELD_LIMITS, cutText } from '../limits.js';
import { attr, collapse, rawTextUpTo, walk, type DomNode } from './dom.js';
import { readArticleLd, type ArticleLd } from './json-ld.js';

/** What the page says about itself, apart from the body. */
export interface PageMetadata {
  title?: string;
  byline?: string;
  published?: string;
  lang?: string;
  image?: string;
  ld?: ArticleLd;
}

/** The elements metadata is read from, gathered in one walk over the page. */
interface Sources {
  meta: Map<string, string>;
  ldScripts: DomNode[];
  html?: DomNode;
  title?: DomNode;
  h1?: DomNode;
  time?: DomNode;
  author?: DomNode;
}

const BYLINE_CLASS = /\bbyline\b/i;
/** Characters of a title or byline source looked at: a megabyte of <title> costs what a line does. */
const SOURCE_CHARS = FIELD_LIMITS.title * 4;

export function readMetadata(root: DomNode): PageMetadata {
  const src = gather(root);
  const ld = readArticleLd(src.ldScripts);
  const pick = (...keys: string[]) => keys.map((k) => src.meta.get(k)).find((v) => v !== undefined && v !== '');
  const title = pick('og:title', 'twitter:title') ?? ld?.headline ?? textOf(src.h1) ?? withoutSiteName(textOf(src.title));
  return {
    title: title === undefined ? undefined : cutText(title, FIELD_LIMITS.title).text,
    byline: bylineFrom(ld, pick('author', 'article:author', 'parsely-author', 'dc.creator', 'byl', 'sailthru.author')) ?? bylineFromMarkup(src.author),
    published: toIso(pick('article:published_time', 'og:article:published_time', 'datepublished', 'pubdate', 'publishdate', 'parsely-pub-date', 'dc.date', 'dc.date.issued', 'date', 'sailthru.date') ?? ld?.datePublished ?? (src.time && attr(src.time, 'datetime'))),
    lang: langFrom(src.html, ld, pick('content-language', 'og:locale', 'language')),
    image: pick('og:image', 'og:image:url', 'twitter:image', 'twitter:image:src') ?? ld?.image,
    ld,
  };
}

function gather(root: DomNode): Sources {
  const src: Sources = { meta: new Map(), ldScripts: [] };
  walk(root, (n) => {
    const name = n.name;
    if (name === undefined) return false;
    if (name === 'meta') addMeta(src.meta, n);
    else if (name === 'script') {
      if (/ld\+json/i.test(attr(n, 'type'))) src.ldScripts.push(n);
      return false;
    } else if (name === 'html') src.html ??= n;
    else if (name === 'title') src.title ??= n;
    else if (name === 'h1') src.h1 ??= n;
    else if (name === 'time' && attr(n, 'datetime') !== '') src.time ??= n;
    if (!src.author && isAuthorElement(n)) src.author = n;
  });
  return src;
}

function addMeta(meta: Map<string, string>, m: DomNode): void {
  const key = (attr(m, 'property') || attr(m, 'name') || attr(m, 'itemprop') || attr(m, 'http-equiv')).toLowerCase();
  const content = collapse(attr(m, 'content').slice(0, SOURCE_CHARS));
  if (key && content && !meta.has(key)) meta.set(key, content);
}

function isAuthorElement(n: DomNode): boolean {
  if (!n.attribs) return false;
  return attr(n, 'rel') === 'author' || attr(n, 'itemprop') === 'author' || BYLINE_CLASS.test(attr(n, 'class'));
}

function textOf(node: DomNode | undefined): string | undefined {
  return node ? collapse(rawTextUpTo(node, SOURCE_CHARS)) || undefined : undefined;
}

/** `<title>` often carries the site name ("Site - Headline", "Headline | Site"): keep the headline. */
function withoutSiteName(title: string | undefined): string | undefined {
  if (!title) return undefined;
  const parts = title.split(/\s+(?:[|–—»·]|-|::)\s+/);
  if (parts.length < 2) return title;
  // Word counts once each: recounting the best so far at every step was quadratic.
  let best = 0;
  let bestWords = 0;
  parts.forEach((part, i) => {
    const words = part.split(' ').length;
    if (words > bestWords) [best, bestWords] = [i, words];
  });
  return bestWords >= 3 ? parts[best]! : title;
}

function bylineFrom(ld: ArticleLd | undefined, metaAuthor: string | undefined): string | undefined {
  if (ld && ld.authors.length > 0) return cleanByline(ld.authors.join(', '));
  if (metaAuthor && !/^https?:/.test(metaAuthor)) return cleanByline(metaAuthor);
  return undefined;
}

function bylineFromMarkup(el: DomNode | undefined): string | undefined {
  return el ? cleanByline(collapse(rawTextUpTo(el, SOURCE_CHARS))) : undefined;
}

const MONTH_DAY = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b/i;

/** "By Jane Doe @jdoe Nov 18, 2019 at 9:24 pm • 2 min read" is "Jane Doe". */
function cleanByline(raw: string): string | undefined {
  let text = raw.slice(0, SOURCE_CHARS).replace(/^by:?\s+/i, '');
  for (const cut of [/\s@\w/, MONTH_DAY, /\b\d{1,4}[/.:-]\d{1,2}/, /\s[•|·]\s/, /\b(updated|published|posted|print this)\b/i]) {
    const at = text.search(cut);
    if (at >= 0) text = text.slice(0, at);
  }
  text = trimPunctuation(text);
  // A byline element that holds only a date ("October 05, 2017") names nobody.
  if (text.length < 2 || text.length > 100 || !/\p{L}{2}/u.test(text) || toIso(text) !== undefined) return undefined;
  return text;
}

const EDGE = /[\s,;:–—-]/;

/** Strips separators from both ends; `/[\s,;:–—-]+$/` rescanned every run of them, quadratic on ",,,,...x". */
function trimPunctuation(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && EDGE.test(text[start]!)) start++;
  while (end > start && EDGE.test(text[end - 1]!)) end--;
  return text.slice(start, end);
}

function toIso(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function langFrom(html: DomNode | undefined, ld: ArticleLd | undefined, metaLang: string | undefined): string | undefined {
  const raw = (html && attr(html, 'lang')) || ld?.inLanguage || metaLang;
  if (!raw) return undefined;
  const tag = raw.trim().replace(/_/g, '-').split(/[\s,;]/)[0]!;
  return /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(tag) ? tag : undefined;
}
