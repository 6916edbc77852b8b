/**
 * bench/classify-identity: a fingerprint of everything classifyItem and the recognizer answer,
 * so a change made for speed can be shown to change no output. Hashes (sha256 of the JSON of
 * every result, entities with mentions and offsets, matches with hits, reasons and scores):
 *
 *   synthetic  the articles of bench/classify.ts (samples + 1,000 synthetic) against its 1,000
 *              generated watch-lists, full classifyItem; then the same pass again (a second
 *              pass meets warm caches and must answer the same)
 *   shipped    config/watchlists.yaml over the BBC texts (headline = first line) and the
 *              samples, full and with { recognize: false }
 *   testa      recognizeNames over CoNLL-2003 eng.testa in the three layouts of bench/ner.ts
 *
 *   node --import tsx bench/classify-identity.ts [--expect HASH]
 *
 * Prints one hash per part and one over all; with --expect, exits 1 unless the last matches.
 */
import { createHash, type Hash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { watchlistsFileSchema } from '../src/config/schema.js';
import { classifyItem, compileWatchlists, type Classifier } from '../src/classify/index.js';
import { recognizeNames } from '../src/ner/index.js';
import { layOut, readConll, type Layout } from '../src/ner/train/conll.js';
import { filesUnder } from '../src/ner/train/lexicon.js';
import type { ClassifyInput } from '../src/types.js';
import { makeArticle, makeVocabulary, makeWatchlists, rng } from './classify.js';

const SHARED = join(import.meta.dirname, '..', '..', 'shared');

function samples(): ClassifyInput[] {
  const dir = join(SHARED, 'samples', 'news');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => headlineFirst(readFileSync(join(dir, f), 'utf8')));
}

function headlineFirst(text: string): ClassifyInput {
  const [title, ...rest] = text.split('\n');
  return { title: title ?? '', body: rest.join('\n') };
}

function feed(hash: Hash, value: unknown): void {
  hash.update(JSON.stringify(value));
  hash.update('\n');
}

function classifyAll(hash: Hash, classifier: Classifier, articles: ClassifyInput[], recognize = true): void {
  for (const a of articles) feed(hash, classifyItem(classifier, a, { recognize }));
}

function synthetic(): string {
  const rand = rng(7);
  const vocab = makeVocabulary(rand, 30_000);
  const articles = [...samples(), ...Array.from({ length: 1000 }, () => makeArticle(rand, vocab, 700))];
  const classifier = compileWatchlists(watchlistsFileSchema.parse({ watchlists: makeWatchlists(1000, vocab) }));
  const first = createHash('sha256'), second = createHash('sha256');
  classifyAll(first, classifier, articles);
  classifyAll(second, classifier, articles);
  const a = first.digest('hex'), b = second.digest('hex');
  if (a !== b) throw new Error(`identity: the second synthetic pass answered differently (${a} / ${b})`);
  return a;
}

function shipped(): string {
  const path = join(import.meta.dirname, '..', 'config', 'watchlists.yaml');
  const classifier = compileWatchlists(watchlistsFileSchema.parse(parse(readFileSync(path, 'utf8'))));
  const bbc = join(SHARED, 'corpora', 'news', 'bbc');
  const news = existsSync(bbc) ? filesUnder(bbc).filter((f) => f.endsWith('.txt')).map((f) => headlineFirst(readFileSync(f, 'utf8'))) : [];
  const articles = [...news, ...samples()];
  const hash = createHash('sha256');
  classifyAll(hash, classifier, articles);
  classifyAll(hash, classifier, articles, false);
  return `${hash.digest('hex')} (${articles.length} articles)`;
}

function testa(): string {
  const path = join(SHARED, 'corpora', 'ner', 'eng.testa');
  if (!existsSync(path)) return 'absent';
  const docs = readConll(path);
  const hash = createHash('sha256');
  for (const layout of ['lines', 'paragraph', 'detok'] as Layout[]) {
    for (const d of docs) {
      const { title, body } = layOut(d, layout);
      feed(hash, recognizeNames({ title, body }));
    }
  }
  return `${hash.digest('hex')} (${docs.length} documents x 3 layouts)`;
}

function main(): void {
  const parts = { synthetic: synthetic(), shipped: shipped(), testa: testa() };
  for (const [name, h] of Object.entries(parts)) console.log(`${name.padEnd(10)} ${h}`);
  const all = createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  console.log(`all        ${all}`);
  const args = process.argv.slice(2);
  const expect = args.includes('--expect') ? args[args.indexOf('--expect') + 1] : undefined;
  if (expect !== undefined && expect !== all) {
    console.log(`identity: MISMATCH, expected ${expect}`);
    process.exitCode = 1;
  }
}

main();
