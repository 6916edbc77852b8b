/**
 * Seeded fuzzing of the stages that read input from outside: feeds, pages and watch-list
 * queries, each built by mutating the project's own fixtures (test/fixtures, config/). The
 * suite runs a few thousand (test/hostile/fuzz.test.ts); bench/fuzz.ts runs many more and
 * prints what it tried. Every trial ends in a result or in a refusal by the stage's own error
 * class, with a one-line message that starts with the stage.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { checkWatchlists, classifyItem, compileWatchlists, QueryError } from '../../src/classify/index.js';
import type { WatchlistsFile } from '../../src/config/schema.js';
import { MAX_MESSAGE_CHARS } from '../../src/errors.js';
import { ExtractError } from '../../src/extract/errors.js';
import { extractArticle } from '../../src/extract/extract-article.js';
import { FeedParseError } from '../../src/feeds/feed-parse-error.js';
import { readFeed } from '../../src/feeds/read-feed.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** The fuzz run's generator: a seed replays the same inputs. */
export { prng as seeded } from '../helpers/prng.js';

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rand, list: readonly T[]) => list[int(r, list.length)]!;

/** Fragments that mean something to an XML, HTML or query parser: what a mutation inserts. */
const FEED_TOKENS = [
  '<!DOCTYPE rss [', '<!ENTITY e "x">', '<!ENTITY e "&e;&e;">', '&e;', ']>', '<![CDATA[', ']]>', '<!--', '-->', '&', '&amp;', '&#0;',
  '&#x110000;', '&nbsp;', '<', '>', '"', "'", '<item>', '</item>', '<entry>', '</channel>', 'xml:base="../"', '<?xml version="1.0" encoding="utf-16"?>',
  '\u0000', '\ufffe', '\ud800', '\ufeff', '<content type="xhtml"><div>', '{"items":[', '"version":"https://jsonfeed.org/version/1"', '</rss>', '<rss version="2.0">',
];
const HTML_TOKENS = [
  '<div>', '</div>', '<p>', '</x>', '<script>', '</script>', '<style>', '<!--', '-->', '<a', '>', '<table><tr><td>', '<article>', '<aside hidden>',
  '<meta charset="windows-1251">', '<script type="application/ld+json">{"@type":"NewsArticle","articleBody":"', '<div class="byline">,,,,', '<title>',
  '&amp;', '&#150;', '\u0000', '\ud800', '<br>', '<pre>', '<svg><title>', '<template>', '<noscript>', '<html lang="ru">',
];
const QUERY_TOKENS = [
  ' AND ', ' OR ', ' NOT ', '(', ')', '"', ' NEAR/5 ', ' NEAR/', '/', '/(\\w+\\s?)+:/i', '*', '@', '@ISIS', 'title:', 'body:', 'feed:', 'tag:',
  'person:', ' and ', ' near/3 ', '\\', '\u0000', 'é', 'İ', '𝔘', 'ab*', '"a b c"', '((((((((', '))))))))', '/a{1,99999}/', '/[/',
];

/** What one mutation did, for the bench's counts. */
export type MutationKind = 'flip' | 'insert' | 'delete' | 'duplicate' | 'repeat' | 'truncate' | 'splice' | 'nest' | 'controls';

const MUTATIONS: MutationKind[] = ['flip', 'insert', 'delete', 'duplicate', 'repeat', 'truncate', 'splice', 'nest', 'controls'];

function mutateOnce(text: string, kind: MutationKind, r: Rand, tokens: string[], others: string[]): string {
  const at = int(r, text.length + 1);
  switch (kind) {
    case 'flip': return text.slice(0, at) + String.fromCharCode(int(r, 0x3000)) + text.slice(at + 1);
    case 'insert': return text.slice(0, at) + pick(r, tokens) + text.slice(at);
    case 'delete': return text.slice(0, at) + text.slice(at + 1 + int(r, 200));
    case 'duplicate': {
      const from = int(r, text.length + 1);
      return text.slice(0, at) + text.slice(from, from + int(r, 2_000)) + text.slice(at);
    }
    case 'repeat': {
      // A short slice or a token repeated: the runs that make backtracking regexes slow.
      const unit = r() < 0.5 ? pick(r, tokens) : text.slice(at, at + 1 + int(r, 40)) || 'a';
      return text.slice(0, at) + unit.repeat(1 + int(r, 20_000)) + text.slice(at);
    }
    case 'truncate': return text.slice(0, at);
    case 'splice': {
      const other = pick(r, others);
      return text.slice(0, at) + other.slice(int(r, other.length + 1));
    }
    case 'nest': return text.slice(0, at) + pick(r, tokens).repeat(1 + int(r, 3_000)) + text.slice(at);
    case 'controls': return text.slice(0, at) + String.fromCharCode(int(r, 32)).repeat(1 + int(r, 50)) + text.slice(at);
  }
}

/** One to three mutations of `text`, capped at `maxChars`. */
export function mutate(text: string, r: Rand, tokens: string[], others: string[], maxChars: number): { text: string; kinds: MutationKind[] } {
  const kinds: MutationKind[] = [];
  let out = text;
  for (let i = 1 + int(r, 3); i > 0; i--) {
    const kind = pick(r, MUTATIONS);
    kinds.push(kind);
    out = mutateOnce(out, kind, r, tokens, others);
    if (out.length > maxChars) out = out.slice(0, maxChars);
  }
  return { text: out, kinds };
}

