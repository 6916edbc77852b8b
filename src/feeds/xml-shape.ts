/**
 * Measures of an XML document taken in one linear pass before any parser sees it, with tags
 * read the way htmlparser2's XML mode reads them (src/markup-tags.ts):
 *
 * - nesting depth: htmlparser2 keeps its open-element stack with unshift/indexOf, so a
 *   document nested 100,000 deep (or with 100,000 unclosed tags) costs it minutes; the scan
 *   stops counting as soon as the limit is passed, so a refusal costs little;
 * - the longest tag or declaration: sax (under rss-parser) reports an error for every
 *   character of an attribute past 64 KB, and rescans a declaration that does not close at
 *   every character; such documents go to the lenient pass directly.
 */
import { scanTags, type MarkupTag } from '../markup-tags.js';

export interface XmlShape {
  /** Deepest element nesting as a forgiving parser would build it; counting stops just past `maxDepth`. */
  depth: number;
  /** Characters in the longest tag, declaration or processing instruction. */
  longestTag: number;
  /**
   * Open elements the parser searches in vain, summed over close tags that close nothing:
   * htmlparser2 looks through its whole stack for each, so 2 million `</x>` under 1,000 open
   * elements cost it seconds.
   */
  strayCost: number;
  /** Every element closed, and no close tag without its element: what a strict parser needs. */
  balanced: boolean;
  /**
   * Where the document element's end tag ends, when it has one; the scan stops there. What
   * follows carries nothing a feed reader uses, and sax reads trailing text a character at
   * a time (8 MB of trailing spaces took it a second).
   */
  rootEnd?: number;
}

/** Above this stray-tag cost the stray close tags are dropped before parsing (they close nothing anyway). */
export const MAX_STRAY_COST = 5_000_000;

/** The parser's open elements, with a count per name so a close tag knows at once whether it closes anything. */
class OpenElements {
  readonly stack: string[] = [];
  private readonly open = new Map<string, number>();

  push(name: string): void {
    this.stack.push(name);
    this.open.set(name, (this.open.get(name) ?? 0) + 1);
  }

  has(name: string): boolean {
    return (this.open.get(name) ?? 0) > 0;
  }

  /** Closes `name` and everything opened after it, as the parser does. */
  closeUpTo(name: string): void {
    for (let top = this.stack.pop(); top !== undefined; top = this.stack.pop()) {
      this.open.set(top, this.open.get(top)! - 1);
      if (top === name) break;
    }
  }
}

export function xmlShape(xml: string, maxDepth: number): XmlShape {
  const open = new OpenElements();
  let deepest = 0;
  let strayCost = 0;
  let unbalanced = false;
  let rootEnd: number | undefined;
  const visit = (tag: MarkupTag): boolean => {
    if (tag.selfClosing) return true;
    if (!tag.close) {
      open.push(tag.name);
      deepest = Math.max(deepest, open.stack.length);
      return deepest <= maxDepth;
    }
    if (!open.has(tag.name)) {
      unbalanced = true;
      strayCost += open.stack.length;
      return true;
    }
    if (open.stack[open.stack.length - 1] !== tag.name) unbalanced = true;
    open.closeUpTo(tag.name);
    if (open.stack.length > 0) return true;
    rootEnd = tag.end;
    return false;
  };
  const { longest } = scanTags(xml, 'xml', visit);
  const closed = rootEnd !== undefined;
  return { depth: deepest, longestTag: longest, strayCost, balanced: closed && !unbalanced, ...(closed ? { rootEnd } : {}) };
}

/** The document without its close tags that close nothing: what the parser reads, at a cost linear in the size. */
export function dropStrayCloseTags(xml: string): string {
  const open = new OpenElements();
  const parts: string[] = [];
  let last = 0;
  scanTags(xml, 'xml', (tag) => {
    if (tag.selfClosing) return;
    if (!tag.close) open.push(tag.name);
    else if (open.has(tag.name)) open.closeUpTo(tag.name);
    else {
      parts.push(xml.slice(last, tag.start));
      last = tag.end;
    }
  });
  parts.push(xml.slice(last));
  return parts.join('');
}
