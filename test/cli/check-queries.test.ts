// check-config refuses queries and thresholds that would silently mislead, at file:line:col.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeConfigDir } from '../helpers/config.js';
import { runCli } from '../helpers/cli.js';

test('a lower-case operator is an error at its place in the query, saying what was meant and how to mean the word', async () => {
  const dir = writeConfigDir({ watchlists: "watchlists:\n  w:\n    query: 'virus or worm'\n  v:\n    query: >-\n      (malware OR ransom*)\n      AND attack near/5 hospital\n" });
  const r = await runCli(['check-config', '--config', dir]);
  assert.equal(r.code, 1);
  const lines = r.stderr.trim().split('\n');
  assert.ok(lines.some((l) => l.endsWith('watchlists.yaml:3:19: watchlists.w.query: "or" is not an operator (operators are written in capitals): did you mean OR? To search for the word, quote it: "or"')), lines.join('\n'));
  assert.ok(lines.some((l) => /watchlists\.yaml:7:18: watchlists\.v\.query: "near\/5" is not an operator .*did you mean NEAR\/5\?/.test(l)), lines.join('\n'));
  const quoted = writeConfigDir({ watchlists: "watchlists:\n  w:\n    query: 'virus \"or\" worm'\n" });
  assert.equal((await runCli(['check-config', '--config', quoted])).code, 0);
});

test('a negative threshold or alert score is an error; a negative weight is a penalty', async () => {
  const dir = writeConfigDir({ watchlists: 'watchlists:\n  w:\n    query: virus\n    weights: { virus: 2, hoax: -1 }\n    threshold: -1\n    alert: -3\n' });
  const r = await runCli(['check-config', '--config', dir]);
  assert.equal(r.code, 1);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 2, lines.join('\n'));
  assert.match(lines[0]!, /watchlists\.yaml:5:16: watchlists\.w\.threshold: expected a threshold of 0 or more/);
  assert.match(lines[1]!, /watchlists\.yaml:6:12: watchlists\.w\.alert: expected an alert score of 0 or more/);
});

test('a regex RE2 cannot run is an error at the construct, at file:line:col', async () => {
  const dir = writeConfigDir({ watchlists: "watchlists:\n  w:\n    query: 'Libya AND /(?<=al-)Qaeda/i'\n" });
  const r = await runCli(['check-config', '--config', dir]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /watchlists\.yaml:3:24: watchlists\.w\.query: RE2 runs in linear time and has no lookbehind; rewrite without \(\?<=\.\.\.\)/);
});

test('a query term of a weighted list with no weight is a warning at its place, with the fix; defaultWeight silences it', async () => {
  const yaml = (extra: string) => "watchlists:\n  mena:\n    query: >-\n      (@MENA OR Iraq) AND\n      (militant* OR insurgen* OR \"armed group\") AND NOT Iraq\n"
    + `    weights: { '@MENA': 2, 'militant* OR insurgen*': 1 }\n${extra}    threshold: 3\n`;
  const entities = 'entities:\n  MENA: { type: place, aliases: [Libya, Syria] }\n';
  const r = await runCli(['check-config', '--config', writeConfigDir({ watchlists: entities + yaml('') })]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stderr.trim().split('\n');
  // Iraq (positive once, under NOT once) and the phrase; the OR weight covers militant* and insurgen*.
  assert.equal(lines.length, 2, lines.join('\n'));
  assert.match(lines[0]!, /^warning: .*watchlists\.yaml:6:17: watchlists\.mena\.query: Iraq adds nothing to the score: this list has weights and Iraq has none\. Give it one \(weights: \{ 'Iraq': 1 \}\), or set defaultWeight: 1/);
  assert.match(lines[1]!, /watchlists\.yaml:7:34: watchlists\.mena\.query: "armed group" adds nothing to the score/);
  assert.match(r.stdout, /config ok: .*\(2 warnings above\)/);
  const json = await runCli(['check-config', '--json', '--config', writeConfigDir({ watchlists: entities + yaml('') })]);
  assert.equal(JSON.parse(json.stdout).warnings.length, 2);
  for (const dw of ['1', '0']) {
    const quiet = await runCli(['check-config', '--config', writeConfigDir({ watchlists: entities + yaml(`    defaultWeight: ${dw}\n`) })]);
    assert.equal(quiet.code, 0);
    assert.equal(quiet.stderr, '');
  }
  const unweighted = await runCli(['check-config', '--config', writeConfigDir({ watchlists: 'watchlists:\n  w:\n    query: Iraq OR Syria\n' })]);
  assert.equal(unweighted.stderr, '');
});
