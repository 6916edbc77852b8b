/**
 * Finds the element that holds the article: every run of paragraph text scores its
 * container and, less and less, the container's ancestors; the best-scoring element, with
 * siblings that look like more of the same article, is the body.
 */
import { attr, isElement, walk, type DomNode } from './dom.js';
import { BLOCK_TAGS, classWeight, hasBodyName } from './hints.js';
import { linkDensity, type StatsMap } from './stats.js';
import { startsWithFurnitureHeading } from './section-heading.js';

const MIN_PARAGRAPH = 25;
const ANCESTOR_LEVELS = 5;
/** Tags whose own text is a paragraph of their parent; other text holders are containers. */
const PARAGRAPH_TAGS = new Set(['p', 'pre', 'blockquote', 'li', 'dd', 'h2', 'h3', 'h4', 'h5', 'h6']);
const SKIP_UNITS = new Set(['a', 'h1', 'th', 'dt', 'caption', 'label', 'time']);

const TAG_BASE: Record<string, number> = {
  div: 5, article: 8, main: 5, section: 3, pre: 3, td: 3, blockquote: 3,
  address: -3, ol: -3, ul: -3, dl: -3, dd: -3, dt: -3, li: -3, form: -3,
  h1: -5, h2: -5, h3: -5, h4: -5, h5: -5, h6: -5, th: -5,
};

export function findBody(root: DomNode, stats: StatsMap): DomNode[] {
  const { score: scores, prose } = scoreCandidates(root, stats);
  const banned = new Set([...scores.keys()].filter(startsWithFurnitureHeading));
  const inBanned = (n: DomNode) => banned.size > 0 && hasAncestorIn(n, banned);
  const top = pickTop(scores, stats, inBanned);
  if (!top) return [];
  const named = climbToNamedBody(top, prose, stats);
  let body = named !== top ? named : commonAncestor(top, scores) ?? climb(top, scores);
  // Climbing must not land in a "Related posts" block whose teasers outscored the article.
  if (inBanned(body)) body = top;
  const relatives = sameClassRelatives(body, scores);
  if (relatives.length > 0) return inDocumentOrder(root, [body, ...relatives]);
  return withSiblings(body, scores, stats).filter((n) => n === body || !inBanned(n));
}

/** Turns accumulated content scores into final scores and returns the best element. */
function pickTop(scores: Map<DomNode, number>, stats: StatsMap, inBanned: (n: DomNode) => boolean): DomNode | undefined {
  let top: DomNode | undefined;
  let best = -Infinity;
  for (const [node, content] of scores) {
    // A content class name on an element with little text in it (a sign-up box's "text") is no evidence.
    const hint = classWeight(node) * Math.min(1, content / 20);
    const final = inBanned(node) ? 0 : (content + (TAG_BASE[node.name!] ?? 0) + hint) * (1 - linkDensity(stats.get(node)!));
    scores.set(node, final);
    if (final > best) {
      best = final;
      top = node;
    }
  }
  return top;
}

function hasAncestorIn(node: DomNode, set: Set<DomNode>): boolean {
  for (let n: DomNode | null = node; n; n = n.parent) if (set.has(n)) return true;
  return false;
}

/**
 * Templates that cut the article into chunks (between ads, in grid cells) give every chunk
 * the same tag and class; the chunks that score are all part of the body.
 */
function sameClassRelatives(top: DomNode, scores: Map<DomNode, number>): DomNode[] {
  const cls = attr(top, 'class');
  if (cls === '') return [];
  const min = Math.max(5, (scores.get(top) ?? 0) * 0.1);
  // Chunks of one article sit close together; a same-class box elsewhere ("col-md-8") does not.
  const near = ancestorAt(top, RELATIVE_LEVELS);
  const out: DomNode[] = [];
  for (const [n, score] of scores) {
    if (n === top || score < min || n.name !== top.name || attr(n, 'class') !== cls) continue;
    if (isInside(n, top) || isInside(top, n) || !near || !isInside(n, near)) continue;
    out.push(n);
  }
  return out;
}

const RELATIVE_LEVELS = 3;

function ancestorAt(node: DomNode, levels: number): DomNode | undefined {
  let n: DomNode | null = node;
  for (let i = 0; i < levels && n; i++) n = n.parent;
  return n && n.type !== 'root' ? n : undefined;
}

function inDocumentOrder(root: DomNode, nodes: DomNode[]): DomNode[] {
  const wanted = new Set(nodes);
  const out: DomNode[] = [];
  walk(root, (n) => {
    if (!isElement(n)) return false;
    if (wanted.has(n)) {
      out.push(n);
      return false;
    }
  });
  return out;
}

interface Scores {
  score: Map<DomNode, number>;
  /** Characters of clean paragraph text (low link density) below each element. */
  prose: Map<DomNode, number>;
}

