/**
 * bench/tune: does `wirewatch suggest` turn first-draft watch-lists into good ones, judged on
 * texts it never saw? On ../shared/corpora/news (BBC News, five categories), the texts of each
 * category are split into halves A and B (alternate files by name). First-draft watch-lists
 * that miss most of their category learn from cases built from one half (must for the
 * category, mustNot for the others) through `suggest --apply`, one watch-list after the
 * other; then each is backtested on the other half before and after. All five categories,
 * both ways round, and with a second set of first drafts, so the method is tuned neither to
 * one half nor to one set of drafts.
 *
 *   node --import tsx bench/tune.ts
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { stringify } from 'yaml';
import { runBacktest, compileWatchlists, type BacktestCase } from '../src/classify/index.js';
import { main } from '../src/cli.js';
import { loadConfig } from '../src/config/load.js';

const CORPUS = join(import.meta.dirname, '..', '..', 'shared', 'corpora', 'news', 'bbc');

/** First drafts: a few obvious terms each, which miss most of their category. */
const DRAFTS: Record<string, string> = {
  tech: 'broadband OR "mobile phone"',
  business: 'shares OR profits',
  politics: '"prime minister" OR referendum',
  sport: 'football OR tennis',
  entertainment: 'album OR "box office"',
};
/** Other first drafts, one with AND, to see that the result does not hang on the draft. */
const OTHER_DRAFTS: Record<string, string> = {
  tech: 'software',
  business: '"stock market" OR economy',
  politics: 'election AND labour',
  sport: 'olympic* OR rugby',
  entertainment: 'film',
};

interface Doc { id: string; category: string; text: string }

function readHalves(): { a: Doc[]; b: Doc[] } {
  const a: Doc[] = [], b: Doc[] = [];
  for (const category of readdirSync(CORPUS).sort()) {
    readdirSync(join(CORPUS, category)).sort().forEach((f, i) => {
      const text = new TextDecoder('utf-8').decode(readFileSync(join(CORPUS, category, f))).replace(/\r\n?/g, '\n');
      (i % 2 === 0 ? a : b).push({ id: `${category}-${f.replace(/\.txt$/, '')}`, category, text });
    });
  }
  return { a, b };
}

function casesOf(docs: Doc[], lists: string[]): BacktestCase[] {
  return docs.map((d) => ({ id: d.id, text: d.text, must: lists.filter((l) => l === d.category), mustNot: lists.filter((l) => l !== d.category) }));
}

function configFolder(lists: string[], drafts: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ww-bench-tune-'));
  const watchlists = lists.map((l) => `  ${l}:\n    description: first draft for BBC ${l}\n    query: '${drafts[l]}'\n`).join('');
  writeFileSync(join(dir, 'watchlists.yaml'), `# first drafts\nwatchlists:\n${watchlists}`);
  writeFileSync(join(dir, 'feeds.yaml'), 'feeds: []\n');
  writeFileSync(join(dir, 'digests.yaml'), 'channels: {}\n');
  return dir;
}

async function cli(args: string[]): Promise<string> {
  const out = new PassThrough(), err = new PassThrough();
  let text = '', errors = '';
  out.on('data', (d) => { text += d; });
  err.on('data', (d) => { errors += d; });
  const code = await main(args, { stdout: out, stderr: err, stdin: new PassThrough(), env: process.env });
  if (code !== 0) throw new Error(`wirewatch ${args.join(' ')}: exit ${code}: ${errors}`);
  return text;
}

const f = (v: number | null) => (v === null ? ' n/a' : v.toFixed(2));

async function run(lists: string[], a: Doc[], b: Doc[], nameA: string, nameB: string, drafts = DRAFTS): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'ww-bench-tune-cases-'));
  const casesFile = join(work, 'half-a.yaml');
  writeFileSync(casesFile, stringify({ cases: casesOf(a, lists) }, { lineWidth: 0 }));
  const first = configFolder(lists, drafts);
  let dir = first;
  const info: Record<string, { terms: number; ms: number; heldOut: number; scoring: string }> = {};
  for (const [i, l] of lists.entries()) {
    const next = join(work, `config-${i + 1}`);
    const t0 = performance.now();
    const json = JSON.parse(await cli(['suggest', '--json', l, casesFile, '--config', dir, '--apply', next]));
    info[l] = { terms: json.terms.length, ms: performance.now() - t0, heldOut: json.heldOut.after.f1, scoring: json.scoring };
    dir = next;
  }
  const judged = casesOf(b, lists);
  const before = runBacktest(compileWatchlists(loadConfig(first).watchlists), judged);
  const after = runBacktest(compileWatchlists(loadConfig(dir).watchlists), judged);
  console.log(`\n${lists.length} watch-lists${drafts === DRAFTS ? '' : ' (other drafts)'}; suggest learned on half ${nameA} (${a.length} texts), judged on half ${nameB} (${b.length} texts)`);
  console.log(`${'watch-list'.padEnd(14)} ${`before on ${nameB}`.padEnd(20)} ${`after on ${nameB}`.padEnd(20)} F1 gain  terms  scoring  CV F1 on ${nameA}  suggest s`);
  for (const l of lists) {
    const x = before.watchlists.find((w) => w.watchlist === l)!, y = after.watchlists.find((w) => w.watchlist === l)!;
    const f1 = (w: typeof x) => (w.precision && w.recall ? (2 * w.precision * w.recall) / (w.precision + w.recall) : 0);
    console.log(`${l.padEnd(14)} P ${f(x.precision)} R ${f(x.recall)} F1 ${f(f1(x))}  P ${f(y.precision)} R ${f(y.recall)} F1 ${f(f1(y))}  ${(f1(y) - f1(x) >= 0 ? '+' : '') + (f1(y) - f1(x)).toFixed(2)}    ${String(info[l]!.terms).padStart(5)}  ${info[l]!.scoring.padEnd(7)}  ${info[l]!.heldOut.toFixed(2).padStart(10)}  ${(info[l]!.ms / 1000).toFixed(1).padStart(9)}`);
  }
  console.log(`the tuned watch-lists: ${join(dir, 'watchlists.yaml')}`);
}

if (!existsSync(CORPUS)) {
  console.log('bench/tune: ../shared/corpora/news is not here; nothing to measure');
} else {
  const { a, b } = readHalves();
  const five = ['business', 'entertainment', 'politics', 'sport', 'tech'];
  await run(five, a, b, 'A', 'B');
  // The other way round: another split of the same size, for the spread of the figures.
  await run(five, b, a, 'B', 'A');
  await run(five, a, b, 'A', 'B', OTHER_DRAFTS);
  await run(five, b, a, 'B', 'A', OTHER_DRAFTS);
}
