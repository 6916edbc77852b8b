/**
 * bench/conll-classify: the CoNLL-2003 check exactly as an outside harness runs it, through
 * the command line. Each document of a CoNLL file becomes a text file whose first sentence is
 * the title line (tokens joined by single spaces); `wirewatch classify --json` reads them all,
 * and the entities' mention offsets are mapped back to tokens and scored: exact spans,
 * person/org/place, MISC gold spans dropped and predictions overlapping one not counted.
 *
 *   node --import tsx bench/conll-classify.ts [FILE] [--layout lines|paragraph] [--config DIR]
 *
 * FILE defaults to ../shared/corpora/ner/eng.testa. Without --config it runs twice: with the
 * shipped config/ (its watch-list entities take precedence over the recognizer) and with a
 * config that declares no entities (the recognizer alone).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(import.meta.dirname, '..');
const TYPES = ['PER', 'ORG', 'LOC'] as const;
const FROM_CLI: Record<string, string> = { person: 'PER', org: 'ORG', place: 'LOC' };

interface Span { start: number; end: number; type: string }
interface Doc { sentences: string[][]; gold: Span[]; misc: Span[] }
interface Built { text: string; tokenStart: Map<number, number>; tokenEnd: Map<number, number>; titleLength: number }

/** Documents of a CoNLL file; spans are token ranges [start, end) over the document's tokens. */
function readConll(path: string): Doc[] {
  const docs: Doc[] = [];
  let doc: Doc = { sentences: [], gold: [], misc: [] };
  let sentence: string[] = [];
  let offset = 0;
  let open: Span | undefined;
  const closeSpan = () => {
    if (open) (open.type === 'MISC' ? doc.misc : doc.gold).push(open);
    open = undefined;
  };
  const endSentence = () => {
    closeSpan();
    if (sentence.length > 0) doc.sentences.push(sentence);
    sentence = [];
  };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const cols = line.trim().split(' ');
    if (cols[0] === '-DOCSTART-') {
      endSentence();
      if (doc.sentences.length > 0) docs.push(doc);
      doc = { sentences: [], gold: [], misc: [] };
      offset = 0;
      continue;
    }
    if (line.trim() === '') { endSentence(); continue; }
    const tag = cols[cols.length - 1]!;
    const type = tag === 'O' ? '' : tag.slice(2);
    if (!type || tag.startsWith('B-') || open?.type !== type) closeSpan();
    if (type) {
      if (!open) open = { start: offset, end: offset + 1, type };
      else open.end = offset + 1;
    }
    sentence.push(cols[0]!);
    offset++;
  }
  endSentence();
  if (doc.sentences.length > 0) docs.push(doc);
  return docs;
}

/** The document's text with the first sentence as its title line, and where each token lies. */
function buildText(doc: Doc, layout: string): Built {
  let text = '';
  let index = 0;
  const tokenStart = new Map<number, number>();
  const tokenEnd = new Map<number, number>();
  doc.sentences.forEach((sentence, s) => {
    if (s === 1) text += '\n';
    else if (s > 1) text += layout === 'lines' ? '\n' : ' ';
    sentence.forEach((token, k) => {
      if (k > 0) text += ' ';
      tokenStart.set(text.length, index);
      text += token;
      tokenEnd.set(text.length, index + 1);
      index++;
    });
  });
  const cut = text.indexOf('\n');
  return { text: text + '\n', tokenStart, tokenEnd, titleLength: cut < 0 ? text.length : cut };
}

interface Counts { tp: number; fp: number; fn: number }

function minimalConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ww-conll-config-'));
  writeFileSync(join(dir, 'feeds.yaml'), 'feeds: []\n');
  writeFileSync(join(dir, 'watchlists.yaml'), "watchlists:\n  anything: { query: 'the' }\n");
  writeFileSync(join(dir, 'digests.yaml'), 'channels: {}\ndigests: {}\n');
  return dir;
}

