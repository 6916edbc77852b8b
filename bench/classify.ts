/**
 * bench/classify: articles/s and MB/s of classifyItem for 10, 100 and 1,000 watch-lists of
 * 20 terms each, over 1,000+ deterministic synthetic articles (plus ../shared/samples/news
 * when present), next to the naive way (one case-insensitive RegExp per term) in the same run.
 *
 *   node --import tsx bench/classify.ts [--articles N] [--naive-seconds S] [--runs R]
 *
 * Figures are CPU time of this process; wirewatch and tokenize figures are the best of R passes
 * (default 5) over all the articles, the naive one a single pass of up to S seconds.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { watchlistsFileSchema } from '../src/config/schema.js';
import { classifyItem, compileWatchlists } from '../src/classify/index.js';
import { tokenizeText } from '../src/classify/tokenize/normalize.js';
import { prng as rng } from '../src/prng.js';
import type { ClassifyInput } from '../src/types.js';

/** The project's one seeded generator, under the name the benches use. */
export { rng };


const SYLLABLES = ['ka', 'li', 'bra', 'to', 'mes', 'an', 'ri', 'sol', 'de', 'nu', 'vor', 'te', 'gal', 'mi', 'os', 'tra', 'el', 'pun', 'ser', 'ho'];

export function makeVocabulary(rand: () => number, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const n = 1 + Math.floor(rand() * 4);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    words.add(w);
  }
  return [...words];
}

/** Zipf-like pick: a few words are very common, most are rare, as in news text. */
function pickWord(rand: () => number, vocab: string[]): string {
  return vocab[Math.floor(vocab.length * Math.pow(rand(), 4))]!;
}

export function makeArticle(rand: () => number, vocab: string[], words: number): ClassifyInput {
  const parts: string[] = [];
  for (let i = 0; i < words; i++) {
    let w = pickWord(rand, vocab);
    if (rand() < 0.12) w = w[0]!.toUpperCase() + w.slice(1);
    parts.push(w);
    const r = rand();
    if (r < 0.06) parts.push('.');
    else if (r < 0.1) parts.push(',');
    if (r < 0.008) parts.push('\n\n');
  }
  const body = parts.join(' ').replace(/ ([.,])/g, '$1');
  const title = Array.from({ length: 9 }, () => pickWord(rand, vocab)).join(' ');
  return { title, body };
}

function makeTerm(rand: () => number, vocab: string[]): string {
  // Terms come from the less common half of the vocabulary, as real watch-list terms do.
  const word = () => vocab[Math.floor(vocab.length * (0.3 + 0.7 * rand()))]!;
  const r = rand();
  if (r < 0.2) return `"${word()} ${word()}"`;
  if (r < 0.3) { const w = word(); return w.length >= 7 ? `${w}*` : w; }
  return word();
}

export function makeWatchlists(count: number, vocab: string[]): Record<string, { query: string }> {
  const rand = rng(42);
  const out: Record<string, { query: string }> = {};
  for (let i = 0; i < count; i++) {
    const terms = Array.from({ length: 20 }, () => makeTerm(rand, vocab));
    out[`wl-${i}`] = { query: `(${terms.slice(0, 12).join(' OR ')}) AND (${terms.slice(12).join(' OR ')})` };
  }
  return out;
}

