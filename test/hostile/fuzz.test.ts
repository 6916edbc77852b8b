/**
 * A seeded fuzz run in the suite: thousands of mutated feeds, pages and watch-list queries
 * built from the project's fixtures. None may crash, hang or be refused by anything but its
 * stage's own error with a one-line message that starts with the stage. bench/fuzz.ts runs
 * the same machinery longer and prints what it tried.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCorpus, seeded, trial, type Stage, type Trial } from './fuzz-kit.js';

const SEED = 20_261_120;
const COUNTS: Record<Stage, number> = { feeds: 1_500, pages: 1_000, queries: 1_500 };
/** Inputs are capped at 1 MB so that thousands run in seconds; the hostile suite goes to 10 MB. */
const MAX_CHARS = 1024 * 1024;
/** No single input may take longer than this (wall time, on a loaded machine). */
const HANG_MS = 5_000;

const corpus = loadCorpus();

for (const stage of Object.keys(COUNTS) as Stage[]) {
  test(`fuzz: ${COUNTS[stage]} mutated ${stage}, seed ${SEED}: no crash, no hang, clear refusals`, async () => {
    const r = seeded(SEED + stage.length);
    const problems: Trial[] = [];
    let refused = 0;
    let slowest: Trial | undefined;
    for (let i = 0; i < COUNTS[stage]; i++) {
      const t = await trial(stage, r, corpus, MAX_CHARS);
      if (t.problem) problems.push(t);
      if (t.refusedBy) refused++;
      if (!slowest || t.ms > slowest.ms) slowest = t;
    }
    const shown = problems.slice(0, 3).map((p) => `${p.kinds.join('+')} (${p.chars} chars): ${p.problem}`).join('\n');
    assert.equal(problems.length, 0, `${problems.length} bad outcomes, first:\n${shown}`);
    assert.ok(slowest!.ms < HANG_MS, `slowest ${stage} input took ${slowest!.ms.toFixed(0)} ms (${slowest!.kinds.join('+')}, ${slowest!.chars} chars)`);
    // The mutations must reach both outcomes, or the run tested less than it claims.
    assert.ok(refused > 0 && refused < COUNTS[stage], `${refused} of ${COUNTS[stage]} refused`);
  });
}

test('fuzz found it: a query nested thousands deep is a clear error, not a stack overflow', async () => {
  const { checkWatchlists } = await import('../../src/classify/index.js');
  for (const query of [`${'('.repeat(5_000)}libya${')'.repeat(5_000)}`, `libya AND ${'NOT '.repeat(5_000)}sirte`]) {
    const [problem] = checkWatchlists({ entities: {}, watchlists: { deep: { query, threshold: 0 } } } as never);
    assert.match(problem?.message ?? '', /^classify: parentheses and NOTs nested more than 100 deep$/);
  }
});

test('fuzz found it: V8\'s multi-line JSON.parse message comes out as one short line', async () => {
  const { readFeed } = await import('../../src/feeds/read-feed.js');
  await assert.rejects(readFeed(Buffer.from('{"items": [\n{"a": 1},\n  "s"\n,,]}'), { url: 'https://e.example/', feedId: 'f' }), (err: Error) => {
    assert.match(err.message, /^parse: not valid JSON \(/);
    assert.doesNotMatch(err.message, /\n/);
    return true;
  });
});
