/**
 * schema.org JSON-LD: the article object a page describes itself with. Publishers fill it
 * for search engines, so when present it is the most reliable source of title, author and
 * dates, and sometimes of the whole body (`articleBody`).
 */
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

function parseJson(text: string): unknown {
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

function flatten(value: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const queue: unknown[] = [value];
  while (queue.length > 0 && out.length < MAX_OBJECTS) {
    const v = queue.shift();
    if (Array.isArray(v)) queue.push(...v);
    else if (v && typeof v === 'object') {
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
    headline: str(obj.headline) ?? str(obj.name),
    articleBody: str(obj.articleBody),
    authors: names(obj.author),
    datePublished: str(obj.datePublished) ?? str(obj.dateCreated),
    image: imageUrl(obj.image),
    inLanguage: str(obj.inLanguage),
  };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function names(v: unknown): string[] {
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  const out: string[] = [];
  for (const a of list) {
    const name = typeof a === 'string' ? str(a) : a && typeof a === 'object' ? str((a as Record<string, unknown>).name) : undefined;
    if (name && !/^https?:/.test(name)) out.push(name);
  }
  return out;
}

function imageUrl(v: unknown): string | undefined {
  if (typeof v === 'string') return str(v);
  if (Array.isArray(v)) return imageUrl(v[0]);
  if (v && typeof v === 'object') return str((v as Record<string, unknown>).url);
  return undefined;
}
