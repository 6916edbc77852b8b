/**
 * The body as text, by the heuristics (prune, measure, score, render) or by a per-site
 * `include` selector, which wins when it matches anything.
 */
import { type DomNode, type ParsedPage } from './dom.js';
import { ExtractError } from './errors.js';
import { cleanParagraphs } from './clean-text.js';
import { findBody } from './find-body.js';
import { prunePage } from './prune.js';
import { renderBlocks } from './render-text.js';
import { measure } from './stats.js';

export function extractBodyText(root: DomNode, title: string | undefined): string {
  prunePage(root);
  const stats = measure(root);
  const body = findBody(root, stats);
  return cleanParagraphs(renderBlocks(body, stats), title).join('\n\n');
}

/** Text of the elements matching `include`, or undefined when nothing matches. */
export function extractWithRules(parsed: ParsedPage, include: string, title: string | undefined): string | undefined {
  let nodes: DomNode[];
  try {
    nodes = parsed.$(include).toArray() as unknown as DomNode[];
  } catch (err) {
    throw new ExtractError(`bad include selector ${JSON.stringify(include)}`, { cause: err });
  }
  // Nested matches would print their text twice.
  const set = new Set(nodes);
  nodes = nodes.filter((n) => !hasAncestorIn(n, set));
  if (nodes.length === 0) return undefined;
  prunePage(parsed.root, { furniture: false });
  const stats = measure(parsed.root);
  return cleanParagraphs(renderBlocks(nodes, stats, { furniture: false }), title).join('\n\n');
}

function hasAncestorIn(node: DomNode, set: Set<DomNode>): boolean {
  for (let p = node.parent; p; p = p.parent) if (set.has(p)) return true;
  return false;
}
