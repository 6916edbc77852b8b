/**
 * bench/ner-news: the recognizer on real news (BBC News 2004-2005 in ../shared/corpora/news/bbc,
 * first line the headline, then the body). Prints the most frequent names of each type and the
 * share of names that look wrong by simple checks, each with samples:
 *
 * - person-lower: a person whose name holds a lower-case word that is not a particle (bin, de...)
 * - person-title: a person whose name starts with a title (Mr, Mrs, Dr...), which should be left out
 * - common-word: a one-word name that news writes in lower case (capitalization prior 1-2: "Election")
 * - type-flip: a name (same text) given two types in one article (each name of the pair counts)
 *
 * BBC headlines are in sentence case; each is also given to the recognizer in Title Case ("Labour
 * Plans Maternity Pay Rise") and in capitals, as other feeds write them, and the names found there
 * holding a word the body writes only in lower case ("Plans") are counted against the names found
 * in all those headlines.
 *
 *   node --import tsx bench/ner-news.ts [--top N] [--samples N] [--recognizer MODULE]
 *
 * MODULE (default src/ner/index.ts) exports recognizeNames and capitalizationPrior, so an older
 * copy of the recognizer can be measured the same way.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { RecognizedName } from '../src/ner/index.js';
import { filesUnder } from '../src/ner/train/lexicon.js';

interface Recognizer {
  recognizeNames(doc: { title: string; body: string; lang?: string }): RecognizedName[] | null;
  capitalizationPrior(lowerWord: string): number | undefined;
}

const PARTICLES = new Set(['al', 'el', 'bin', 'ben', 'ibn', 'abu', 'bint', 'de', 'del', 'della', 'der', 'den', 'di', 'da', 'dos', 'das', 'do', 'du', 'la', 'le', 'van', 'von', 'ter', 'ten', 'y', 'e', 'zu', 'st', "o'", 'mac', 'bin-']);
const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'sir', 'dame', 'lord', 'lady', 'president', 'prime', 'minister', 'chancellor', 'secretary', 'senator', 'governor', 'general', 'colonel', 'judge', 'chairman', 'chief', 'mayor', 'king', 'queen', 'prince', 'princess']);
const CHECKS = ['person-lower', 'person-title', 'common-word', 'type-flip'] as const;
type Check = (typeof CHECKS)[number];

function words(text: string): string[] {
  return text.split(/[\s\u00a0]+/).filter(Boolean);
}

/** The words the article's body writes in lower case. */
function lowerWords(body: string): Set<string> {
  const out = new Set<string>();
  for (const m of body.matchAll(/(?<![\p{L}\p{N}'’-])\p{Ll}[\p{L}]*/gu)) out.add(m[0]);
  return out;
}

const SMALL = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'as']);

function titleCase(title: string): string {
  return title.replace(/\p{L}[\p{L}'’]*/gu, (w, at: number) => (at > 0 && SMALL.has(w) ? w : w[0]!.toUpperCase() + w.slice(1)));
}

/** Names found in a Title Case and an ALL CAPS form of the headline, and how many hold a word the body writes only in lower case. */
function headlineNames(rec: Recognizer, doc: { title: string; body: string }, lower: Set<string>, capital: Set<string>): [number, string[]] {
  let total = 0;
  const wrong: string[] = [];
  for (const title of [titleCase(doc.title), doc.title.toUpperCase()]) {
    for (const n of rec.recognizeNames({ title, body: doc.body, lang: 'en' }) ?? []) {
      if (n.field !== 'title' || n.type === 'misc') continue;
      total++;
      const folded = words(n.text).map((w) => w.toLowerCase());
      if (folded.some((f) => !SMALL.has(f) && lower.has(f) && !capital.has(f))) wrong.push(`${n.text} (${n.type})`);
    }
  }
  return [total, wrong];
}

/** The words the article's body writes with a capital (lower-cased), not counting a sentence's first word. */
function capitalWords(body: string): Set<string> {
  const out = new Set<string>();
  for (const m of body.matchAll(/(?<=[\p{L}\p{N},;:]\s+)\p{Lu}[\p{L}]*/gu)) out.add(m[0].toLowerCase());
  return out;
}

function checksOf(n: RecognizedName, doc: { title: string; body: string }, lower: Set<string>, rec: Recognizer, flips: Set<string>): Check[] {
  const out: Check[] = [];
  const ws = words(n.text);
  const folded = ws.map((w) => w.toLowerCase().replace(/[^\p{L}'-]/gu, ''));
  if (n.type === 'person' && ws.some((w, i) => i > 0 && /^\p{Ll}/u.test(w) && !PARTICLES.has(folded[i]!) && !folded[i]!.startsWith('al-') && !folded[i]!.startsWith('el-'))) out.push('person-lower');
  if (n.type === 'person' && ws.length > 1 && TITLES.has(folded[0]!.replace(/\.$/, ''))) out.push('person-title');
  if (folded.length === 1 && (rec.capitalizationPrior(folded[0]!) ?? 5) <= 2) out.push('common-word');
  if (flips.has(n.text)) out.push('type-flip');
  return out;
}

/** Names given more than one type (person/org/place) in one article. */
function flipped(names: RecognizedName[]): Set<string> {
  const types = new Map<string, Set<string>>();
  for (const n of names) if (n.type !== 'misc') types.set(n.text, (types.get(n.text) ?? new Set()).add(n.type));
  return new Set([...types].filter(([, t]) => t.size > 1).map(([text]) => text));
}

function articles(dir: string): { title: string; body: string; file: string }[] {
  return filesUnder(dir).filter((f) => f.endsWith('.txt')).map((f) => {
    const text = new TextDecoder('utf-8').decode(readFileSync(f)).replace(/\r\n?/g, '\n');
    const cut = text.indexOf('\n');
    return { title: cut < 0 ? text : text.slice(0, cut), body: cut < 0 ? '' : text.slice(cut + 1).replace(/^\n+/, ''), file: f };
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { top: { type: 'string' }, samples: { type: 'string' }, recognizer: { type: 'string' } } });
  const top = Number(values.top ?? 15), samples = Number(values.samples ?? 6);
  const dir = join(import.meta.dirname, '..', '..', 'shared', 'corpora', 'news', 'bbc');
  if (!existsSync(dir)) { console.log(`ner-news: ${dir} is absent; skipped`); return; }
  const module = values.recognizer ? resolve(values.recognizer) : join(import.meta.dirname, '..', 'src', 'ner', 'index.ts');
  const rec = (await import(pathToFileURL(module).href)) as Recognizer;
  const docs = articles(dir);
  const counts = new Map<string, number>();
  const flagged = new Map<Check, string[]>(CHECKS.map((c) => [c, []]));
  let total = 0, wrong = 0, headTotal = 0;
  const headWrong: string[] = [];
  for (const doc of docs) {
    const names = (rec.recognizeNames({ ...doc, lang: 'en' }) ?? []).filter((n) => n.type !== 'misc');
    const lower = lowerWords(doc.body), flips = flipped(names);
    const [ht, hw] = headlineNames(rec, doc, lower, capitalWords(doc.body));
    headTotal += ht;
    headWrong.push(...hw);
    for (const n of names) {
      total++;
      counts.set(`${n.type}\t${n.text}`, (counts.get(`${n.type}\t${n.text}`) ?? 0) + 1);
      const found = checksOf(n, doc, lower, rec, flips);
      if (found.length) wrong++;
      for (const c of found) flagged.get(c)!.push(`${n.text} (${n.type}; ${doc.file.split('/').slice(-2).join('/')})`);
    }
  }
  console.log(`ner-news: ${docs.length} BBC articles, ${total} person/org/place names (${module})`);
  for (const type of ['person', 'org', 'place']) {
    const best = [...counts].filter(([k]) => k.startsWith(type + '\t')).sort((a, b) => b[1] - a[1]).slice(0, top);
    console.log(`  top ${type}: ${best.map(([k, c]) => `${k.split('\t')[1]} ${c}`).join(', ')}`);
  }
  console.log(`  look wrong: ${wrong} of ${total} (${((100 * wrong) / total).toFixed(1)}%)`);
  for (const c of CHECKS) {
    const list = flagged.get(c)!;
    const seen = [...new Set(list)];
    console.log(`  ${c.padEnd(13)} ${String(list.length).padStart(5)} (${((100 * list.length) / total).toFixed(2)}%)  e.g. ${seen.slice(0, samples).join(' | ')}`);
  }
  console.log(`  headlines in Title Case and capitals: ${headTotal} names, ${headWrong.length} (${((100 * headWrong.length) / headTotal).toFixed(1)}%) hold a word the body writes only in lower case, e.g. ${headWrong.slice(0, samples).join(' | ')}`);
}

await main();
