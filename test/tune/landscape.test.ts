import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bestF1Threshold, buildLandscape, precisionThreshold } from '../../src/tune/landscape.js';
import type { ScoredCase } from '../../src/tune/types.js';
import { runCli } from '../helpers/cli.js';
import { writeConfigDir } from '../helpers/config.js';

const pos = (id: string, score: number, queryMatched = true): ScoredCase => ({ caseId: id, positive: true, queryMatched, score });
const neg = (id: string, score: number, queryMatched = true): ScoredCase => ({ caseId: id, positive: false, queryMatched, score });

// Thresholds 1..5 give F1 .625, .714, .727, .5, .286; precision reaches 0.9 from 4 on.
const CASES = [pos('p2', 2), pos('p3a', 3), pos('p3b', 3), pos('p4', 4), pos('p5', 5), pos('p-unmatched', 0, false),
  neg('n1a', 1), neg('n1b', 1), neg('n2a', 2), neg('n2b', 2), neg('n3', 3), neg('n-excluded', 4, false)];

test('the F1-best threshold, the precision >= 0.9 one, and what each would change', () => {
  const l = buildLandscape('w', 0, CASES);
  assert.equal(l.bestF1.threshold, 3);
  assert.equal(l.bestF1.figures.f1.toFixed(3), '0.727');
  assert.deepEqual(l.bestF1.hitsLost, ['p2']);
  assert.deepEqual(l.bestF1.falseAlarmsRemoved, ['n1a', 'n1b', 'n2a', 'n2b']);
  assert.deepEqual([l.bestF1.hitsGained, l.bestF1.falseAlarmsAdded], [[], []]);
  assert.equal(l.precisionTarget?.threshold, 4, 'best recall with precision >= 0.9');
  assert.equal(l.precisionTarget?.figures.precision, 1);
  assert.equal(l.current.f1.toFixed(3), '0.625');
  assert.deepEqual(l.queryUnmatched, { must: 1, mustNot: 1 }, 'a case the query excluded counts whatever its score');
  assert.deepEqual(l.histogram.map((b) => [b.from, b.must, b.mustNot]), [[1, 0, 2], [2, 1, 2], [3, 2, 1], [4, 1, 0], [5, 1, 0]]);
});

test('from a high threshold, lowering it gains hits and adds false alarms', () => {
  const l = buildLandscape('w', 5, CASES);
  assert.equal(l.bestF1.threshold, 3);
  assert.deepEqual(l.bestF1.hitsGained, ['p3a', 'p3b', 'p4']);
  assert.deepEqual(l.bestF1.falseAlarmsAdded, ['n3']);
});

test('of thresholds with equal F1 the one closest to the current wins; none when precision 0.9 is out of reach', () => {
  // t=2 and t=4 give F1 0.5 both (t=2: TP 2, FP 2; t=4: TP 1, FN 1); t=3 and t=4 give the same flags from current 3.
  const flat = [pos('a', 2), pos('b', 4), neg('c', 3), neg('d', 3)];
  assert.equal(bestF1Threshold(flat, 5), 4);
  assert.equal(bestF1Threshold(flat, 1), 1, 'the current threshold is as good: keep it');
  assert.equal(bestF1Threshold([pos('a', 4), neg('c', 2)], 3), 3);
  assert.equal(precisionThreshold(flat, 0), 4);
  assert.equal(precisionThreshold([pos('a', 1), neg('b', 2)], 0), null);
  assert.equal(buildLandscape('w', 0, [pos('a', 1), neg('b', 2)]).precisionTarget, null);
});

test('wide or fractional scores fall in at most 12 bins, every case counted once', () => {
  const wide = Array.from({ length: 40 }, (_, i) => (i % 2 ? pos(`p${i}`, i * 2.5) : neg(`n${i}`, i * 2.5)));
  const l = buildLandscape('w', 10, wide);
  assert.ok(l.histogram.length <= 12);
  assert.equal(l.histogram.reduce((n, b) => n + b.must + b.mustNot, 0), 40);
});

test('backtest prints the landscape in text and --json', async () => {
  const dir = writeConfigDir({ watchlists: `watchlists:
  tides:
    query: 'tide OR flood OR surge'
    threshold: 1
` });
  const cases = join(mkdtempSync(join(tmpdir(), 'ww-landscape-')), 'cases.yaml');
  writeFileSync(cases, `cases:
  - { id: p1, text: "Storm surge floods the quay\\nThe surge and the high tide flooded the old quay.", must: [tides] }
  - { id: p2, text: "Flood barrier closed\\nThe barrier closed against a spring tide and a storm surge.", must: [tides] }
  - { id: g8ef8ce0c3fa46345ad3f5bd9e464a67d, text: "A flood of letters\\nReaders sent a flood of letters about the new bus routes.", mustNot: [tides] }
  - { id: n2, text: "Opera review\\nThe tenor sang well; the orchestra was a little slow.", mustNot: [tides] }
`);
  const r = await runCli(['backtest', '--config', dir, cases]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /score landscape of tides \(threshold 1; P 0\.67 R 1\.00 F1 0\.80\)/);
  assert.match(r.stdout, /best F1 at threshold 2: P 1\.00 R 1\.00 F1 1\.00; -1 false alarms \("A flood of letters" \(g8ef8ce0c3fa46345ad3f5bd9e464a67d\)\)/);
  assert.match(r.stdout, /FALSE ALARM "A flood of letters" \(g8ef8ce0c3fa46345ad3f5bd9e464a67d\) on tides/);
  assert.match(r.stdout, /query did not match: 0 must, 1 mustNot/);
  const json = await runCli(['backtest', '--json', '--config', dir, cases]);
  const line = json.stdout.trim().split('\n').map((l) => JSON.parse(l)).find((l) => l.type === 'watchlist');
  assert.equal(line.landscape.bestF1.threshold, 2);
  assert.deepEqual(line.landscape.bestF1.falseAlarmsRemoved, ['g8ef8ce0c3fa46345ad3f5bd9e464a67d'], 'JSON keeps the ids');
  assert.equal(line.landscape.precisionTarget.threshold, 2);
});
