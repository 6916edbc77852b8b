/**
 * rss-parser builds a "contentSnippet" of every description with `/<(?:.|\n)*?>/`, which
 * scans from each '<' to the next '>': a field full of '<' and no '>' costs it quadratic
 * time (100 KB of them takes minutes). We never use that snippet, but cannot turn it off, so
 * the documents where it would explode are measured first and handed to the DOM pass.
 */

/** Steps of regex scanning above which rss-parser is not given the document. */
export const MAX_SNIPPET_COST = 20_000_000;

/**
 * Characters the snippet regex would scan, summed over every '<' (written as is or as
 * &lt;) to the '>' (or &gt;) that ends it. Linear in the document.
 */
export function snippetCost(xml: string): number {
  const markers = /[<>]|&[lg]t;/g;
  let cost = 0;
  let pending = 0;
  let pendingPositions = 0;
  for (let m = markers.exec(xml); m !== null; m = markers.exec(xml)) {
    const opens = m[0] === '<' || m[0] === '&lt;';
    if (opens) {
      pending += 1;
      pendingPositions += m.index;
    } else if (pending > 0) {
      cost += pending * m.index - pendingPositions;
      if (cost > MAX_SNIPPET_COST) return cost;
      pending = 0;
      pendingPositions = 0;
    }
  }
  return cost + pending * xml.length - pendingPositions;
}
