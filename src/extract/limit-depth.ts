/**
 * htmlparser2 keeps its open-element stack in an array it shifts and unshifts at the front,
 * and looks a close tag up in it with indexOf: every tag costs time in proportion to the
 * nesting depth, so 100,000 nested divs take seconds, and so do millions of close tags that
 * close nothing under a deep stack. Real pages nest fewer than 100 levels. Before parsing,
 * one forward scan measures both; when either is past its limit a second pass drops the
 * tags nested too deep (their text stays) and the close tags that close nothing. Tags are
 * read as the parser reads them (src/markup-tags.ts).
 */
import { scanTags, type MarkupTag } from '../markup-tags.js';

/** Tags that never nest: void elements, and those the parser closes implicitly. */
const FLAT = new Set([
  'br', 'img', 'meta', 'link', 'input', 'hr', 'area', 'base', 'col', 'embed', 'source', 'track', 'wbr', 'param',
  'keygen', 'p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'tbody', 'thead', 'tfoot', 'rp', 'rt',
]);

/** Elements whose content the parser reads as text: the scan skips it, so they never nest. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp']);

export const MAX_DEPTH = 256;
/** Open elements searched in vain by close tags that close nothing, summed; above this they are dropped. */
export const MAX_STRAY_COST = 5_000_000;

/**
 * Follows the parser's stack: a start tag pushes (unless flat or self-closing), an end tag
 * pops down to its element, or closes nothing when none of that name is open. `keep` says
 * whether a tag stays in the page; one nested past `maxDepth` does not, nor does its end tag.
 */
class StackModel {
  readonly stack: string[] = [];
  private readonly open = new Map<string, number>();
  private readonly dropped = new Map<string, number>();
  deepest = 0;
  strayCost = 0;

  constructor(private readonly maxDepth: number) {}

  keep(tag: MarkupTag): boolean {
    // Raw-text elements: their text is skipped by the scan, and they never nest.
    if (FLAT.has(tag.name) || RAW_TEXT.has(tag.name) || (!tag.close && tag.selfClosing)) return true;
    if (!tag.close) {
      if (this.stack.length >= this.maxDepth) {
        this.deepest = Math.max(this.deepest, this.stack.length + 1);
        this.dropped.set(tag.name, (this.dropped.get(tag.name) ?? 0) + 1);
        return false;
      }
      this.stack.push(tag.name);
      this.open.set(tag.name, (this.open.get(tag.name) ?? 0) + 1);
      this.deepest = Math.max(this.deepest, this.stack.length);
      return true;
    }
    const droppedOpen = this.dropped.get(tag.name) ?? 0;
    if (droppedOpen > 0) {
      this.dropped.set(tag.name, droppedOpen - 1);
      return false;
    }
    if ((this.open.get(tag.name) ?? 0) === 0) {
      this.strayCost += this.stack.length;
      return false;
    }
    for (let top = this.stack.pop(); top !== undefined; top = this.stack.pop()) {
      this.open.set(top, this.open.get(top)! - 1);
      if (top === tag.name) break;
    }
    return true;
  }
}

/** The page as is when it is shallow enough, else without the tags that would make the parser slow. */
export function limitDepth(html: string, maxDepth = MAX_DEPTH): string {
  const probe = new StackModel(maxDepth);
  scanTags(html, 'html', (tag) => { probe.keep(tag); });
  if (probe.deepest <= maxDepth && probe.strayCost <= MAX_STRAY_COST) return html;
  const model = new StackModel(maxDepth);
  const out: string[] = [];
  let last = 0;
  scanTags(html, 'html', (tag) => {
    if (model.keep(tag)) return;
    out.push(html.slice(last, tag.start));
    last = tag.end;
  });
  out.push(html.slice(last));
  return out.join('');
}
