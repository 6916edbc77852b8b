/**
 * Runs every file of the shared feed corpus through readFeed (parse and normalize) and
 * prints what the issue asks for: parsed, clean failures, crashes, item-count mismatches,
 * mojibake, and the speed on the realworld files against rss-parser alone.
 *
 *   node --import tsx bench/feeds.ts [--verbose]
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import Parser from 'rss-parser';
import { FeedParseError } from '../src/feeds/feed-parse-error.js';
import { readFeed } from '../src/feeds/read-feed.js';

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/corpora/feeds');
const verbose = process.argv.includes('--verbose');

interface Row { file: string; category: string; format: string; expectedItems?: number; expectation: string }
type Outcome = { kind: 'parsed'; items: number; mojibake: boolean } | { kind: 'failed'; message: string } | { kind: 'crashed'; message: string };

function readManifest(): Row[] {
  const lines = readFileSync(join(CORPUS, 'manifest.tsv'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const header = lines[0]!.split('\t');
  const col = (name: string) => header.indexOf(name);
  return lines.slice(1).map((line) => {
    const f = line.split('\t');
    const expected = f[col('expected_items')] ?? '';
    return { file: f[col('file')]!, category: f[col('category')]!, format: f[col('format')]!, expectation: f[col('expectation')] ?? '',
      ...(expected !== '' ? { expectedItems: Number(expected) } : {}) };
  });
}

/** feedparser's test files carry the HTTP header they were served with in a comment. */
function headerContentType(bytes: Buffer): string | undefined {
  const m = /Header:\s*Content-type:\s*([^\r\n]+)/i.exec(bytes.subarray(0, 2048).toString('latin1'));
  return m?.[1]?.trim();
}

/** Files that are not feeds at all: rejecting them cleanly is the right answer. */
function isNotAFeed(row: Row): boolean {
  return row.format === 'html' || row.format === 'unknown';
}

function sourceHasReplacement(bytes: Buffer): boolean {
  const latin = bytes.toString('latin1');
  return bytes.includes(Buffer.from([0xef, 0xbf, 0xbd])) || /&#(65533|x0*fffd);/i.test(latin) ||
    bytes.includes(Buffer.from([0xff, 0xfd])) || bytes.includes(Buffer.from([0xfd, 0xff]));
}

async function runOne(row: Row, bytes: Buffer): Promise<Outcome> {
  try {
    const contentType = headerContentType(bytes);
    const feed = await readFeed(bytes, { url: `http://example.com/${row.file}`, feedId: 'bench', ...(contentType ? { contentType } : {}) });
    const mojibake = JSON.stringify(feed).includes('\ufffd') && !sourceHasReplacement(bytes);
    return { kind: 'parsed', items: feed.items.length, mojibake };
  } catch (err) {
    if (err instanceof FeedParseError) return { kind: 'failed', message: err.message };
    return { kind: 'crashed', message: String(err) };
  }
}

/**
 * rss-parser alone against readFeed on the realworld files. The rounds alternate between the
 * two; the fastest round of each is the figure (interference from other processes only ever
 * adds time), with the median beside it.
 */
async function timeRealworld(rows: Row[]): Promise<void> {
  const files = rows.filter((r) => r.category === 'realworld').map((r) => readFileSync(join(CORPUS, r.file)));
  const mb = files.reduce((n, b) => n + b.length, 0) / 1e6;
  const parser = new Parser({ defaultRSS: 2 });
  const rssParser = (b: Buffer) => parser.parseString(b.toString('utf8'));
  const ours = (b: Buffer) => readFeed(b, { url: 'http://example.com/feed', feedId: 'bench' });
  const once = async (fn: (b: Buffer) => Promise<unknown>): Promise<number> => {
    const t0 = performance.now();
    for (const b of files) await fn(b).catch(() => undefined);
    return performance.now() - t0;
  };
  await once(rssParser);
  await once(ours);
  const rounds = 15;
  const rss: number[] = [];
  const mine: number[] = [];
  for (let i = 0; i < rounds; i++) {
    rss.push(await once(rssParser));
    mine.push(await once(ours));
  }
  const min = (xs: number[]) => Math.min(...xs);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const line = (name: string, xs: number[]) =>
    `  ${name.padEnd(35)} ${min(xs).toFixed(1)} ms  ${(mb / (min(xs) / 1000)).toFixed(1)} MB/s  (median ${median(xs).toFixed(1)} ms)`;
  console.log(`speed (realworld, ${files.length} files, ${mb.toFixed(2)} MB, fastest of ${rounds} alternating rounds):`);
  console.log(line('rss-parser alone:', rss));
  console.log(line('readFeed (decode+parse+normalize):', mine));
  console.log(`  readFeed / rss-parser: ${(min(mine) / min(rss)).toFixed(2)}x (limit 1.5x; medians ${(median(mine) / median(rss)).toFixed(2)}x)`);
}

async function main(): Promise<void> {
  if (!existsSync(join(CORPUS, 'manifest.tsv'))) {
    console.log(`bench/feeds: no corpus at ${CORPUS}; nothing to measure`);
    return;
  }
  const rows = readManifest();
  const tally = { parsed: 0, rejectedNonFeed: 0, failed: 0, crashed: 0, mismatch: 0, mojibake: 0 };
  const byCategory = new Map<string, { total: number; ok: number }>();
  const t0 = performance.now();
  for (const row of rows) {
    const bytes = readFileSync(join(CORPUS, row.file));
    const out = await runOne(row, bytes);
    const ok = out.kind === 'parsed' || (out.kind === 'failed' && isNotAFeed(row));
    const cat = byCategory.get(row.category) ?? { total: 0, ok: 0 };
    cat.total += 1;
    cat.ok += ok ? 1 : 0;
    byCategory.set(row.category, cat);
    if (out.kind === 'parsed') {
      tally.parsed += 1;
      if (out.mojibake) { tally.mojibake += 1; if (verbose) console.log(`MOJIBAKE ${row.file}`); }
      if (row.expectedItems !== undefined && row.expectedItems !== out.items) {
        tally.mismatch += 1;
        console.log(`  item count ${out.items} != expected ${row.expectedItems}: ${row.file}`);
      }
    } else if (out.kind === 'failed' && isNotAFeed(row)) tally.rejectedNonFeed += 1;
    else if (out.kind === 'failed') { tally.failed += 1; if (verbose) console.log(`FAILED ${row.file}: ${out.message}`); }
    else { tally.crashed += 1; console.log(`CRASHED ${row.file}: ${out.message}`); }
  }
  const elapsed = performance.now() - t0;
  const n = rows.length;
  const good = tally.parsed + tally.rejectedNonFeed;
  console.log(`files: ${n}, in ${(elapsed / 1000).toFixed(2)} s`);
  console.log(`parsed: ${tally.parsed}; non-feeds rejected with a clean error: ${tally.rejectedNonFeed}; correct: ${good} (${((100 * good) / n).toFixed(1)}%)`);
  console.log(`failed with a clean error: ${tally.failed}`);
  console.log(`crashed: ${tally.crashed}`);
  console.log(`item-count mismatches: ${tally.mismatch}`);
  console.log(`mojibake (U+FFFD not in source): ${tally.mojibake}`);
  for (const [cat, c] of [...byCategory].sort()) console.log(`  ${cat}: ${c.ok}/${c.total}`);
  await timeRealworld(rows);
}

await main();