/** Predicted token spans of one document from classify's JSON line. */
function predictedSpans(result: any, built: Built): { spans: Span[]; offGrid: number } {
  const spans = new Map<string, Span>();
  let offGrid = 0;
  for (const entity of result.entities ?? []) {
    const type = FROM_CLI[entity.type];
    if (!type) continue;
    for (const m of entity.mentions ?? []) {
      const base = m.field === 'title' ? 0 : built.titleLength + 1;
      const s = built.tokenStart.get(base + m.start);
      const e = built.tokenEnd.get(base + m.end);
      if (s === undefined || e === undefined) { offGrid++; continue; }
      spans.set(`${s}:${e}:${type}`, { start: s, end: e, type });
    }
  }
  return { spans: [...spans.values()], offGrid };
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

function score(docs: Doc[], results: any[], builts: Built[]): { counts: Map<string, Counts>; offGrid: number } {
  const counts = new Map(TYPES.map((t) => [t as string, { tp: 0, fp: 0, fn: 0 }]));
  let offGrid = 0;
  docs.forEach((doc, i) => {
    const { spans, offGrid: off } = predictedSpans(results[i], builts[i]!);
    offGrid += off;
    const gold = new Set(doc.gold.map((g) => `${g.start}:${g.end}:${g.type}`));
    const found = new Set<string>();
    for (const p of spans) {
      const key = `${p.start}:${p.end}:${p.type}`;
      if (gold.has(key)) { counts.get(p.type)!.tp++; found.add(key); } else if (!doc.misc.some((m) => overlaps(m, p))) counts.get(p.type)!.fp++;
    }
    for (const g of doc.gold) if (!found.has(`${g.start}:${g.end}:${g.type}`)) counts.get(g.type)!.fn++;
  });
  return { counts, offGrid };
}

function f1(c: Counts): string {
  const p = c.tp / (c.tp + c.fp || 1), r = c.tp / (c.tp + c.fn || 1);
  return `P ${p.toFixed(3)} R ${r.toFixed(3)} F1 ${(2 * p * r / (p + r || 1)).toFixed(3)}`;
}

function run(file: string, layout: string, configDir: string, label: string): void {
  const docs = readConll(file);
  const dir = mkdtempSync(join(tmpdir(), 'ww-conll-'));
  const builts = docs.map((d) => buildText(d, layout));
  const paths = builts.map((b, i) => {
    const path = join(dir, `${String(i).padStart(4, '0')}.txt`);
    writeFileSync(path, b.text);
    return path;
  });
  const t0 = Date.now();
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), 'classify', '--json', '--config', configDir, ...paths], {
    cwd: ROOT, maxBuffer: 1 << 30, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  const seconds = (Date.now() - t0) / 1000;
  const results = out.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  rmSync(dir, { recursive: true, force: true });
  if (results.length !== docs.length) throw new Error(`conll: ${results.length} results for ${docs.length} documents`);
  const { counts, offGrid } = score(docs, results, builts);
  const all = [...counts.values()].reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  console.log(`${label}, layout ${layout}: ${docs.length} documents, classify took ${seconds.toFixed(1)} s`);
  for (const t of TYPES) console.log(`  ${t}   ${f1(counts.get(t)!)}`);
  console.log(`  micro ${f1(all)}${offGrid ? `  (${offGrid} mentions off token boundaries)` : ''}`);
}

function main(): void {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { layout: { type: 'string' }, config: { type: 'string' } } });
  const file = positionals[0] ?? join(ROOT, '..', 'shared', 'corpora', 'ner', 'eng.testa');
  if (!existsSync(file)) {
    console.log(`conll-classify: ${file} is absent; skipped`);
    return;
  }
  const layouts = values.layout ? [values.layout] : ['lines', 'paragraph'];
  const configs = values.config ? [[values.config, values.config]] : [[join(ROOT, 'config'), 'shipped config'], [minimalConfig(), 'no watch-list entities']];
  for (const [dir, label] of configs) for (const layout of layouts) run(file, layout, dir!, label!);
}

mkdirSync(tmpdir(), { recursive: true });
main();
