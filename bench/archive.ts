/**
 * Search over the archive at size: N synthetic stored items (default 100,000; `1000000` for a
 * million) written straight into a schema of their own, then the first page (50 results) of
 * word, rare-word, prefix, phrase, NEAR and regex queries, each asked 20 times over different
 * time windows. Prints p50/p95 per query and per class (words and phrases; NEAR and regexes),
 * PostgreSQL bytes an item, and how fast the rows went in.
 *   node --import tsx bench/archive.ts [items=100000]
 * Texts: 60 to 120 words drawn from a Zipf-like vocabulary of 20,000 made-up words, with a
 * few real terms planted at known rates (guantanamo 1 in 10,000, ferrari 1 in 50,000,
 * "special forces" 1 in 200), so candidates and results are known in advance.
 */
import { Redis } from 'ioredis';
import { prng } from '../src/prng.js';
import { compileSearch } from '../src/search/compile-search.js';
import { searchVector } from '../src/search/document.js';
import { findItems } from '../src/store/archive/find-items.js';
import { Store } from '../src/store/store.js';
import type { WatchlistsFile } from '../src/config/schema.js';

const N = Number(process.argv[2] ?? 100_000);
const BATCH = 2_000;
const rand = prng(18);
const VOCAB = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}x`);
const word = () => VOCAB[Math.floor(VOCAB.length * rand() ** 3)]!;

function text(i: number): { title: string; body: string } {
  const words = Array.from({ length: 60 + Math.floor(rand() * 60) }, word);
  if (i % 10_000 === 7) words.splice(5, 0, 'Guantanamo');
  if (i % 50_000 === 11) words.splice(9, 0, 'Ferrari');
  if (i % 200 === 3) words.splice(20, 0, 'special', 'forces');
  if (i % 97 === 5) words.splice(30, 0, 'army', word(), word(), 'raid');
  return { title: words.slice(0, 8).join(' '), body: words.slice(8).join(' ') + '.' };
}

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
const store = new Store(redis, { prefix: `wwbench-archive-${Date.now()}` });
const t0 = performance.now();
const start = Date.UTC(2026, 0, 1);
for (let from = 0; from < N; from += BATCH) {
  const cols: unknown[][] = Array.from({ length: 6 }, () => []);
  for (let i = from; i < Math.min(N, from + BATCH); i++) {
    const t = text(i);
    const v = searchVector({ ...t, entities: [] });
    const at = new Date(start + i * 30_000).toISOString();
    [`k${i}`, `f${i % 40}`, t.title, t.body, at, v.literal].forEach((x, c) => cols[c]!.push(x));
  }
  await store.db.query(
    `INSERT INTO items (key, feed_id, title, body, body_source, processed_at, sort_at, names, search)
     SELECT k, f, t, b, 'feed', a::timestamptz, a::timestamptz, '[]'::jsonb, s::tsvector
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(k, f, t, b, a, s)`,
    cols,
  );
}
await store.db.query('ANALYZE items');
const loadS = (performance.now() - t0) / 1000;
const { rows } = await store.db.query<{ bytes: string }>(`SELECT pg_total_relation_size('items') AS bytes`);
console.log(`archive: ${N.toLocaleString('en')} items written in ${loadS.toFixed(1)} s (${(N / loadS).toFixed(0)} rows/s, vectors made here), ${(Number(rows[0]!.bytes) / N).toFixed(0)} bytes an item in PostgreSQL (table, vector, indexes)`);

const entities = { entities: {}, watchlists: {} } as unknown as WatchlistsFile;
const QUERIES: Array<[string, 'words' | 'near/regex']> = [
  ['guantanamo', 'words'], ['ferrari', 'words'], [VOCAB[3]!, 'words'], [`${VOCAB[40]!.slice(0, 4)}*`, 'words'],
  ['"special forces"', 'words'], [`"${VOCAB[1]} ${VOCAB[2]}"`, 'words'], ['army NEAR/4 raid', 'near/regex'],
  ['special NEAR/2 forces', 'near/regex'], ['guantanamo AND /guant[a-z]+mo/i', 'near/regex'], ['/ferr?ari/i', 'near/regex'],
];
const byClass: Record<string, number[]> = { words: [], 'near/regex': [] };
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const span = N * 30_000;
for (const [q, cls] of QUERIES) {
  const search = compileSearch(q, entities);
  const times: number[] = [];
  let found = 0;
  for (let r = 0; r < 20; r++) {
    // Every other ask is bounded to a random half of the range: the ranges analysts use.
    const since = r % 2 ? start + Math.floor(rand() * span / 2) : undefined;
    const t = performance.now();
    const page = await findItems(store.search, search, { limit: 50, ...(since ? { since } : {}), maxCandidates: 100_000 });
    times.push(performance.now() - t);
    if (r === 0) found = page.items.length;
  }
  byClass[cls]!.push(...times);
  console.log(`  ${q.padEnd(36)} p50 ${pct(times, 0.5).toFixed(1).padStart(7)} ms  p95 ${pct(times, 0.95).toFixed(1).padStart(7)} ms  (first page ${found} items)`);
}
for (const [cls, times] of Object.entries(byClass)) console.log(`  ${cls}: p50 ${pct(times, 0.5).toFixed(1)} ms, p95 ${pct(times, 0.95).toFixed(1)} ms over ${times.length} asks`);
await store.db.dropSchema();
await store.close();
