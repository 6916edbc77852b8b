/**
 * The body as text, by the heuristics (prune, measure, score, render) or by a per-site
 * `include` selector, which wins when it matches anything.
 */
import { isElement, walk, type DomNode, type ParsedPage } from './dom.js';
import { ExtractError } from './errors.js';
import { cleanParagraphs } from './clean-text.js';
import { findBody } from './find-body.js';
import { prunePage } from './prune.js';
import { renderBlocks } from './render-text.js';
import { linkDensity, measure, type StatsMap } from './stats.js';

/** Below this many characters the scored body is suspect and the paragraph harvest may do better. */
const SHORT_BODY = 250;

export function extractBodyText(root: DomNode, title: string | undefined): string {
  prunePage(root);
  const stats = measure(root);
  const text = cleanParagraphs(renderBlocks(findBody(root, stats), stats), title).join('\n\n');
  if (text.length >= SHORT_BODY) return text;
  const harvest = cleanParagraphs(renderBlocks(proseParagraphs(root, stats), stats), title).join('\n\n');
  return harvest.length > text.length * 2 ? harvest : text;
}

/** The safety net: every clean paragraph of prose on the page, wherever it sits. */
function proseParagraphs(root: DomNode, stats: StatsMap): DomNode[] {
  const out: DomNode[] = [];
  walk(root, (n) => {
    if (!isElement(n)) return false;
    if (n.name !== 'p' && n.name !== 'blockquote' && n.name !== 'pre') return;
    const s = stats.get(n);
    if (s && s.text >= 80 && linkDensity(s) < 0.3) out.push(n);
    return false;
  });
  return out;
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