export interface Corpus {
  feeds: string[];
  pages: string[];
  queries: string[];
  watchlists: WatchlistsFile;
}

/** The project's own fixtures: feed files, fixture pages, and the shipped watch-lists. */
export function loadCorpus(): Corpus {
  const feedDir = join(ROOT, 'test', 'fixtures', 'feeds');
  const pageDir = join(ROOT, 'test', 'fixtures', 'pages');
  const feeds = readdirSync(feedDir).sort().map((f) => readFileSync(join(feedDir, f), 'utf8'));
  const pages = readdirSync(pageDir).sort().map((d) => readFileSync(join(pageDir, d, 'source.html'), 'latin1'));
  const shipped = parse(readFileSync(join(ROOT, 'config', 'watchlists.yaml'), 'utf8')) as { entities: WatchlistsFile['entities']; watchlists: Record<string, { query: string }> };
  const queries = Object.values(shipped.watchlists).map((w) => w.query);
  const entities = Object.fromEntries(Object.entries(shipped.entities).map(([name, e]) => [name, { type: e.type ?? 'other', aliases: e.aliases ?? [] }]));
  return { feeds, pages, queries, watchlists: { entities, watchlists: {} } as WatchlistsFile };
}

export type Stage = 'feeds' | 'pages' | 'queries';

export interface Trial {
  stage: Stage;
  kinds: MutationKind[];
  chars: number;
  ms: number;
  /** The error class's name when the input was refused. */
  refusedBy?: string;
  message?: string;
  /** Set when the outcome breaks the rules: a crash, a foreign error, a message without its stage. */
  problem?: string;
  input: string;
}

const EXPECTED: Record<Stage, { error: new (...args: never[]) => Error; prefix: string }> = {
  feeds: { error: FeedParseError, prefix: 'parse: ' },
  pages: { error: ExtractError, prefix: 'extract: ' },
  queries: { error: QueryError, prefix: 'classify: ' },
};

/** A clear refusal: the stage's own class, one line, the stage first, bounded, no "undefined" or "[object". */
function judge(stage: Stage, err: unknown): Pick<Trial, 'refusedBy' | 'message' | 'problem'> {
  const { error, prefix } = EXPECTED[stage];
  const message = err instanceof Error ? err.message : String(err);
  const name = err instanceof Error ? err.constructor.name : typeof err;
  if (!(err instanceof error)) return { refusedBy: name, message, problem: `${name} instead of ${error.name}: ${message}` };
  if (!message.startsWith(prefix) || message.includes('\n') || /undefined|\[object /.test(message) || message.length > MAX_MESSAGE_CHARS + 40) {
    return { refusedBy: name, message, problem: `unclear message: ${message.slice(0, 200)}` };
  }
  return { refusedBy: name, message };
}

const SAMPLE_TEXT = { title: 'Islamic State claims attack near Sirte', body: 'Fighters loyal to ISIS attacked a checkpoint south of Sirte, Libya. Weapons diverted from depots resurfaced.' };

async function runOne(stage: Stage, input: string, corpus: Corpus): Promise<void> {
  if (stage === 'feeds') {
    await readFeed(Buffer.from(input), { url: 'https://feeds.example.com/feed', feedId: 'fuzz' });
  } else if (stage === 'pages') {
    extractArticle(Buffer.from(input, 'latin1'), { url: 'https://news.example.com/a' });
  } else {
    const file = { ...corpus.watchlists, watchlists: { fuzz: { query: input, threshold: 0 } } } as WatchlistsFile;
    const [problem] = checkWatchlists(file);
    if (problem) throw problem;
    classifyItem(compileWatchlists(file), SAMPLE_TEXT);
  }
}

/** The next input of a stage: a fixture, mutated. Drawing it costs little, so a run can be replayed to any trial. */
export function nextInput(stage: Stage, r: Rand, corpus: Corpus, maxChars: number): { text: string; kinds: MutationKind[] } {
  const [pool, tokens] = stage === 'feeds' ? [corpus.feeds, FEED_TOKENS] : stage === 'pages' ? [corpus.pages, HTML_TOKENS] : [corpus.queries, QUERY_TOKENS];
  return mutate(pick(r, pool), r, tokens, pool, stage === 'queries' ? Math.min(maxChars, 4_000) : maxChars);
}

/** Mutates a fixture of the stage and runs it through, timing it and judging the outcome. */
export async function trial(stage: Stage, r: Rand, corpus: Corpus, maxChars: number): Promise<Trial> {
  return runInput(stage, nextInput(stage, r, corpus, maxChars), corpus);
}

/** Runs one input through its stage, timing it and judging the outcome. */
export async function runInput(stage: Stage, { text, kinds }: { text: string; kinds: MutationKind[] }, corpus: Corpus): Promise<Trial> {
  const started = performance.now();
  let verdict: Pick<Trial, 'refusedBy' | 'message' | 'problem'> = {};
  try {
    await runOne(stage, text, corpus);
  } catch (err) {
    verdict = judge(stage, err);
  }
  return { stage, kinds, chars: text.length, ms: performance.now() - started, input: text, ...verdict };
}
