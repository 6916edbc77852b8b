/**
 * Per-element text measures, computed once bottom-up: how much text an element holds, how
 * much of it sits in links, and how much is its own inline text (not inside a nested block).
 */
import { isElement, postOrder, type DomNode } from './dom.js';
import { BLOCK_TAGS } from './hints.js';

/** Text measures of one element, in characters (whitespace runs count as one). */
export interface TextStats {
  text: number;
  link: number;
  /** Text of the element's own inline content: text nodes and inline children. */
  inline: number;
  inlineLink: number;
  /** Commas in the inline text: a cheap sign of sentences. */
  commas: number;
  paragraphs: number;
  /** Count of `<li>` descendants. */
  items: number;
}

export type StatsMap = Map<DomNode, TextStats>;

const EMPTY: TextStats = { text: 0, link: 0, inline: 0, inlineLink: 0, commas: 0, paragraphs: 0, items: 0 };

export function measure(root: DomNode): StatsMap {
  const map: StatsMap = new Map();
  for (const el of postOrder(root)) map.set(el, measureOne(el, map));
  return map;
}

function measureOne(el: DomNode, map: StatsMap): TextStats {
  const s: TextStats = { ...EMPTY };
  const isLink = el.name === 'a';
  for (const c of el.children ?? []) {
    if (c.type === 'text') {
      const len = textLength(c.data ?? '');
      s.text += len;
      s.inline += len;
      s.commas += countCommas(c.data ?? '');
      if (isLink) {
        s.link += len;
        s.inlineLink += len;
      }
    } else if (isElement(c)) {
      addChild(s, map.get(c) ?? EMPTY, c, isLink);
    }
  }
  return s;
}

function addChild(s: TextStats, cs: TextStats, c: DomNode, parentIsLink: boolean): void {
  const link = parentIsLink ? cs.text : cs.link;
  s.text += cs.text;
  s.link += link;
  s.paragraphs += cs.paragraphs + (c.name === 'p' ? 1 : 0);
  s.items += cs.items + (c.name === 'li' ? 1 : 0);
  if (!BLOCK_TAGS.has(c.name!) && c.name !== 'br') {
    s.inline += cs.text;
    s.inlineLink += link;
    s.commas += cs.commas;
  }
}

function textLength(data: string): number {
  let n = 0;
  let space = true;
  for (let i = 0; i < data.length; i++) {
    const ch = data.charCodeAt(i);
    const isSpace = ch === 32 || ch === 10 || ch === 9 || ch === 13 || ch === 160 || ch === 12;
    if (!isSpace) n++;
    else if (!space) n++;
    space = isSpace;
  }
  return n;
}

function countCommas(data: string): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    const ch = data.charCodeAt(i);
    if (ch === 44 || ch === 0x3001 || ch === 0xff0c || ch === 0x060c) n++;
  }
  return n;
}

export function linkDensity(s: TextStats): number {
  return s.text === 0 ? 0 : s.link / s.text;
}
