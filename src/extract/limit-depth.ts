/**
 * htmlparser2 keeps its open-element stack in an array it shifts and unshifts at the front,
 * so every tag costs time in proportion to the nesting depth: 100,000 nested divs take
 * seconds. Real pages nest fewer than 100 levels. Before parsing, tags nested deeper than
 * a limit are dropped (their text stays), which keeps any page linear.
 */

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*>/g;

/** Tags that never nest: void elements, and those the parser closes implicitly. */
const FLAT = new Set([
  'br', 'img', 'meta', 'link', 'input', 'hr', 'area', 'base', 'col', 'embed', 'source', 'track', 'wbr', 'param',
  'keygen', 'p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'tbody', 'thead', 'tfoot', 'rp', 'rt',
]);

const MAX_DEPTH = 400;

export function limitDepth(html: string, maxDepth = MAX_DEPTH): string {
  return deepestNesting(html) <= maxDepth ? html : dropDeepTags(html, maxDepth);
}

/** A character loop rather than the regex: this runs on every page, the rewrite almost never. */
function deepestNesting(html: string): number {
  let depth = 0;
  let max = 0;
  for (let i = html.indexOf('<'); i >= 0 && i < html.length; i = html.indexOf('<', i + 1)) {
    const close = html.charCodeAt(i + 1) === 47;
    const start = close ? i + 2 : i + 1;
    let end = start;
    while (end < html.length && isNameChar(html.charCodeAt(end))) end++;
    if (end === start || !isLetter(html.charCodeAt(start))) continue;
    if (FLAT.has(html.slice(start, end).toLowerCase())) continue;
    if (close) {
      if (depth > 0) depth--;
      continue;
    }
    const gt = html.indexOf('>', end);
    if (gt < 0) break;
    if (html.charCodeAt(gt - 1) !== 47 && ++depth > max) max = depth;
    i = gt;
  }
  return max;
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isNameChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 45;
}

function dropDeepTags(html: string, maxDepth: number): string {
  const out: string[] = [];
  let depth = 0;
  let last = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const step = tagStep(m);
    const tooDeep = step > 0 ? depth + 1 > maxDepth : step < 0 && depth > maxDepth;
    depth = Math.max(0, depth + step);
    if (!tooDeep) continue;
    out.push(html.slice(last, m.index));
    last = m.index + m[0].length;
  }
  out.push(html.slice(last));
  return out.join('');
}

/** +1 for a tag that opens a nesting level, -1 for one that closes it, 0 otherwise. */
function tagStep(m: RegExpExecArray): number {
  const name = m[2]!.toLowerCase();
  if (FLAT.has(name)) return 0;
  if (m[1] === '/') return -1;
  return m[0].endsWith('/>') ? 0 : 1;
}
