/**
 * Title, byline, date, language and lead image from the page's head: Open Graph and
 * `article:` meta, schema.org JSON-LD, then the visible markup as a last resort.
 */
import { attr, collapse, findAll, rawText, walk, type DomNode } from './dom.js';
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

export function readMetadata(root: DomNode): PageMetadata {
  const meta = readMetaTags(root);
  const ld = readArticleLd(root);
  const pick = (...keys: string[]) => keys.map((k) => meta.get(k)).find((v) => v !== undefined && v !== '');
  return {
    title: pick('og:title', 'twitter:title') ?? ld?.headline ?? firstText(root, 'h1') ?? firstText(root, 'title'),
    byline: bylineFrom(ld, pick('author', 'article:author', 'parsely-author', 'dc.creator', 'byl', 'sailthru.author')) ?? bylineFromMarkup(root),
    published: toIso(pick('article:published_time', 'og:article:published_time', 'datepublished', 'pubdate', 'publishdate', 'parsely-pub-date', 'dc.date', 'dc.date.issued', 'date', 'sailthru.date') ?? ld?.datePublished ?? timeElement(root)),
    lang: langFrom(root, ld, pick('content-language', 'og:locale', 'language')),
    image: pick('og:image', 'og:image:url', 'twitter:image', 'twitter:image:src') ?? ld?.image,
    ld,
  };
}

function readMetaTags(root: DomNode): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of findAll(root, (n) => n.name === 'meta')) {
    const key = (attr(m, 'property') || attr(m, 'name') || attr(m, 'itemprop') || attr(m, 'http-equiv')).toLowerCase();
    const content = collapse(attr(m, 'content'));
    if (key && content && !out.has(key)) out.set(key, content);
  }
  return out;
}

function firstText(root: DomNode, tag: string): string | undefined {
  let found: string | undefined;
  walk(root, (n) => {
    if (found !== undefined) return false;
    if (n.name === tag) {
      found = collapse(rawText(n)) || undefined;
      return false;
    }
  });
  return found;
}

function bylineFrom(ld: ArticleLd | undefined, metaAuthor: string | undefined): string | undefined {
  if (ld && ld.authors.length > 0) return ld.authors.join(', ');
  if (metaAuthor && !/^https?:/.test(metaAuthor)) return metaAuthor;
  return undefined;
}

function bylineFromMarkup(root: DomNode): string | undefined {
  const el = findAll(root, (n) => attr(n, 'rel') === 'author' || attr(n, 'itemprop') === 'author' || /\bbyline\b/i.test(attr(n, 'class')))[0];
  const text = el ? collapse(rawText(el)).replace(/^by\s*/i, '') : '';
  return text && text.length < 100 ? text : undefined;
}

function timeElement(root: DomNode): string | undefined {
  const t = findAll(root, (n) => n.name === 'time' && attr(n, 'datetime') !== '')[0];
  return t ? attr(t, 'datetime') : undefined;
}

export function toIso(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function langFrom(root: DomNode, ld: ArticleLd | undefined, metaLang: string | undefined): string | undefined {
  const html = findAll(root, (n) => n.name === 'html')[0];
  const raw = (html && attr(html, 'lang')) || ld?.inLanguage || metaLang;
  if (!raw) return undefined;
  const tag = raw.trim().replace(/_/g, '-').split(/[\s,;]/)[0]!;
  return /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(tag) ? tag : undefined;
}
