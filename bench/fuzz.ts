/**
 * A longer seeded fuzz run than the suite's (test/hostile/fuzz.test.ts), over the same
 * machinery: mutated feeds, pages and watch-list queries built from the project's fixtures.
 * Prints what it tried: trials per mutation kind, refusals per error class and message,
 * the slowest inputs, and every outcome that breaks the rules (a crash, a foreign error, a
 * message without its stage, an input still running after --hang-seconds). Exits 1 when
 * there is one. Each stage runs in a worker thread, cut off and restarted past an input that
 * hangs.
 *
 *   node --import tsx bench/fuzz.ts [--seed N] [--count N per stage] [--max-chars N] [--hang-seconds S]
 */
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { loadCorpus, type MutationKind, type Stage, type Trial } from '../test/hostile/fuzz-kit.js';

const { values } = parseArgs({ options: {
  seed: { type: 'string' }, count: { type: 'string', default: '5000' }, 'max-chars': { type: 'string', default: String(2 * 1024 * 1024) },
  'hang-seconds': { type: 'string', default: '10' },
} });
const hangMs = Number(values['hang-seconds']) * 1000;
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

/** Each stage draws from its own sequence (seed + its index), so the stages do not mutate in lockstep. */
/** Workers do not inherit --import tsx: the worker registers tsx itself, then loads its TypeScript. */
const WORKER_BOOT = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(new URL('./fuzz-worker.ts', import.meta.url).href)}); });`;

type Started = { i: number; kinds: MutationKind[]; chars: number; head: string };

/** Runs trials `from`..count-1 of a stage in a worker; resolves with the index to go on from (count when done). */
function runStage(stage: Stage, from: number, onTrial: (t: Trial) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_BOOT, { eval: true, workerData: { stage, seed: seed + STAGES.indexOf(stage), count, from, maxChars } });
    let current: Started | undefined;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const hung = current!;
        onTrial({ stage, kinds: hung.kinds, chars: hung.chars, ms: hangMs, input: hung.head, refusedBy: 'hang', problem: `still running after ${hangMs / 1000} s` });
        void worker.terminate().then(() => resolve(hung.i + 1));
      }, hangMs);
    };
    worker.on('message', (m: { type: string } & Partial<Started> & { trial?: Trial }) => {
      if (m.type === 'start') { current = m as Started; arm(); }
      if (m.type === 'done') onTrial(m.trial!);
      if (m.type === 'end') { clearTimeout(timer); void worker.terminate().then(() => resolve(count)); }
    });
    worker.on('error', (err) => { clearTimeout(timer); reject(err); });
  });
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
  for (const stage of STAGES) {
    const started = performance.now();
    let refused = 0;
    const onTrial = (t: Trial) => {
      for (const k of t.kinds) bump(kinds, `${stage}: ${k}`);
      if (t.refusedBy) {
        refused++;
        bump(classes, `${stage}: ${t.refusedBy}`);
        bump(messages, `${stage}: ${shape(t.message ?? t.problem ?? '')}`);
      }
      if (t.problem) problems.push(t);
      slowest.push(t);
      slowest.sort((a, b) => b.ms - a.ms).splice(5);
    };
    for (let from = 0; from < count; ) from = await runStage(stage, from, onTrial);
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
