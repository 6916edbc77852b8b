/**
 * schema.org JSON-LD: the article object a page describes itself with. Publishers fill it
 * for search engines, so when present it is the most reliable source of title, author and
 * dates, and sometimes of the whole body (`articleBody`).
 */
import { jsonNestsDeeper } from '../json-depth.js';
import { rawText, type DomNode } from './dom.js';

/** What the extractor uses from a page's schema.org Article object. */
export interface ArticleLd {
  headline?: string;
  articleBody?: string;
  authors: string[];
  datePublished?: string;
  image?: string;
  inLanguage?: string;
}

const ARTICLE_TYPE = /(Article|BlogPosting|LiveBlogPosting|Report)$/;
const MAX_OBJECTS = 500;
/** Values looked at while searching for objects; a page may carry a million-element array. */
const MAX_VALUES = 20_000;
/** Characters kept of a short field (headline, author, date): enough for any real one. */
const SHORT_FIELD = 4_000;

/** The article object among the page's `<script type="application/ld+json">` elements. */
export function readArticleLd(scripts: DomNode[]): ArticleLd | undefined {
  let best: Record<string, unknown> | undefined;
  for (const script of scripts) {
    for (const obj of flatten(parseJson(rawText(script)))) {
      if (!isArticle(obj)) continue;
      // Prefer the object that carries a body; otherwise the first article.
      if (!best || (typeof obj.articleBody === 'string' && typeof best.articleBody !== 'string')) best = obj;
    }
  }
  return best ? toArticleLd(best) : undefined;
}

/** JSON-LD objects sit a few levels deep; deeper is not worth parsing. */
const MAX_DEPTH = 64;

function parseJson(text: string): unknown {
  if (jsonNestsDeeper(text, MAX_DEPTH)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // Some CMSs leave raw control characters (newlines) inside strings; JSON forbids them.
    try {
      return JSON.parse(text.replace(/[\u0000-\u001f]+/g, ' '));
    } catch {
      return undefined;
    }
  }
}

/** Objects in breadth-first order; an index, not shift(), and no spread of a huge array into push(). */
function flatten(value: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const queue: unknown[] = [value];
  for (let i = 0; i < queue.length && i < MAX_VALUES && out.length < MAX_OBJECTS; i++) {
    const v = queue[i];
    if (Array.isArray(v)) {
      for (const x of v) {
        if (queue.length >= MAX_VALUES) break;
        queue.push(x);
      }
    } else if (v && typeof v === 'object') {
      const obj = v as Record<string, unknown>;
      out.push(obj);
      if (obj['@graph']) queue.push(obj['@graph']);
      if (obj.mainEntity) queue.push(obj.mainEntity);
    }
  }
  return out;
}

function isArticle(obj: Record<string, unknown>): boolean {
  const t = obj['@type'];
  const types = Array.isArray(t) ? t : [t];
  return types.some((x) => typeof x === 'string' && ARTICLE_TYPE.test(x));
}

function toArticleLd(obj: Record<string, unknown>): ArticleLd {
  return {
    headline: short(obj.headline) ?? short(obj.name),
    articleBody: str(obj.articleBody),
    authors: names(obj.author),
    datePublished: short(obj.datePublished) ?? short(obj.dateCreated),
    image: imageUrl(obj.image),
    inLanguage: short(obj.inLanguage),
  };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function short(v: unknown): string | undefined {
  return str(typeof v === 'string' ? v.slice(0, SHORT_FIELD) : v);
}

function names(v: unknown): string[] {
  const list = Array.isArray(v) ? v.slice(0, 50) : v === undefined ? [] : [v];
  const out: string[] = [];
  for (const a of list) {
    const name = typeof a === 'string' ? short(a) : a && typeof a === 'object' ? short((a as Record<string, unknown>).name) : undefined;
    if (name && !/^https?:/.test(name)) out.push(name);
  }
  return out;
}

function imageUrl(v: unknown, depth = 0): string | undefined {
  if (typeof v === 'string') return short(v);
  if (Array.isArray(v)) return depth < 8 ? imageUrl(v[0], depth + 1) : undefined;
  if (v && typeof v === 'object') return short((v as Record<string, unknown>).url);
  return undefined;
}
