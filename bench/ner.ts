/**
 * bench/ner: precision, recall and F1 per type (exact spans) of the entity recognizer, and
 * milliseconds per 800-word article.
 *
 * No public news NER test set is obtainable here (no internet; no npm package ships
 * CoNLL-2003), so it runs on texts written for the project (test/fixtures/classify/ner):
 * heldout.txt, never used to tune the rules, and the five sample articles of
 * ../shared/samples/news (when present) with the gold names of samples-gold.yaml, which the
 * rules were developed on. Both are reported; neither is a public benchmark.
 *
 *   node --import tsx bench/ner.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { tokenizeText } from '../src/classify/normalize.js';
import { recognizeEntities } from '../src/classify/recognize.js';
import type { FieldMatch } from '../src/classify/match-text.js';

type Span = { start: number; end: number; type: string };
const TYPES = ['person', 'org', 'place'];
const GOLD_TYPE: Record<string, string> = { PER: 'person', ORG: 'org', LOC: 'place' };
const FIXTURES = join(import.meta.dirname, '..', 'test', 'fixtures', 'classify', 'ner');
const SAMPLES = join(import.meta.dirname, '..', '..', 'shared', 'samples', 'news');

function field(name: 'title' | 'body', text: string): FieldMatch {
  return { name, tokens: tokenizeText(text), seqSpans: new Map() };
}

/** Predicted spans over a text whose first line is the title, offsets into the whole text. */
export function predict(text: string, withTitle: boolean): Span[] {
  const cut = withTitle ? text.indexOf('\n') : -1;
  const title = cut >= 0 ? text.slice(0, cut) : '';
  const body = cut >= 0 ? text.slice(cut + 1) : text;
  const out: Span[] = [];
  for (const e of recognizeEntities([field('title', title), field('body', body)])) {
    for (const m of e.mentions) {
      const base = m.field === 'title' ? 0 : cut + 1;
      out.push({ start: base + m.start, end: base + m.end, type: e.type });
    }
  }
  return out;
}

function parseInline(annotated: string): { text: string; gold: Span[] } {
  const gold: Span[] = [];
  let text = '';
  let last = 0;
  for (const m of annotated.matchAll(/\[(PER|ORG|LOC) ([^\]]+)\]/g)) {
    text += annotated.slice(last, m.index);
    gold.push({ start: text.length, end: text.length + m[2]!.length, type: GOLD_TYPE[m[1]!]! });
    text += m[2];
    last = m.index! + m[0].length;
  }
  return { text: text + annotated.slice(last), gold };
}

function goldFromNames(text: string, names: Record<string, string[]>): Span[] {
  const all = Object.entries(names).flatMap(([t, list]) => list.map((n) => ({ n, type: GOLD_TYPE[t]! })));
  all.sort((a, b) => b.n.length - a.n.length);
  const taken = new Uint8Array(text.length);
  const gold: Span[] = [];
  for (const { n, type } of all) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu');
    for (const m of text.matchAll(re)) {
      const s = m.index!, e = s + n.length;
      if (taken.subarray(s, e).some(Boolean)) continue;
      taken.fill(1, s, e);
      gold.push({ start: s, end: e, type });
    }
  }
  return gold;
}

interface Counts { tp: number; fp: number; fn: number }

function score(pred: Span[], gold: Span[], counts: Map<string, Counts>, misses: string[], text: string): void {
  const key = (s: Span) => `${s.start}:${s.end}:${s.type}`;
  const goldKeys = new Set(gold.map(key));
  const predKeys = new Set(pred.map(key));
  for (const p of pred) {
    const c = counts.get(p.type)!;
    if (goldKeys.has(key(p))) c.tp++; else { c.fp++; misses.push(`FP ${p.type} "${text.slice(p.start, p.end)}"`); }
  }
  for (const g of gold) if (!predKeys.has(key(g))) { counts.get(g.type)!.fn++; misses.push(`FN ${g.type} "${text.slice(g.start, g.end)}"`); }
}

function report(label: string, docs: { text: string; gold: Span[]; withTitle: boolean }[], verbose: boolean): void {
  const counts = new Map(TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  const misses: string[] = [];
  for (const d of docs) score(predict(d.text, d.withTitle), d.gold, counts, misses, d.text);
  const f = (c: Counts) => {
    const p = c.tp / (c.tp + c.fp || 1), r = c.tp / (c.tp + c.fn || 1);
    return `P ${p.toFixed(2)} R ${r.toFixed(2)} F1 ${(2 * p * r / (p + r || 1)).toFixed(2)}  (gold ${c.tp + c.fn})`;
  };
  const all = [...counts.values()].reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  console.log(`${label}: ${docs.length} texts`);
  for (const t of TYPES) console.log(`  ${t.padEnd(7)} ${f(counts.get(t)!)}`);
  console.log(`  micro   ${f(all)}`);
  if (verbose) for (const m of misses) console.log(`    ${m}`);
}

function timePerArticle(texts: string[]): void {
  const words = texts.join('\n\n').split(/\s+/);
  const articles: string[] = [];
  for (let i = 0; i < 200; i++) {
    const from = (i * 97) % Math.max(1, words.length - 800);
    articles.push(words.slice(from, from + 800).join(' '));
  }
  const fields = articles.map((a) => [field('title', ''), field('body', a)]);
  for (const f of fields) recognizeEntities(f); // warm-up
  const cpuMs = (run: () => void) => {
    const t0 = process.cpuUsage();
    for (let r = 0; r < 5; r++) run();
    const u = process.cpuUsage(t0);
    return (u.user + u.system) / 1000 / (5 * articles.length);
  };
  const recognizeOnly = cpuMs(() => { for (const f of fields) recognizeEntities(f); });
  const withTokens = cpuMs(() => { for (const a of articles) recognizeEntities([field('title', ''), field('body', a)]); });
  console.log(`speed: ${recognizeOnly.toFixed(3)} ms an 800-word article for recognition over the matcher's tokens; ${withTokens.toFixed(3)} ms with tokenizing (CPU time)`);
}

function main(): void {
  const verbose = process.argv.includes('--verbose');
  const texts: string[] = [];
  const load = (file: string) => readFileSync(join(FIXTURES, file), 'utf8').split(/\n\s*\n/).filter((p) => p.trim()).map(parseInline);
  const first = load('heldout.txt');
  const second = load('heldout2.txt');
  texts.push(...first.map((d) => d.text), ...second.map((d) => d.text));
  report('held-out A (heldout.txt; its errors were read once, after the first run; general fixes only)', first.map((d) => ({ ...d, withTitle: false })), verbose);
  report('held-out B (heldout2.txt; written before any tuning, its errors never read)', second.map((d) => ({ ...d, withTitle: false })), false);
  const both = [...first, ...second].map((d) => ({ ...d, withTitle: false }));
  report('held-out A+B', both, false);
  if (existsSync(SAMPLES)) {
    const gold = parse(readFileSync(join(FIXTURES, 'samples-gold.yaml'), 'utf8')) as Record<string, Record<string, string[]>>;
    const docs = Object.entries(gold).map(([file, names]) => {
      const text = readFileSync(join(SAMPLES, file), 'utf8');
      texts.push(text);
      return { text, gold: goldFromNames(text, names), withTitle: true };
    });
    report('sample articles (../shared/samples/news; the rules were developed on these)', docs, verbose);
  } else {
    console.log('sample articles: ../shared/samples/news is absent; skipped');
  }
  timePerArticle(texts);
}

main();
