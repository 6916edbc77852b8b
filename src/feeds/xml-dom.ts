/**
 * Small helpers over the htmlparser2 DOM the lenient parser builds: namespace-aware names
 * (so `<a:entry xmlns:a="http://www.w3.org/2005/Atom">` reads as an entry), element text,
 * and the xml:base in force at an element.
 */
import type { AnyNode, Element } from 'domhandler';
import { resolveAgainst } from './raw-feed.js';

const ATOM_NS = ['http://www.w3.org/2005/atom', 'http://purl.org/atom/ns#'];
const RSS_NS = ['http://purl.org/rss/1.0/', 'http://my.netscape.com/rdf/simple/0.9/', 'http://backend.userland.com/rss2', 'http://blogs.law.harvard.edu/tech/rss'];
/** Conventional prefixes for the namespaces whose elements we read by name. */
const KNOWN_PREFIX: Record<string, string> = {
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://search.yahoo.com/mrss/': 'media',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  'http://www.w3.org/2005/atom': 'atom',
  'http://purl.org/atom/ns#': 'atom',
  'http://www.w3.org/1999/xhtml': 'xhtml',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
};

/** Maps qualified element names to the names the mapper looks for. */
export class NameResolver {
  private readonly prefixes = new Map<string, string>();
  private readonly home: Set<string>;

  constructor(root: Element) {
    this.collect(root, 0);
    const rootNs = this.namespaceOf(root.name) ?? '';
    this.home = new Set(['', rootNs, ...(isAtom(rootNs) ? [] : RSS_NS)]);
  }

  /** The document's own namespaces give bare names; others their conventional prefix. */
  nameOf(el: Element): string {
    const ns = this.namespaceOf(el.name);
    const local = localPart(el.name);
    if (ns === undefined) return el.name;
    if (this.home.has(ns)) return local;
    const prefix = KNOWN_PREFIX[ns.toLowerCase()];
    return prefix === undefined ? el.name : `${prefix}:${local}`;
  }

  namespaceOf(qname: string): string | undefined {
    const i = qname.indexOf(':');
    return i < 0 ? this.prefixes.get('') : this.prefixes.get(qname.slice(0, i));
  }

  // First declaration wins: real feeds declare their namespaces once, near the root.
  private collect(el: Element, depth: number): void {
    for (const [attr, value] of Object.entries(el.attribs)) {
      if (attr === 'xmlns' && !this.prefixes.has('')) this.prefixes.set('', value.trim());
      else if (attr.startsWith('xmlns:') && !this.prefixes.has(attr.slice(6))) this.prefixes.set(attr.slice(6), value.trim());
    }
    if (depth > 3) return;
    for (const child of el.children) if (isElement(child)) this.collect(child, depth + 1);
  }
}

export function isAtom(ns: string): boolean {
  return ATOM_NS.includes(ns.toLowerCase());
}

export function localPart(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function childElements(el: Element): Element[] {
  return el.children.filter(isElement);
}

/** Concatenated character data of an element (text and CDATA, at any depth). */
export function textOf(node: AnyNode): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  if (node.type === 'cdata' || isElement(node)) {
    let out = '';
    for (const child of (node as Element).children) out += textOf(child);
    return out;
  }
  return '';
}

/** The xml:base in force at `el`, resolved up the ancestor chain to the document URL. */
export function baseOf(el: Element | null, documentUrl: string | undefined): string | undefined {
  if (el === null) return documentUrl;
  const parent = el.parent !== null && isElement(el.parent) ? el.parent : null;
  const outer = baseOf(parent, documentUrl);
  const own = el.attribs['xml:base'];
  return own === undefined ? outer : resolveAgainst(own, outer);
}
