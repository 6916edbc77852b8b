/**
 * The lenient XML pass: htmlparser2 (cheerio's parser) in XML mode builds a tree from
 * anything tag-shaped (unclosed tags, stray markup, a truncated file) and we map RSS 0.9x,
 * RSS 1.0/RDF, RSS 2.0 and Atom 0.3/1.0 elements from it ourselves. It is also the path for
 * documents rss-parser reads wrong (per-entry xml:base, non-default namespace prefixes).
 */
import { load, type CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { FeedParseError } from './feed-parse-error.js';
import type { RawEntry, RawFeed, RawText } from './raw-feed.js';
import { atomTextConstruct, MAX_RAW_CATEGORIES, resolveAgainst, takeEntries } from './raw-feed.js';
import { NameResolver, baseOf, childElements, isAtom, isElement, localPart, textOf } from './xml-dom.js';

interface Ctx {
  $: CheerioAPI;
  names: NameResolver;
  url: string | undefined;
  /** Each element's children by name, built once: an entry with 400,000 children is read in one pass, not one per field. */
  index: Map<Element, Map<string, Element[]>>;
}

function childrenByName(ctx: Ctx, el: Element): Map<string, Element[]> {
  let byName = ctx.index.get(el);
  if (byName === undefined) {
    byName = new Map();
    for (const c of childElements(el)) {
      const name = ctx.names.nameOf(c);
      const list = byName.get(name);
      if (list === undefined) byName.set(name, [c]);
      else list.push(c);
    }
    ctx.index.set(el, byName);
  }
  return byName;
}

function child(ctx: Ctx, el: Element, ...names: string[]): Element | undefined {
  for (const name of names) {
    const found = childrenByName(ctx, el).get(name)?.[0];
    if (found) return found;
  }
  return undefined;
}

function children(ctx: Ctx, el: Element, name: string): Element[] {
  return childrenByName(ctx, el).get(name) ?? [];
}

function childText(ctx: Ctx, el: Element, ...names: string[]): string | undefined {
  const found = child(ctx, el, ...names);
  const text = found === undefined ? undefined : textOf(found).trim();
  return text === '' ? undefined : text;
}

/** RSS text: HTML, written escaped or (illegally) as child elements. */
function rssText(ctx: Ctx, el: Element | undefined): RawText | undefined {
  if (el === undefined) return undefined;
  const hasMarkup = el.children.some(isElement);
  const value = hasMarkup ? ctx.$.xml(el.children) : textOf(el);
  return value.trim() === '' ? undefined : { value, type: 'html' };
}

/** An Atom text construct; inline XHTML (or any child markup) is serialized as HTML. */
function atomText(ctx: Ctx, el: Element | undefined): RawText | undefined {
  if (el === undefined || el.attribs.src !== undefined) return undefined;
  if (el.children.some(isElement)) {
    const value = ctx.$.xml(el.children);
    return value.trim() === '' ? undefined : { value, type: 'html' };
  }
  return atomTextConstruct(textOf(el), el.attribs.type, el.attribs.mode);
}

function atomLink(ctx: Ctx, el: Element, rel: string): Element | undefined {
  const links = children(ctx, el, 'link').filter((l) => l.attribs.href !== undefined && l.attribs.href.trim() !== '');
  return links.find((l) => (l.attribs.rel ?? 'alternate') === rel && (rel !== 'alternate' || isHtmlType(l.attribs.type)))
    ?? (rel === 'alternate' ? links.find((l) => (l.attribs.rel ?? 'alternate') === 'alternate') : undefined);
}

function isHtmlType(type: string | undefined): boolean {
  return type === undefined || /html/i.test(type);
}

function atomEntry(ctx: Ctx, el: Element): RawEntry {
  const base = baseOf(el, ctx.url);
  const link = atomLink(ctx, el, 'alternate');
  const enclosure = atomLink(ctx, el, 'enclosure');
  const author = child(ctx, el, 'author');
  return {
    title: atomText(ctx, child(ctx, el, 'title')),
    link: link === undefined ? undefined : resolveAgainst(link.attribs.href!, baseOf(link, ctx.url)),
    guid: childText(ctx, el, 'id'),
    summary: atomText(ctx, child(ctx, el, 'summary')),
    content: atomText(ctx, child(ctx, el, 'content')),
    published: childText(ctx, el, 'published', 'issued', 'created', 'dc:date'),
    updated: childText(ctx, el, 'updated', 'modified'),
    author: author === undefined ? childText(ctx, el, 'dc:creator') : (childText(ctx, author, 'name') ?? childText(ctx, author, 'email')),
    categories: children(ctx, el, 'category').slice(0, MAX_RAW_CATEGORIES).map((c) => c.attribs.label ?? c.attribs.term ?? textOf(c)).filter(nonEmpty),
    enclosure: enclosure === undefined ? undefined : {
      url: enclosure.attribs.href!, type: enclosure.attribs.type, length: enclosure.attribs.length,
    },
    base,
  };
}

function nonEmpty(s: string | undefined): s is string {
  return s !== undefined && s.trim() !== '';
}

function rssLink(ctx: Ctx, el: Element): string | undefined {
  const plain = children(ctx, el, 'link').map((l) => textOf(l).trim()).find(nonEmpty);
  if (plain !== undefined) return plain;
  const atom = children(ctx, el, 'atom:link').find((l) => (l.attribs.rel ?? 'alternate') === 'alternate');
  return atom?.attribs.href ?? el.attribs['rdf:about'];
}

function rssEntry(ctx: Ctx, el: Element): RawEntry {
  const base = baseOf(el, ctx.url);
  const guidEl = child(ctx, el, 'guid');
  const permaLink = guidEl?.attribs.ispermalink ?? guidEl?.attribs.isPermaLink;
  const enclosure = child(ctx, el, 'enclosure', 'media:content');
  return {
    title: rssText(ctx, child(ctx, el, 'title', 'dc:title', 'media:title')),
    link: rssLink(ctx, el),
    guid: guidEl === undefined ? undefined : textOf(guidEl).trim() || undefined,
    guidIsPermaLink: permaLink === undefined ? undefined : permaLink.trim().toLowerCase() !== 'false',
    summary: rssText(ctx, child(ctx, el, 'description', 'summary', 'dc:description', 'itunes:summary', 'media:description')),
    content: rssText(ctx, child(ctx, el, 'content:encoded', 'xhtml:body', 'body', 'fullitem', 'content')),
    published: childText(ctx, el, 'pubDate', 'pubdate', 'dc:date', 'published', 'dcterms:issued'),
    updated: childText(ctx, el, 'dcterms:modified', 'updated', 'lastBuildDate'),
    author: childText(ctx, el, 'dc:creator', 'author', 'managingEditor'),
    categories: [...children(ctx, el, 'category').slice(0, MAX_RAW_CATEGORIES), ...children(ctx, el, 'dc:subject').slice(0, MAX_RAW_CATEGORIES)].map((c) => textOf(c).trim()).filter(nonEmpty),
    enclosure: enclosure?.attribs.url === undefined ? undefined : {
      url: enclosure.attribs.url, type: enclosure.attribs.type, length: enclosure.attribs.length ?? enclosure.attribs.fileSize ?? enclosure.attribs.filesize,
    },
    base,
  };
}

/** Items of an RSS document: inside the channel, beside it (RSS 1.0) or loose under the root. */
function findItems(ctx: Ctx, root: Element): Element[] {
  const out: Element[] = [];
  const walk = (el: Element, depth: number): void => {
    for (const c of childElements(el)) {
      if (ctx.names.nameOf(c) === 'item') {
        out.push(c);
        // An item left unclosed swallows the ones after it: they are its children now.
        walk(c, depth);
      } else if (depth < 3) walk(c, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}

function findRoot(ctx: Pick<Ctx, '$'>): Element {
  const top = ctx.$.root()[0]!.children.filter(isElement);
  const root = top.find((el) => /^(rss|feed|rdf|channel)$/i.test(localPart(el.name))) ?? top[0];
  if (root === undefined) throw new FeedParseError('no XML elements found: not a feed');
  return root;
}

function formatOf(ctx: Ctx, root: Element): RawFeed['format'] {
  const local = localPart(root.name).toLowerCase();
  if (local === 'feed' || isAtom(ctx.names.namespaceOf(root.name) ?? '')) return 'atom';
  if (local === 'rdf') return 'rdf';
  if (local === 'rss' || local === 'channel') return 'rss';
  throw new FeedParseError(`root element <${root.name}> is not RSS, RDF or Atom: not a feed`);
}

/**
 * Reads an RSS/RDF/Atom document leniently; throws FeedParseError when it is not a feed.
 * The caller has checked the nesting depth (xml-shape): the parser is slow on deep documents.
 */
export function parseXmlDom(xml: string, url: string | undefined, maxEntries = Infinity): RawFeed {
  const $ = load(xml, { xml: { xmlMode: true, decodeEntities: true } });
  const root = findRoot({ $ });
  const ctx: Ctx = { $, url, names: new NameResolver(root), index: new Map() };
  const format = formatOf(ctx, root);
  if (format === 'atom') {
    const link = atomLink(ctx, root, 'alternate');
    return {
      format,
      title: atomText(ctx, child(ctx, root, 'title')),
      link: link === undefined ? undefined : resolveAgainst(link.attribs.href!, baseOf(link, url)),
      base: baseOf(root, url),
      ...takeEntries(children(ctx, root, 'entry'), maxEntries, (e) => atomEntry(ctx, e)),
    };
  }
  const channel = child(ctx, root, 'channel') ?? root;
  const link = rssLink(ctx, channel);
  // RSS has no xml:base of its own: relative links are read against the site's link.
  const site = link !== undefined && /^https?:/i.test(resolveAgainst(link, url)) ? resolveAgainst(link, url) : url;
  const rssCtx: Ctx = { ...ctx, url: site };
  return {
    format,
    title: rssText(ctx, child(ctx, channel, 'title', 'dc:title')),
    link,
    base: baseOf(channel, site),
    ...takeEntries(findItems(ctx, root), maxEntries, (e) => rssEntry(rssCtx, e)),
  };
}
