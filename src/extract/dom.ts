/**
 * A thin view of the htmlparser2/domhandler tree that cheerio/slim builds. We walk the
 * nodes directly instead of through cheerio's wrappers: the extractor touches every node a
 * few times and the wrapper objects would cost more than the parse. Every walk here is
 * iterative, so a page nested 100,000 levels deep cannot overflow the stack.
 */
import { load } from 'cheerio/slim';
import type { CheerioAPI } from 'cheerio/slim';
import { limitDepth } from './limit-depth.js';

/** The fields of a domhandler node that the extractor reads. */
export interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
  parent: DomNode | null;
  prev?: DomNode | null;
  next?: DomNode | null;
}

export interface ParsedPage {
  $: CheerioAPI;
  root: DomNode;
}

/** Parses with htmlparser2 (about 2 ms a page; parse5 costs 14 ms), nesting capped first. */
export function parsePage(html: string): ParsedPage {
  const $ = load(limitDepth(html), { xml: { xmlMode: false, decodeEntities: true } });
  return { $, root: $.root()[0] as unknown as DomNode };
}

export function isElement(node: DomNode): boolean {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function attr(node: DomNode, name: string): string {
  return node.attribs?.[name] ?? '';
}

/** Visits every node below `root` in document order; return false from `visit` to skip a subtree. */
export function walk(root: DomNode, visit: (node: DomNode) => boolean | void): void {
  const stack: DomNode[] = [];
  pushChildren(stack, root);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    pushChildren(stack, node);
  }
}

function pushChildren(stack: DomNode[], node: DomNode): void {
  const kids = node.children;
  if (!kids) return;
  for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
}

/** Elements below `root` in post-order (children before their parent). */
export function postOrder(root: DomNode): DomNode[] {
  const pre: DomNode[] = [];
  walk(root, (n) => {
    if (isElement(n)) pre.push(n);
  });
  // Reversed pre-order visits children before parents, which is all post-order is needed for.
  return pre.reverse();
}

/** All text below a node, raw (whitespace not collapsed). */
export function rawText(root: DomNode): string {
  if (root.type === 'text') return root.data ?? '';
  const parts: string[] = [];
  walk(root, (n) => {
    if (n.type === 'text') parts.push(n.data ?? '');
    else if (n.type === 'script' || n.type === 'style' || n.type === 'comment') return false;
  });
  return parts.join('');
}

/** The first `max` characters of the text below a node: for metadata, where a huge element must cost no more than a small one. */
export function rawTextUpTo(root: DomNode, max: number): string {
  if (root.type === 'text') return (root.data ?? '').slice(0, max);
  const parts: string[] = [];
  let n = 0;
  walk(root, (node) => {
    if (n >= max) return false;
    if (node.type === 'text') {
      const data = (node.data ?? '').slice(0, max - n);
      parts.push(data);
      n += data.length;
    } else if (node.type === 'script' || node.type === 'style' || node.type === 'comment') return false;
  });
  return parts.join('');
}

/** Characters of text below a node (raw), counting no further than `stopAt`. */
export function textLength(root: DomNode, stopAt = Infinity): number {
  let n = 0;
  walk(root, (node) => {
    if (n > stopAt) return false;
    if (node.type === 'text') n += node.data?.length ?? 0;
    else if (node.type === 'script' || node.type === 'style') return false;
  });
  return n;
}

/**
 * Raw text characters below every element, in one bottom-up pass (script and style not
 * counted, as in textLength). Asking textLength of each of 300 nested elements walked the
 * same subtree 300 times.
 */
export function subtreeTextLengths(root: DomNode): Map<DomNode, number> {
  const lengths = new Map<DomNode, number>();
  const sum = (node: DomNode) => {
    let n = 0;
    for (const c of node.children ?? []) {
      if (c.type === 'text') n += c.data?.length ?? 0;
      else if (c.type !== 'script' && c.type !== 'style') n += lengths.get(c) ?? 0;
    }
    return n;
  };
  for (const el of postOrder(root)) lengths.set(el, sum(el));
  lengths.set(root, sum(root));
  return lengths;
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Detaches the nodes, one pass over each parent's children (a splice each would be quadratic). */
export function removeNodes(nodes: DomNode[]): void {
  if (nodes.length === 0) return;
  const doomed = new Set(nodes);
  const parents = new Set<DomNode>();
  for (const n of nodes) if (n.parent?.children) parents.add(n.parent);
  for (const p of parents) {
    const kept = p.children!.filter((c) => !doomed.has(c));
    // Sibling links too, so that a later selector (`h2 + p`) never walks into a removed node.
    kept.forEach((c, i) => { c.prev = kept[i - 1] ?? null; c.next = kept[i + 1] ?? null; });
    p.children = kept;
  }
  for (const n of nodes) {
    n.parent = null;
    n.prev = null;
    n.next = null;
  }
}
