/** Does a range overlap any of a set of ranges? Sorted starts and running furthest ends, searched in log time. */

export interface RangeIndex {
  starts: number[];
  /** reach[i]: the furthest end among the first i + 1 ranges by start. */
  reach: number[];
}

export function rangeIndex(ranges: readonly { start: number; end: number }[]): RangeIndex {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const reach: number[] = [];
  let furthest = -1;
  for (const r of sorted) reach.push((furthest = Math.max(furthest, r.end)));
  return { starts: sorted.map((r) => r.start), reach };
}

/** Ranges starting before `end` are a prefix; one of them must reach past `start`. */
export function overlapsAny(index: RangeIndex, start: number, end: number): boolean {
  let lo = 0, hi = index.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (index.starts[mid]! < end) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && index.reach[lo - 1]! > start;
}