function scoreCandidates(root: DomNode, stats: StatsMap): Scores {
  const scores = new Map<DomNode, number>();
  const prose = new Map<DomNode, number>();
  walk(root, (n) => {
    if (!isElement(n)) return false;
    const s = stats.get(n)!;
    // Inline elements are counted in their block's inline text already.
    if (s.inline < MIN_PARAGRAPH || !BLOCK_TAGS.has(n.name!) || SKIP_UNITS.has(n.name!)) return;
    // Link text is judged on the candidate, not per paragraph: inline links in prose are normal.
    let score = 1 + s.commas + Math.min(Math.floor(s.inline / 100), 3);
    if (s.inlineLink < s.inline * 0.3) addProse(prose, n, s.inline);
    if (n.name === 'li' || n.name?.startsWith('h')) score *= 0.5;
    let anc: DomNode | null = PARAGRAPH_TAGS.has(n.name!) ? n.parent : n;
    for (let level = 0; anc && level < ANCESTOR_LEVELS; level++, anc = anc.parent) {
      if (anc.type === 'root' || anc.name === 'html') break;
      const div = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores.set(anc, (scores.get(anc) ?? 0) + score / div);
    }
  });
  return { score: scores, prose };
}

function addProse(prose: Map<DomNode, number>, unit: DomNode, chars: number): void {
  for (let n: DomNode | null = unit; n && n.type !== 'root'; n = n.parent) prose.set(n, (prose.get(n) ?? 0) + chars);
}

/**
 * The best block is sometimes one of several that together make the article (cards,
 * components); an ancestor named as the article body that holds clearly more prose is the body.
 */
function climbToNamedBody(top: DomNode, prose: Map<DomNode, number>, stats: StatsMap): DomNode {
  let best = top;
  for (let anc = top.parent; anc && anc.name !== 'body' && anc.type !== 'root'; anc = anc.parent) {
    if (!hasBodyName(anc) || linkDensity(stats.get(anc)!) > 0.35) continue;
    if ((prose.get(anc) ?? 0) >= (prose.get(best) ?? 0) * 1.2) best = anc;
  }
  return best;
}

/**
 * An article cut into several blocks (paragraph groups between ads) gives several good
 * candidates; when three of the best share an ancestor, that ancestor is the body.
 */
function commonAncestor(top: DomNode, scores: Map<DomNode, number>): DomNode | undefined {
  const topScore = scores.get(top)!;
  const alternates = [...scores]
    .filter(([n, sc]) => n !== top && sc >= topScore * 0.75)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([n]) => n);
  if (alternates.length < 3) return undefined;
  for (let anc = top.parent; anc && anc.name !== 'body' && anc.type !== 'root'; anc = anc.parent) {
    const inside = alternates.filter((n) => isInside(n, anc!)).length;
    if (inside >= 3) return anc;
  }
  return undefined;
}

function isInside(node: DomNode, ancestor: DomNode): boolean {
  for (let p = node.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

/** A step up, as in Readability: an ancestor that scores higher than the candidate holds more of the article. */
function climb(top: DomNode, scores: Map<DomNode, number>): DomNode {
  const topScore = scores.get(top)!;
  const threshold = topScore / 3;
  for (let p = top.parent; p && p.name !== 'body' && p.type !== 'root'; p = p.parent) {
    const ps = scores.get(p);
    if (ps === undefined) continue;
    if (ps < threshold) break;
    if (ps > topScore) return p;
  }
  // A lone child says nothing its parent does not.
  while (top.parent && top.parent.name !== 'body' && top.parent.type !== 'root' && elementChildren(top.parent).length === 1) {
    top = top.parent;
  }
  return top;
}

function elementChildren(node: DomNode): DomNode[] {
  return (node.children ?? []).filter(isElement);
}

/** Siblings that carry more of the article: high scorers, same-class blocks, clean paragraphs. */
function withSiblings(top: DomNode, scores: Map<DomNode, number>, stats: StatsMap): DomNode[] {
  const parent = top.parent;
  if (!parent || parent.type === 'root') return [top];
  const topScore = scores.get(top) ?? 0;
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = attr(top, 'class');
  return elementChildren(parent).filter((sib) => {
    if (sib === top) return true;
    const bonus = topClass !== '' && attr(sib, 'class') === topClass ? topScore * 0.2 : 0;
    if ((scores.get(sib) ?? -Infinity) + bonus >= threshold) return true;
    if (sib.name !== 'p' || classWeight(sib) < 0) return false;
    const s = stats.get(sib)!;
    const ld = linkDensity(s);
    return (s.text > 80 && ld < 0.25) || (s.text > 0 && s.text <= 80 && ld === 0);
  });
}
