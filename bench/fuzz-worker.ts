/**
 * One stage's trials for bench/fuzz.ts, in a worker thread so that an input that hangs can
 * be cut off from outside: before each trial the worker says which one it starts, after it
 * what came out. Started at `from` after a hang, it replays the seed's inputs up to there.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadCorpus, nextInput, runInput, seeded, type Stage } from '../test/hostile/fuzz-kit.js';

const { stage, seed, count, from, maxChars } = workerData as { stage: Stage; seed: number; count: number; from: number; maxChars: number };
const corpus = loadCorpus();
const r = seeded(seed);
for (let i = 0; i < count; i++) {
  const input = nextInput(stage, r, corpus, maxChars);
  if (i < from) continue;
  parentPort!.postMessage({ type: 'start', i, kinds: input.kinds, chars: input.text.length, head: input.text.slice(0, 200) });
  const t = await runInput(stage, input, corpus);
  parentPort!.postMessage({ type: 'done', i, trial: { ...t, input: t.input.slice(0, 200) } });
}
parentPort!.postMessage({ type: 'end' });
