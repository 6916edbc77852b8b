/**
 * Two measures of an XML document taken in one linear pass before any parser sees it:
 *
 * - nesting depth: htmlparser2 keeps its open-element stack with unshift/indexOf, so a
 *   document nested 100,000 deep (or with 100,000 unclosed tags) costs it minutes; the scan
 *   stops counting as soon as the limit is passed, so a refusal costs little;
 * - the longest tag: sax (under rss-parser) reports an error for every character of an
 *   attribute past 64 KB, which made a feed with one huge attribute superlinear; such
 *   documents go to the lenient pass directly.
 */

const TAG = /<(\/?)([A-Za-z_][\w:.-]*)[^<>]*?(\/?)>|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)/g;

export interface XmlShape {
  /** Deepest element nesting as a forgiving parser would build it; counting stops just past `maxDepth`. */
  depth: number;
  /** Characters in the longest start or end tag (attributes included). */
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

export function xmlShape(xml: string, maxDepth: number): XmlShape {
  const stack: string[] = [];
  const open = new Map<string, number>();
  let longestTag = 0;
  let deepest = 0;
  let strayCost = 0;
  let strays = 0;
  let implied = 0;
  for (const m of xml.matchAll(TAG)) {
    const name = m[2];
    if (name === undefined) continue;
    if (m[0].length > longestTag) longestTag = m[0].length;
    if (m[3] === '/') continue;
    if (m[1] === '') {
      stack.push(name);
      open.set(name, (open.get(name) ?? 0) + 1);
      if (stack.length > deepest) deepest = stack.length;
      if (deepest > maxDepth) return { depth: deepest, longestTag, strayCost, balanced: false };
      continue;
    }
    // A close tag closes everything opened after its match, as the parser does; a stray
    // close tag with no open match is ignored, also as the parser does.
    if ((open.get(name) ?? 0) === 0) {
      strays += 1;
      strayCost += stack.length;
      continue;
    }
    if (stack[stack.length - 1] !== name) implied += 1;
    closeUpTo(stack, open, name);
    if (stack.length === 0) {
      return { depth: deepest, longestTag, strayCost, balanced: strays === 0 && implied === 0, rootEnd: m.index + m[0].length };
    }
  }
  return { depth: deepest, longestTag, strayCost, balanced: false };
}

function closeUpTo(stack: string[], open: Map<string, number>, name: string): void {
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    open.set(top, open.get(top)! - 1);
    if (top === name) break;
  }
}

/** The document without its close tags that close nothing: what the parser reads, at a cost linear in the size. */
export function dropStrayCloseTags(xml: string): string {
  const stack: string[] = [];
  const open = new Map<string, number>();
  const parts: string[] = [];
  let last = 0;
  for (const m of xml.matchAll(TAG)) {
    const name = m[2];
    if (name === undefined || m[3] === '/') continue;
    if (m[1] === '') {
      stack.push(name);
      open.set(name, (open.get(name) ?? 0) + 1);
    } else if ((open.get(name) ?? 0) > 0) closeUpTo(stack, open, name);
    else {
      parts.push(xml.slice(last, m.index));
      last = m.index + m[0].length;
    }
  }
  parts.push(xml.slice(last));
  return parts.join('');
}