function loadSamples(): ClassifyInput[] {
  const dir = join(import.meta.dirname, '..', '..', 'shared', 'samples', 'news');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => {
    const [title, ...rest] = readFileSync(join(dir, f), 'utf8').split('\n');
    return { title: title ?? '', body: rest.join('\n') };
  });
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The naive matcher: every term of every watch-list is its own RegExp run on the whole text. */
function naiveCompile(lists: Record<string, { query: string }>): { groups: RegExp[][] }[] {
  return Object.values(lists).map(({ query }) => ({
    groups: query.split(') AND (').map((g) => g.replace(/[()]/g, '').split(' OR ').map((term) => {
      const t = term.replace(/"/g, '');
      const src = t.endsWith('*') ? `\\b${escapeRegex(t.slice(0, -1))}\\w*` : `\\b${escapeRegex(t).replace(/ /g, '\\s+')}\\b`;
      return new RegExp(src, 'i');
    })),
  }));
}

function naiveClassify(compiled: { groups: RegExp[][] }[], input: ClassifyInput): number {
  const text = `${input.title}\n${input.body}`;
  let flagged = 0;
  for (const wl of compiled) {
    // Every term is tested, as a matcher that reports hits must.
    const groupHit = wl.groups.map((g) => g.map((re) => re.test(text)).some(Boolean));
    if (groupHit.every(Boolean)) flagged++;
  }
  return flagged;
}

interface Rate { articles: number; seconds: number; bytes: number; flagged: number }

/** CPU seconds of this process: the machine is shared, and wall time would measure the neighbours. */
function cpuSeconds(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
}

function measure(articles: ClassifyInput[], seconds: number, run: (a: ClassifyInput) => number): Rate {
  const start = process.cpuUsage();
  let n = 0, bytes = 0, flagged = 0;
  while (n < articles.length && (n < 50 || cpuSeconds(start) < seconds)) {
    const a = articles[n++]!;
    bytes += Buffer.byteLength(a.title) + Buffer.byteLength(a.body);
    flagged += run(a);
  }
  return { articles: n, seconds: cpuSeconds(start), bytes, flagged };
}

/** Passes per figure, best kept: on a shared machine the slow runs measure the neighbours. */
let RUNS = 5;

function bestOf(runs: number, f: () => Rate): Rate {
  let best = f();
  for (let i = 1; i < runs; i++) {
    const r = f();
    if (r.articles / r.seconds > best.articles / best.seconds) best = r;
  }
  return best;
}

function fmt(r: Rate): string {
  const aps = r.articles / r.seconds;
  return `${aps.toFixed(0).padStart(7)} articles/s ${(r.bytes / r.seconds / 1e6).toFixed(1).padStart(7)} MB/s  (${r.articles} articles, ${r.flagged} flags)`;
}

/** The shipped config on the real sample articles: what one process of the pipeline does. */
function benchShipped(samples: ClassifyInput[]): void {
  const path = join(import.meta.dirname, '..', 'config', 'watchlists.yaml');
  if (samples.length === 0 || !existsSync(path)) return;
  const classifier = compileWatchlists(watchlistsFileSchema.parse(parse(readFileSync(path, 'utf8'))));
  const articles = Array.from({ length: 1000 }, (_, i) => samples[i % samples.length]!);
  const full = bestOf(RUNS, () => measure(articles, Infinity, (a) => classifyItem(classifier, a).matches.filter((m) => m.flagged).length));
  const matchOnly = bestOf(RUNS, () => measure(articles, Infinity, (a) => classifyItem(classifier, a, { recognize: false }).matches.filter((m) => m.flagged).length));
  console.log(`shipped config/watchlists.yaml (${classifier.watchlists.length} watch-lists) over the 5 sample articles x200`);
  console.log(`   wirewatch ${fmt(full)}   entity recognition included`);
  console.log(`   matching  ${fmt(matchOnly)}   { recognize: false }`);
}

function main(): void {
  const args = process.argv.slice(2);
  const nArticles = Number(args[args.indexOf('--articles') + 1] || 1000) || 1000;
  const naiveSeconds = Number(args[args.indexOf('--naive-seconds') + 1] || 8) || 8;
  if (args.includes('--runs')) RUNS = Math.max(1, Number(args[args.indexOf('--runs') + 1]) || RUNS);
  const rand = rng(7);
  const vocab = makeVocabulary(rand, 30_000);
  const articles = [...loadSamples(), ...Array.from({ length: nArticles }, () => makeArticle(rand, vocab, 700))];
  const mb = articles.reduce((s, a) => s + Buffer.byteLength(a.title) + Buffer.byteLength(a.body), 0) / 1e6;
  console.log(`bench/classify: ${articles.length} articles, ${mb.toFixed(2)} MB, ${(mb * 1e6 / articles.length / 1000).toFixed(1)} KB an article; node ${process.version}; CPU time, best of ${RUNS}`);
  benchShipped(loadSamples());
  // The floor every watch-list count shares: reading the text into tokens.
  const tokens = bestOf(RUNS, () => measure(articles, Infinity, (a) => {
    tokenizeText(a.title);
    tokenizeText(a.body);
    return 0;
  }));
  console.log(`   tokenize  ${fmt(tokens)}   tokenizeText of title and body alone`);
  for (const count of [10, 100, 1000]) {
    const lists = makeWatchlists(count, vocab);
    const t0 = performance.now();
    const classifier = compileWatchlists(watchlistsFileSchema.parse({ watchlists: lists }));
    const compileMs = performance.now() - t0;
    for (const a of articles.slice(0, 50)) classifyItem(classifier, a); // warm-up
    const ours = bestOf(RUNS, () => measure(articles, Infinity, (a) => classifyItem(classifier, a).matches.filter((m) => m.flagged).length));
    const matchOnly = bestOf(RUNS, () => measure(articles, Infinity, (a) => classifyItem(classifier, a, { recognize: false }).matches.filter((m) => m.flagged).length));
    const naive = naiveCompile(lists);
    const slow = measure(articles, naiveSeconds, (a) => naiveClassify(naive, a));
    console.log(`${String(count).padStart(5)} watch-lists (compile ${compileMs.toFixed(0)} ms)`);
    console.log(`   wirewatch ${fmt(ours)}   classifyItem, entity recognition included`);
    console.log(`   matching  ${fmt(matchOnly)}   classifyItem with { recognize: false }`);
    console.log(`   naive     ${fmt(slow)}   -> wirewatch is ${((ours.articles / ours.seconds) / (slow.articles / slow.seconds)).toFixed(1)}x`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
