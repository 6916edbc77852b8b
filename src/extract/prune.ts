/**
 * Removes what can never be article text before any scoring: scripts and other
 * non-text elements, hidden elements, comments, and furniture (navigation, asides,
 * footers, comment sections, share bars, related links) unless it holds the article.
 */
import { isElement, removeNodes, subtreeTextLengths, walk, type DomNode } from './dom.js';
import { classWeight, DROP_TAGS, FURNITURE_TAGS, furnitureName, isBodyMarker, isHidden } from './hints.js';

/** An `<article>` under this many characters is a teaser card, not the article. */
const MARKER_MIN_CHARS = 500;
/** An aside, footer or "sidebar" holding more than this share of the page's text is the layout, not furniture. */
const LARGE_SHARE = 0.5;

/** `furniture: false` keeps the role and class-name rules out (a per-site rule chose the body). */
export function prunePage(root: DomNode, opts: { furniture?: boolean } = {}): void {
  const doomed: DomNode[] = [];
  const hidden: DomNode[] = [];
  const markers: DomNode[] = [];
  walk(root, (n) => {
    if (!isElement(n)) {
      if (n.type !== 'text') doomed.push(n);
      return false;
    }
    if (DROP_TAGS.has(n.name!)) {
      doomed.push(n);
      return false;
    }
    if (isHidden(n)) hidden.push(n);
    else if (isBodyMarker(n)) markers.push(n);
  });
  removeNodes(doomed);
  // Hidden elements are menus, modals and templates; but a page hidden whole behind a consent
  // wall (aria-hidden on the app root) still has its article there. Half the page's text:
  // more than that in one hidden or furniture element means it is the page.
  const before = subtreeTextLengths(root);
  const large = before.get(root)! * LARGE_SHARE;
  removeNodes(hidden.filter((n) => before.get(n)! <= large));
  if (opts.furniture === false) return;
  const after = subtreeTextLengths(root);
  removeFurniture(root, protectedNodes(markers, after), (n) => (after.get(n) ?? 0) > large);
}

/** Every ancestor of a body marker with real text in it: furniture rules must spare these. */
function protectedNodes(markers: DomNode[], lengths: Map<DomNode, number>): Set<DomNode> {
  const keep = new Set<DomNode>();
  for (const m of markers) {
    if (keep.has(m) || (lengths.get(m) ?? 0) < MARKER_MIN_CHARS) continue;
    for (let n: DomNode | null = m; n && !keep.has(n); n = n.parent) keep.add(n);
  }
  return keep;
}

function removeFurniture(root: DomNode, keep: Set<DomNode>, isLarge: (n: DomNode) => boolean): void {
  const doomed: DomNode[] = [];
  walk(root, (n) => {
    if (!isElement(n)) return false;
    if (keep.has(n) || n.name === 'body' || n.name === 'html') return;
    // A strong name that also reads as content ("entry-content share-enabled") is spared.
    const named = classWeight(n) < 0 ? furnitureName(n) : undefined;
    if (named === 'always' || ((named === 'unless-large' || FURNITURE_TAGS.has(n.name!)) && !isLarge(n))) {
      doomed.push(n);
      return false;
    }
  });
  removeNodes(doomed);
}
