/**
 * Turns the chosen body elements into plain text, one paragraph per block, leaving out
 * furniture that sits inside the body: headline, link lists, share and sign-up boxes,
 * bylines, captions.
 */
import { isElement, rawText, walk, type DomNode } from './dom.js';
import { BLOCK_TAGS, classWeight, isBodyMarker } from './hints.js';
import { linkDensity, type StatsMap } from './stats.js';
import { startsWithFurnitureHeading } from './section-heading.js';

const CONTAINER_TAGS = new Set(['div', 'section', 'article', 'aside', 'ul', 'ol', 'footer', 'nav']);
const LINK_LIST_TAGS = new Set(['div', 'section', 'ul', 'ol', 'table', 'p', 'dl', 'header', 'form', 'figure', 'span', 'li', 'center']);

/** Paragraph texts of the given body nodes, in document order. */
export function renderBlocks(nodes: DomNode[], stats: StatsMap, opts: { furniture?: boolean } = {}): string[] {
  const out: string[] = [];
  const skip = opts.furniture === false ? () => false : (n: DomNode) => isFurniture(n, stats);
  for (const node of nodes) renderNode(node, skip, out);
  return out;
}

type Frame = { node: DomNode; exit: boolean };

function renderNode(root: DomNode, skip: (n: DomNode) => boolean, out: string[]): void {
  let line: string[] = [];
  const flush = () => {
    const text = line.join('').replace(/\s+/g, ' ').trim();
    if (text) out.push(text);
    line = [];
  };
  const stack: Frame[] = [{ node: root, exit: false }];
  while (stack.length > 0) {
    const { node, exit } = stack.pop()!;
    if (node.type === 'text') {
      line.push(node.data ?? '');
      continue;
    }
    if (!isElement(node)) continue;
    const block = BLOCK_TAGS.has(node.name!);
    if (exit) {
      if (block) flush();
      continue;
    }
    if (node.name === 'br') {
      flush();
      continue;
    }
    if (node !== root && skip(node)) continue;
    if (block) flush();
    if (node.name === 'pre') {
      // Code and verse keep their lines.
      const text = rawText(node).replace(/[^\S\n]+/g, ' ').replace(/ *\n[\s]*/g, '\n').trim();
      if (text) out.push(text);
      continue;
    }
    stack.push({ node, exit: true });
    const kids = node.children ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, exit: false });
  }
  flush();
}

/** A figure with a short text is an image with its caption and credit; tables and quotes stay. */
function isPictureFigure(node: DomNode, stats: StatsMap): boolean {
  if ((stats.get(node)?.text ?? 0) > 300) return false;
  let holdsText = false;
  walk(node, (n) => {
    if (n.name === 'table' || n.name === 'blockquote' || n.name === 'pre') holdsText = true;
    return !holdsText;
  });
  return !holdsText;
}

function isFurniture(node: DomNode, stats: StatsMap): boolean {
  const name = node.name!;
  if (name === 'h1') return true;
  if (name === 'figure') return isPictureFigure(node, stats);
  if (isBodyMarker(node)) return false;
  const s = stats.get(node);
  if (!s) return false;
  // An inline <a class="tag"> of a word or two inside a sentence is part of the sentence;
  // a longer one (a caption span, a "read more" teaser) is not.
  if (classWeight(node) < 0 && s.text < 2000 && (BLOCK_TAGS.has(name) || s.text >= 25)) return true;
  if (LINK_LIST_TAGS.has(name) && s.text > 0 && linkDensity(s) > 0.5) return true;
  if (CONTAINER_TAGS.has(name) && startsWithFurnitureHeading(node)) return true;
  return false;
}
