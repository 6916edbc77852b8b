import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';

test('the shipped cases pass against the shipped watch-lists', async () => {
  const r = await runCli(['backtest', 'config/backtest.yaml']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /isis-north-africa\s+precision\s+1\.00/);
  assert.match(r.stdout, /all cases pass/);
});

test('a miss and a false alarm: exit 1, each with its reason; cases from files, .html extracted first', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ww-backtest-'));
  writeFileSync(join(dir, 'page.html'), '<html lang="en"><head><title>Sirte raid</title></head><body><article><h1>Sirte raid</h1><p>Islamic State fighters attacked a checkpoint near Sirte in Libya on Sunday, killing three soldiers, officials said after the raid.</p><p>The group claimed the attack in a statement posted online later that day, officials in Tripoli said.</p></article></body></html>');
  writeFileSync(join(dir, 'plain.txt'), 'Football final tonight\nThe Islamic State stadium is a name nobody uses; the final is in Tunisia.\n');
  writeFileSync(join(dir, 'cases.yaml'), `cases:
  - { id: from-html, file: page.html, must: [isis-north-africa] }
  - { id: a-miss, text: "Markets rally\\nStocks rose in Cairo.", must: [isis-north-africa] }
  - { id: false-alarm, file: plain.txt, mustNot: [isis-north-africa] }
`);
  const r = await runCli(['backtest', join(dir, 'cases.yaml')]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /MISS\s+"Markets rally" \(a-miss\) on isis-north-africa: score 0/);
  assert.match(r.stdout, /FALSE ALARM "Football final tonight" \(false-alarm\) on isis-north-africa: .*(Islamic State|@ISIS)/);
  assert.doesNotMatch(r.stdout, /from-html/, 'the extracted page is flagged as it must be');

  const json = await runCli(['backtest', '--json', join(dir, 'cases.yaml')]);
  const lines = json.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.type), ['watchlist', 'miss', 'false-alarm', 'summary']);
  assert.equal(lines.at(-1).passed, false);
});

test('a broken cases file is reported at file:line:col', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ww-backtest-'));
  writeFileSync(join(dir, 'cases.yaml'), 'cases:\n  - { id: x, must: [isis-north-africa] }\n');
  const r = await runCli(['backtest', join(dir, 'cases.yaml')]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /cases\.yaml:2:\d+: /);
});
