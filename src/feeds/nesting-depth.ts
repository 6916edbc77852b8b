/**
 * htmlparser2 keeps its open-element stack with unshift/indexOf, so a document nested
 * 100,000 deep (or with 100,000 unclosed tags) costs it minutes. This scan measures the
 * depth the lenient parser would reach, in one linear pass, so that such a document is
 * refused before it is parsed.
 */

const TAG = /<(\/?)([A-Za-z_][\w:.-]*)[^<>]*?(\/?)>|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)/g;

/** The deepest element nesting of `xml` as a forgiving XML parser would build it. */
export function nestingDepth(xml: string): number {
  const stack: string[] = [];
  const open = new Map<string, number>();
  let deepest = 0;
  for (const m of xml.matchAll(TAG)) {
    const name = m[2];
    if (name === undefined || m[3] === '/') continue;
    if (m[1] === '') {
      stack.push(name);
      open.set(name, (open.get(name) ?? 0) + 1);
      if (stack.length > deepest) deepest = stack.length;
      continue;
    }
    // A close tag closes everything opened after its match, as the parser does; a stray
    // close tag with no open match is ignored, also as the parser does.
    if ((open.get(name) ?? 0) === 0) continue;
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      open.set(top, open.get(top)! - 1);
      if (top === name) break;
    }
  }
  return deepest;
}
