/**
 * Groups near-duplicate stories: the same wire story syndicated by several feeds, or a story
 * re-published under a rewritten headline. MinHash signatures are bucketed by LSH bands so
 * only likely pairs are compared, which keeps 5,000 items well under a second.
 */
import { estimateSimilarity, minhashSignature, SIGNATURE_SIZE } from './minhash.js';

/** Estimated Jaccard similarity (of 3-word shingles of headline + lede) at which two items are one story. */
export const DEFAULT_CLUSTER_THRESHOLD = 0.5;

/** Two rows a band: a pair at J = 0.3 still shares a band with probability > 0.95. */
const ROWS_PER_BAND = 2;

export interface ClusterText {
  title: string;
  body: string;
  url?: string;
}

class DisjointSets {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[i] !== root) {
      const next = this.parent[i]!;
      this.parent[i] = root;
      i = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

function candidatePairs(signatures: Array<Int32Array | undefined>): Array<[number, number]> {
  const buckets = new Map<number, number[]>();
  signatures.forEach((sig, i) => {
    if (!sig) return;
    for (let b = 0; b < SIGNATURE_SIZE; b += ROWS_PER_BAND) {
      // A 53-bit number key instead of a string: a rare collision only adds a pair to verify.
      const key = (Math.imul(sig[b]! ^ (b + 1), 0x9e3779b1) >>> 0) * 0x200000 + (sig[b + 1]! & 0x1fffff);
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    }
  });
  const seen = new Set<number>();
  const pairs: Array<[number, number]> = [];
  const n = signatures.length;
  for (const list of buckets.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const id = list[x]! * n + list[y]!;
        if (seen.has(id)) continue;
        seen.add(id);
        pairs.push([list[x]!, list[y]!]);
      }
    }
  }
  return pairs;
}

/**
 * Clusters items by text similarity (and identical URLs). Returns groups of indexes into
 * `items`, each group in input order, groups ordered by their first member.
 * A threshold above 1 disables clustering.
 */
export function clusterItems(items: ClusterText[], threshold = DEFAULT_CLUSTER_THRESHOLD): number[][] {
  const sets = new DisjointSets(items.length);
  const byUrl = new Map<string, number>();
  items.forEach((item, i) => {
    if (!item.url) return;
    const first = byUrl.get(item.url);
    if (first === undefined) byUrl.set(item.url, i);
    else sets.union(first, i);
  });
  if (threshold <= 1) {
    const signatures = items.map((it) => minhashSignature(it.title, it.body));
    for (const [a, b] of candidatePairs(signatures)) {
      if (estimateSimilarity(signatures[a]!, signatures[b]!) >= threshold) sets.union(a, b);
    }
  }
  const groups = new Map<number, number[]>();
  items.forEach((_, i) => {
    const root = sets.find(i);
    const group = groups.get(root);
    if (group) group.push(i);
    else groups.set(root, [i]);
  });
  return [...groups.values()].sort((a, b) => a[0]! - b[0]!);
}
