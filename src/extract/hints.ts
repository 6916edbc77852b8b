/**
 * What class names, ids and tag names say about an element. These are the words page
 * templates across the web use for their furniture and their content; none is specific to
 * one site.
 */
import { attr, type DomNode } from './dom.js';

/** Never part of an article's text. */
export const DROP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'canvas', 'iframe', 'object', 'embed', 'button',
  'input', 'select', 'textarea', 'option', 'link', 'meta', 'head', 'title', 'figcaption', 'dialog', 'map', 'audio', 'video',
]);

/** Page furniture by role, dropped unless it holds the article itself. */
export const FURNITURE_TAGS = new Set(['nav', 'aside', 'footer', 'menu']);

/** Elements that start a new paragraph in the text. */
export const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'blockquote', 'pre', 'ul', 'ol', 'li',
  'dl', 'dt', 'dd', 'table', 'tbody', 'thead', 'tr', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure',
  'form', 'fieldset', 'address', 'center', 'hr', 'body', 'details', 'summary', 'caption',
]);

/** Furniture named in class or id: comments, sharing, related links, sign-up boxes, credits. */
const NEGATIVE =
  /(^|[^a-z])(comments?|commentlist|disqus|respond|replies|share|sharing|sharedaddy|social|socials|related|recommend(ed|ations)?|newsletter|subscribe|subscription|signup|cookies?|consent|gdpr|promo|sidebar|widget|sponsor(ed)?|advert(isement)?|ads?|ad-?slot|banner|breadcrumbs?|pagination|pager|footer|masthead|menu|navbar|nav|popup|modal|outbrain|taboola|trending|most-?(read|popular|viewed)|more-?stories|recirc|read-?more|tags?|tag-?list|author-?(bio|box|info)|about-?the-?author|byline|dateline|caption|credits?|toolbar|print|skip|slider|carousel|latest-?(news|stories|posts|articles|headlines|videos)|authors?|prev|post-?nav(igation)?|nav-?links|sr-only|visually-?hidden|screen-?reader-?text|jump|rss|follow|donate|support-?us|login|rating|reactions?|meta)([^a-z]|$)/i;

/** Content named in class or id. */
const POSITIVE = /(^|[^a-z])(article|articlebody|article-?body|body|content|entry|entry-content|main|post|post-?body|post-?content|story|story-?body|blog|hentry|prose)([^a-z]|$)/i;

/** Names so strong that an element is dropped before scoring, whatever it holds. */
const STRONG_NEGATIVE = /(^|[^a-z])(comments?|commentlist|disqus|respond|newsletter|cookie|consent|outbrain|taboola|recirc)([^a-z]|$)/i;

/** Layout names that are furniture too, but that some templates put on a wrapper of the whole page. */
const LAYOUT_NEGATIVE = /(^|[^a-z])(share|sharing|social|related|sidebar)([^a-z]|$)/i;

function names(node: DomNode): string {
  // camelCase names ("newsCaption", "relatedPosts") split like kebab-case ones.
  return `${attr(node, 'class')} ${attr(node, 'id')}`.replace(/([a-z])([A-Z])/g, '$1-$2');
}

/** Embedded posts (tweets, Instagram) quote sources: content, though their wrappers say "social". */
const EMBED = /(^|[^a-z])(embed|embedded|[a-z]*-embed|tweet|twitter-tweet|instagram-media)([^a-z]|$)/i;

/** Pages repeat a few class names on thousands of elements: each is judged once. */
const weightCache = new Map<string, number>();
const CACHE_LIMIT = 20_000;

/** A weight in -25..25 from class and id, in the manner of Readability. */
export function classWeight(node: DomNode): number {
  const s = names(node);
  if (s.length < 2) return 0;
  let w = weightCache.get(s);
  if (w === undefined) {
    w = EMBED.test(s) ? 0 : (NEGATIVE.test(s) ? -25 : 0) + (POSITIVE.test(s) ? 25 : 0);
    if (weightCache.size >= CACHE_LIMIT) weightCache.clear();
    weightCache.set(s, w);
  }
  return w;
}

/** 'always' for comment sections and sign-up boxes, 'unless-large' for layout furniture. */
export function furnitureName(node: DomNode): 'always' | 'unless-large' | undefined {
  const s = names(node);
  if (s.length < 3 || EMBED.test(s)) return undefined;
  if (STRONG_NEGATIVE.test(s)) return 'always';
  return LAYOUT_NEGATIVE.test(s) ? 'unless-large' : undefined;
}

/** Class or id names that CMSs give the element holding the article's text. */
const BODY_NAME =
  /(^|[^a-z])(article[-_]*body|articlebody|article[-_]*content|article[-_]*text|story[-_]*body|story[-_]*content|entry[-_]*content|post[-_]*body|post[-_]*content|body[-_]*text|content[-_]*body|rich[-_]*text)([^a-z]|$)/i;

/** The element is named as the article's text container. */
export function hasBodyName(node: DomNode): boolean {
  return attr(node, 'itemprop') === 'articleBody' || BODY_NAME.test(names(node));
}

/** Markers that an element is (or holds) the article body. */
export function isBodyMarker(node: DomNode): boolean {
  if (node.name === 'article' || node.name === 'main') return true;
  const prop = attr(node, 'itemprop');
  return prop === 'articleBody' || prop === 'text' || attr(node, 'role') === 'main';
}

export function isHidden(node: DomNode): boolean {
  const a = node.attribs;
  if (!a) return false;
  if ('hidden' in a || a['aria-hidden'] === 'true') return true;
  const style = a.style;
  return style !== undefined && /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}
