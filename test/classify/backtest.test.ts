import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { watchlistsFileSchema } from '../../src/config/schema.js';
import { ConfigError } from '../../src/errors.js';
import { compileWatchlists, parseBacktestCases, runBacktest } from '../../src/classify/index.js';
import { compileOne } from './helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');

test('precision, recall and a reason for every miss and false alarm', () => {
  const classifier = compileOne('@ISIS AND (@NorthAfrica OR Sinai) AND NOT "video game"', { weights: { '@ISIS': 2 }, threshold: 4 });
  const report = runBacktest(classifier, [
    { id: 'hit', text: 'ISIS in Libya\nDaesh fighters attacked Sirte.', must: ['w'] },
    { id: 'no-place', text: 'ISIS in Syria\nDaesh attacked Raqqa.', must: ['w'] },
    { id: 'game', text: 'A video game about ISIS\nIt is set in Libya, says Daesh.', mustNot: ['w'] },
    { id: 'low-score', title: 'Libya', text: 'One ISIS cell.', must: ['w'] },
    { id: 'false-alarm', text: 'ISIS ISIS\nLibya', mustNot: ['w'] },
  ]);
  const stats = report.watchlists[0]!;
  assert.deepEqual([stats.truePositives, stats.falseNegatives, stats.falsePositives, stats.trueNegatives], [1, 2, 1, 1]);
  assert.equal(stats.precision, 0.5);
  assert.equal(stats.recall, 1 / 3);
  assert.equal(report.passed, false);
  const reason = (id: string) => report.outcomes.find((o) => o.caseId === id)!.reason;
  assert.match(reason('no-place'), /nothing found for \(@NorthAfrica OR Sinai\)/);
  assert.match(reason('game'), /excluded "video game" was found/);
  assert.match(reason('low-score'), /score 2 below threshold 4/);
  assert.match(reason('false-alarm'), /^flagged by @ISIS x2 \(\+4\), @NorthAfrica: "Libya" \(score 4 >= 4\)/);
  assert.deepEqual(report.failures.map((f) => f.caseId), ['no-place', 'low-score', 'false-alarm']);
});

test('labels naming no watch-list are reported', () => {
  const report = runBacktest(compileOne('ISIS'), [{ id: 'x', text: 'ISIS', must: ['nope'] }]);
  assert.deepEqual(report.unknownWatchlists, ['nope']);
  assert.equal(report.passed, false);
});

test('cases files are parsed, with problems at file:line:col', () => {
  const specs = parseBacktestCases('cases:\n  - id: a\n    text: hello\n    must: [w]\n  - id: b\n    file: x.txt\n    mustNot: [w]\n', 'c.yaml');
  assert.deepEqual(specs.map((s) => [s.id, s.text, s.file]), [['a', 'hello', undefined], ['b', undefined, 'x.txt']]);
  assert.throws(() => parseBacktestCases('cases:\n  - id: a\n    must: [w]\n  - id: a\n    text: t\n    mustNot: w\n', 'c.yaml'), (err: unknown) => {
    assert.ok(err instanceof ConfigError);
    assert.deepEqual(err.problems.map((p) => [p.line, p.col]), [[2, 5], [4, 5]]);
    assert.match(err.problems[0]!.message, /needs text or file/);
    assert.match(err.problems[1]!.message, /must and mustNot are lists/);
    return true;
  });
  assert.throws(() => parseBacktestCases('nothing: here\n', 'c.yaml'), /c.yaml:1:1: expected a top-level "cases:" list/);
});

test('the shipped backtest cases pass on the shipped watch-lists', () => {
  const watchlists = join(ROOT, 'config', 'watchlists.yaml');
  const cases = join(ROOT, 'config', 'backtest.yaml');
  const classifier = compileWatchlists(watchlistsFileSchema.parse(parse(readFileSync(watchlists, 'utf8'))));
  const specs = parseBacktestCases(readFileSync(cases, 'utf8'), cases);
  const report = runBacktest(classifier, specs.map((s) => ({ ...s, text: s.text ?? readFileSync(join(ROOT, 'config', s.file!), 'utf8') })));
  assert.deepEqual(report.failures.map((f) => `${f.caseId} ${f.watchlist}: ${f.reason}`), []);
  assert.ok(report.watchlists.length >= 3);
});
