/**
 * Groups near-duplicate stories: the same wire story syndicated by several feeds, or a story
 * re-published under a rewritten headline. MinHash signatures are bucketed by LSH bands so
 * only likely pairs are compared; those pairs are then compared exactly.
 */
import { intersects, jaccard, sketchText, SIGNATURE_SIZE, type TextSketch } from './minhash.js';

/** Jaccard similarity of the 3-word shingles of headline + lede at which two items are one story. */
export const DEFAULT_CLUSTER_THRESHOLD = 0.5;

/** Two rows a band: a pair at J = 0.3 still shares a band with probability > 0.95. */
const ROWS_PER_BAND = 2;
/** Distinct stories a bucket is checked against: bounds the work of a crowded bucket. */
const MAX_REPS = 8;

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

/** Items sharing both values of a band: likely pairs. */
function bandBuckets(signatures: Array<Int32Array | undefined>): number[][] {
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
  return [...buckets.values()].filter((list) => list.length > 1);
}

/**
 * One story when the headline-and-lede shingles overlap enough and the headlines share a
 * real word: a rewritten headline keeps its names and places, while different stories that
 * share boilerplate (a paywall notice extracted as the body) usually share no headline word.
 */
function sameStory(a: TextSketch, b: TextSketch, threshold: number): boolean {
  if (a.titleWords.length && b.titleWords.length && !intersects(a.titleWords, b.titleWords)) return false;
  return jaccard(a.shingles, b.shingles) >= threshold;
}

/**
 * Joins the similar items of one bucket. Each member is compared with a few representatives
 * of the distinct stories already seen in the bucket, not with every member: a bucket of
 * thousands of copies costs linear time, and true pairs get other chances in other bands.
 */
function joinBucket(list: number[], sketches: Array<TextSketch | undefined>, sets: DisjointSets, threshold: number): void {
  const reps: number[] = [list[0]!];
  for (let x = 1; x < list.length; x++) {
    const i = list[x]!;
    let joined = false;
    for (const r of reps) {
      if (sets.find(r) === sets.find(i) || sameStory(sketches[r]!, sketches[i]!, threshold)) {
        sets.union(r, i);
        joined = true;
        break;
      }
    }
    if (!joined && reps.length < MAX_REPS) reps.push(i);
  }
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
    const sketches = items.map((it) => sketchText(it.title, it.body));
    for (const list of bandBuckets(sketches.map((s) => s?.signature))) joinBucket(list, sketches, sets, threshold);
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
