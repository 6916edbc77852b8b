/**
 * bench/ner: the learned recognizer (src/ner) against today's rules, on CoNLL-2003 eng.testa
 * (../shared/corpora/ner, when present): exact spans, PER/ORG/LOC, MISC gold dropped and
 * predictions overlapping it not counted, predicted character offsets mapped back to CoNLL
 * tokens. Three layouts of each document (first sentence = title): body one sentence a line,
 * body sentences joined into one paragraph, and one sentence a line without the spaces a
 * writer would not type (before , . 's n't ), after ( and opening quotes). Then CPU milliseconds per 800-word article,
 * model size on disk and load time.
 *
 *   node --import tsx bench/ner.ts [--errors N]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recognizeByRules } from '../src/classify/entities/rules/recognize.js';
import { loadNerModel, recognizeNames, tokenize } from '../src/ner/index.js';
import { layOut, readConll, type ConllDoc, type Layout } from '../src/ner/train/conll.js';
import { evaluate, microF1, type Recognizer } from '../src/ner/train/evaluate.js';
import { filesUnder } from '../src/ner/train/lexicon.js';
import { formatTally, type Predicted } from '../src/ner/train/score.js';

const SHARED = join(import.meta.dirname, '..', '..', 'shared', 'corpora');
const LAYOUT_NAMES: Record<Layout, string> = { lines: 'one sentence a line', paragraph: 'body as one paragraph', detok: 'one sentence a line, written as a writer would (Libya\'s, (Germany))' };
const TYPE_CODE = { person: 'PER', org: 'ORG', place: 'LOC', misc: 'MISC' } as const;

const model: Recognizer = (title, body) =>
  (recognizeNames({ title, body, lang: 'en' }) ?? []).map((n) => ({ field: n.field === 'title' ? 0 : 1, start: n.start, end: n.end, type: TYPE_CODE[n.type] }));

const rules: Recognizer = (title, body) => {
  const out: Predicted[] = [];
  for (const n of recognizeByRules({ title, body }) ?? []) {
    if (n.type === 'misc') continue;
    out.push({ field: n.field === 'title' ? 0 : 1, start: n.start, end: n.end, type: TYPE_CODE[n.type] });
  }
  return out;
};

/** Share of CoNLL tokens the runtime tokenizer cuts exactly the same from the space-joined text. */
function tokenAgreement(docs: ConllDoc[]): number {
  let same = 0, all = 0;
  for (const d of docs) {
    const laid = layOut(d, 'lines');
    const cuts = [tokenize(laid.title), tokenize(laid.body)].map((t) => new Set(Array.from(t.starts, (s, k) => `${s}:${t.ends[k]}`)));
    for (const t of laid.tokens) { all++; if (cuts[t.field]!.has(`${t.start}:${t.end}`)) same++; }
  }
  return same / all;
}

function accuracy(dev: ConllDoc[]): void {
  console.log(`tokenizer: ${(100 * tokenAgreement(dev)).toFixed(2)}% of eng.testa tokens cut exactly as CoNLL cuts them`);
  for (const layout of ['lines', 'paragraph', 'detok'] as Layout[]) {
    for (const [name, rec] of [['model', model], ['rules (today)', rules]] as const) {
      const tally = evaluate(dev, layout, rec);
      console.log(formatTally(`eng.testa, ${LAYOUT_NAMES[layout]}, ${name}: micro F1 ${microF1(tally).toFixed(3)}`, tally));
    }
  }
}

/** 800-word articles cut from real news (BBC texts when present, else eng.testa laid out as paragraphs). */
function articles(dev: ConllDoc[]): string[] {
  const news = join(SHARED, 'news', 'bbc');
  const texts = existsSync(news) ? filesUnder(news).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(f, 'utf8'))
    : dev.map((d) => { const l = layOut(d, 'paragraph'); return `${l.title}\n${l.body}`; });
  const words = texts.join('\n').split(/[ \t]+/);
  const out: string[] = [];
  for (let i = 0; i < 300 && words.length > 800; i++) {
    const from = (i * 7919) % (words.length - 800);
    out.push(words.slice(from, from + 800).join(' '));
  }
  return out;
}

function speed(list: string[]): void {
  const docs = list.map((a) => { const cut = a.indexOf('\n'); return cut > 0 && cut < 200 ? { title: a.slice(0, cut), body: a.slice(cut + 1) } : { title: '', body: a }; });
  for (const d of docs.slice(0, 50)) recognizeNames(d);
  let best = Infinity;
  for (let pass = 0; pass < 3; pass++) {
    const t0 = process.cpuUsage();
    for (const d of docs) recognizeNames(d);
    const u = process.cpuUsage(t0);
    best = Math.min(best, (u.user + u.system) / 1000 / docs.length);
  }
  console.log(`speed: ${best.toFixed(3)} ms CPU an 800-word article (best of 3 passes over ${docs.length} articles, one core)`);
}

/** Load time in a fresh process: the decode of the file alone, and the first call all told. */
function loadTime(): void {
  const script = `import { loadNerModel, recognizeNames } from './src/ner/index.ts';
const t0 = performance.now(); const m = loadNerModel(); const t1 = performance.now();
recognizeNames({ title: 'Talks in Geneva', body: 'Ban Ki-moon met officials.' });
console.log(JSON.stringify({ load: m.loadMs, firstCall: performance.now() - t0, total: t1 - t0 }));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: join(import.meta.dirname, '..'), encoding: 'utf8' });
  const last = r.stdout.trim().split('\n').pop() ?? '{}';
  const t = JSON.parse(last) as { load: number; firstCall: number };
  console.log(`load: ${t.load.toFixed(0)} ms to read and decode the model in a fresh process; ${t.firstCall.toFixed(0)} ms to the end of the first recognition`);
}

function main(): void {
  const m = loadNerModel();
  console.log(`model: ${m.path.split('/').slice(-2).join('/')}, ${(m.bytes / 1e6).toFixed(2)} MB on disk, ${m.stages.map((s) => s.keys.length).join(' + ')} feature rows, gazetteer ${m.resources.gazetteer.size}, prior ${m.resources.prior.size} words`);
  loadTime();
  const devPath = join(SHARED, 'ner', 'eng.testa');
  const dev = existsSync(devPath) ? readConll(devPath) : [];
  if (dev.length) accuracy(dev);
  else console.log('eng.testa: ../shared/corpora/ner is absent; accuracy skipped');
  const list = articles(dev);
  if (list.length) speed(list);
  else console.log('speed: no corpus to cut 800-word articles from; skipped');
}

main();
