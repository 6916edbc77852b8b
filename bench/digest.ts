/**
 * Digest benchmark: build (group, cluster, rank) and render a 500-item and a 5,000-item digest
 * in every format. About a fifth of the items are syndicated copies of another story, so the
 * clustering has real work. Run: node --import tsx bench/digest.ts
 */
import { performance } from 'node:perf_hooks';
import { buildDigest } from '../src/digest/build-digest.js';
import { renderDigest } from '../src/digest/render-digest.js';
import { RENDER_FORMATS } from '../src/digest/render-document.js';
import type { StoredItem, StoredMatch } from '../src/types.js';

// A news-sized vocabulary: 4,000 made-up words, plus the function words that make up about a
// third of real prose (and that make unrelated stories share shingles).
const SYLLABLES = 'ka lo mi ne su ra te vo bi da fe gu ho ji ku ly ma no pe qu'.split(' ');
const CONTENT = Array.from({ length: 4000 }, (_, i) => SYLLABLES[i % 20]! + SYLLABLES[Math.floor(i / 20) % 20]! + SYLLABLES[Math.floor(i / 400) % 20]!);
const FUNCTION = 'the a of in on to and said was for with by at from that'.split(' ');

/** A counter-based generator: unlike xorshift, two seeds never replay each other's sequence. */
function random(seed: number, i: number): number {
  let h = Math.imul(seed, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

function words(seed: number, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = random(seed, i);
    out.push(r % 3 === 0 ? FUNCTION[(r >>> 2) % FUNCTION.length]! : CONTENT[(r >>> 2) % CONTENT.length]!);
  }
  return out.join(' ');
}

function makeEntries(n: number): Array<{ item: StoredItem; match: StoredMatch }> {
  return Array.from({ length: n }, (_, i) => {
    // Every fifth item is a copy of the one before it, from another feed, retitled.
    const story = i % 5 === 4 ? i - 1 : i;
    const item: StoredItem = {
      key: `k${i}`, feedId: `feed-${i % 40}`, url: `https://news${i % 40}.example/story/${i}`,
      title: i === story ? `Story ${i}: ${words(i * 7 + 1, 8)}` : `Retitled: ${words(story * 7 + 1, 8)}`,
      summary: words(story * 13 + 5, 40), body: words(story * 31 + 9, 350), bodySource: 'page',
      processedAt: new Date(Date.UTC(2026, 10, 21, 6) - i * 1000).toISOString(), tags: [], entities: [],
    };
    const match: StoredMatch = {
      itemKey: item.key, watchlist: `wl-${i % 5}`, score: 1 + (i % 17), flaggedAt: item.processedAt,
      hits: [{ term: 'convoy', field: 'body', start: 10, end: 16, snippet: words(i, 20) }, { term: '@Libya', field: 'title', start: 0, end: 5, snippet: words(i + 1, 12) }],
    };
    return { item, match };
  });
}

function time<T>(fn: () => T, runs: number): { ms: number; out: T } {
  let out = fn();
  const start = performance.now();
  for (let r = 0; r < runs; r++) out = fn();
  return { ms: (performance.now() - start) / runs, out };
}

const watchlists = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`wl-${i}`, { description: `Watch-list ${i}` }]));

for (const n of [500, 5000]) {
  const entries = makeEntries(n);
  const runs = n <= 500 ? 10 : 3;
  const build = time(() => buildDigest({ name: 'bench', runId: 'bench-1', scheduledFor: '2026-11-21T07:00:00Z', entries, watchlists, maxItems: n }), runs);
  const digest = build.out;
  console.log(`\n${n} items -> ${digest.entryCount} stories (clusters), build+cluster+rank ${build.ms.toFixed(1)} ms`);
  console.log('format     render ms  build+render ms  messages  bytes');
  for (const format of RENDER_FORMATS) {
    const r = time(() => renderDigest(format, digest, 1), runs);
    const bytes = r.out.reduce((sum: number, m) => sum + Buffer.byteLength(typeof m === 'string' ? m : JSON.stringify(m)), 0);
    console.log(`${format.padEnd(10)} ${r.ms.toFixed(1).padStart(9)}  ${(build.ms + r.ms).toFixed(1).padStart(15)}  ${String(r.out.length).padStart(8)}  ${bytes}`);
  }
}
