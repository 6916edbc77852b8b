/**
 * Makes feed XML digestible by a strict parser without changing what it says: HTML named
 * entities (&nbsp;, &eacute;) become character references, a bare & becomes &amp;, entities
 * declared in the document's own DTD are expanded under a size budget (a billion-laughs
 * document fails here, fast, without ever building the big string), and characters XML
 * forbids are dropped. CDATA sections and comments are left exactly as they are.
 */
import { decodeHTMLStrict } from 'entities';
import { windows1252Char } from './windows-1252.js';
import { readDoctype } from './doctype.js';
import { FeedParseError } from './feed-parse-error.js';

/** Most characters that entity expansion may add to a document. */
export const MAX_ENTITY_EXPANSION = 1_000_000;
/** Deepest chain of entities referring to entities; expansion recurses this deep. */
export const MAX_ENTITY_DEPTH = 64;

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
// The five XML entities need no rewriting, so they are not even matched: feeds of escaped
// HTML carry millions of them, and a callback each was most of the cost.
const REFERENCE = /&(?!(?:amp|lt|gt|quot|apos);)(?:(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);)?/g;
const RAW_SECTIONS = /(<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$))/;
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

type Declarations = Map<string, string>;

/**
 * Expanded length of each declared entity, computed without expanding anything. The depth
 * of entities within entities is capped too, because expansion recurses that deep.
 */
function expandedLengths(decls: Declarations): Map<string, number> {
  const lengths = new Map<string, number>();
  const depths = new Map<string, number>();
  const visiting = new Set<string>();
  const lengthOf = (name: string): number => {
    const known = lengths.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) throw new FeedParseError(`entity "${name}" refers to itself`);
    visiting.add(name);
    const value = decls.get(name) ?? '';
    let total = value.length;
    let depth = 1;
    for (const m of value.matchAll(/&([A-Za-z_][\w.-]*);/g)) {
      if (!decls.has(m[1]!)) continue;
      if (visiting.size >= MAX_ENTITY_DEPTH) throw tooDeep();
      total += lengthOf(m[1]!) - m[0].length;
      depth = Math.max(depth, depths.get(m[1]!)! + 1);
      if (depth > MAX_ENTITY_DEPTH) throw tooDeep();
      if (total > MAX_ENTITY_EXPANSION) break;
    }
    visiting.delete(name);
    lengths.set(name, total);
    depths.set(name, depth);
    return total;
  };
  for (const name of decls.keys()) lengthOf(name);
  return lengths;
}

function tooDeep(): FeedParseError {
  return new FeedParseError(`entities nested more than ${MAX_ENTITY_DEPTH} deep`);
}

function numericRef(ref: string): string {
  const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
  // The web reads &#150; as windows-1252 does, and so do feeds written for it.
  if (code >= 0x80 && code <= 0x9f) return `&#${windows1252Char(code).codePointAt(0)};`;
  const allowed = code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
  return allowed ? `&${ref};` : '';
}

class EntityRewriter {
  private expanded = 0;
  private readonly cache = new Map<string, string>();

  constructor(private readonly decls: Declarations, private readonly lengths: Map<string, number>) {}

  /**
   * A loop rather than String.replace with a callback: replace collects every match before
   * the first call, so a document of millions of references held them all in memory even
   * when the expansion budget would stop it at the first million.
   */
  rewrite(text: string): string {
    const reference = new RegExp(REFERENCE);
    const parts: string[] = [];
    let last = 0;
    for (let m = reference.exec(text); m !== null; m = reference.exec(text)) {
      parts.push(text.slice(last, m.index), this.replace(m[1]));
      last = m.index + m[0].length;
    }
    if (last === 0) return text;
    parts.push(text.slice(last));
    return parts.join('');
  }

  private replace(ref: string | undefined): string {
    if (ref === undefined) return '&amp;';
    if (ref.startsWith('#')) return numericRef(ref);
    if (XML_ENTITIES.has(ref)) return `&${ref};`;
    if (this.decls.has(ref)) return this.expand(ref);
    const html = decodeHTMLStrict(`&${ref};`);
    if (html !== `&${ref};`) return [...html].map((c) => `&#${c.codePointAt(0)};`).join('');
    return `&amp;${ref};`;
  }

  private expand(name: string): string {
    this.expanded += this.lengths.get(name) ?? 0;
    if (this.expanded > MAX_ENTITY_EXPANSION) {
      throw new FeedParseError(`entity expansion over the ${MAX_ENTITY_EXPANSION}-character limit`);
    }
    const cached = this.cache.get(name);
    if (cached !== undefined) return cached;
    const value = this.rewrite(this.decls.get(name) ?? '');
    this.cache.set(name, value);
    return value;
  }
}

/** The document made safe for a strict XML parser; throws FeedParseError over the budget. */
export function prepareXml(xml: string): string {
  let text = xml.replace(FORBIDDEN_CHARS, '');
  const start = text.indexOf('<');
  if (start > 0) text = text.slice(start);
  const doctype = readDoctype(text);
  const decls: Declarations = doctype?.entities ?? new Map();
  if (doctype) text = text.slice(0, doctype.start) + text.slice(doctype.end);
  const rewriter = new EntityRewriter(decls, expandedLengths(decls));
  const parts = text.split(RAW_SECTIONS);
  for (let i = 0; i < parts.length; i += 2) parts[i] = rewriter.rewrite(parts[i]!);
  return parts.join('');
}
