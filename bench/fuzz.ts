/**
 * A longer seeded fuzz run than the suite's (test/hostile/fuzz.test.ts), over the same
 * machinery: mutated feeds, pages and watch-list queries built from the project's fixtures.
 * Prints what it tried: trials per mutation kind, refusals per error class and message,
 * the slowest inputs, and every outcome that breaks the rules (a crash, a foreign error, a
 * message without its stage). Exits 1 when there is one.
 *
 *   node --import tsx bench/fuzz.ts [--seed N] [--count N per stage] [--max-chars N]
 */
import { parseArgs } from 'node:util';
import { loadCorpus, seeded, trial, type Stage, type Trial } from '../test/hostile/fuzz-kit.js';

const { values } = parseArgs({ options: { seed: { type: 'string' }, count: { type: 'string', default: '5000' }, 'max-chars': { type: 'string', default: String(2 * 1024 * 1024) } } });
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
const count = Number(values.count);
const maxChars = Number(values['max-chars']);
const STAGES: Stage[] = ['feeds', 'pages', 'queries'];

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** A refusal message with its particulars (numbers, quoted text) blanked, so like refusals count together. */
function shape(message: string): string {
  return message.replace(/"[^"]*"|'[^']*'|\([^)]*\)|[@/]\S*/g, '…').replace(/\d+/g, 'N').slice(0, 90);
}

function table(title: string, map: Map<string, number>): void {
  console.log(`\n${title}`);
  for (const [key, n] of [...map].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(7)}  ${key}`);
}

async function main(): Promise<void> {
  const corpus = loadCorpus();
  console.log(`fuzz: seed ${seed}, ${count} trials per stage, inputs up to ${maxChars} characters`);
  console.log(`corpus: ${corpus.feeds.length} feeds, ${corpus.pages.length} pages, ${corpus.queries.length} queries (test/fixtures, config/watchlists.yaml)`);
  const kinds = new Map<string, number>();
  const classes = new Map<string, number>();
  const messages = new Map<string, number>();
  const slowest: Trial[] = [];
  const problems: Trial[] = [];
  const r = seeded(seed);
  for (const stage of STAGES) {
    const started = performance.now();
    let refused = 0;
    for (let i = 0; i < count; i++) {
      const t = await trial(stage, r, corpus, maxChars);
      for (const k of t.kinds) bump(kinds, `${stage}: ${k}`);
      if (t.refusedBy) {
        refused++;
        bump(classes, `${stage}: ${t.refusedBy}`);
        bump(messages, `${stage}: ${shape(t.message ?? '')}`);
      }
      if (t.problem) problems.push(t);
      slowest.push(t);
      slowest.sort((a, b) => b.ms - a.ms).splice(5);
    }
    console.log(`${stage}: ${count} trials in ${((performance.now() - started) / 1000).toFixed(1)} s, ${count - refused} read, ${refused} refused`);
  }
  table('trials per mutation kind (a trial applies one to three)', kinds);
  table('refusals per error class', classes);
  table('refusals per message', messages);
  console.log('\nslowest inputs');
  for (const t of slowest) console.log(`  ${t.ms.toFixed(1).padStart(8)} ms  ${t.stage} ${t.kinds.join('+')}, ${t.chars} chars: ${JSON.stringify(t.input.slice(0, 70))}`);
  console.log(`\n${problems.length} outcomes broke the rules`);
  for (const t of problems.slice(0, 20)) console.log(`  ${t.stage} ${t.kinds.join('+')} (${t.chars} chars): ${t.problem}`);
  process.exitCode = problems.length ? 1 : 0;
}

await main();
