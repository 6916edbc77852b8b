import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeConfigDir } from '../helpers/config.js';
import { runCli } from '../helpers/cli.js';
import { join } from 'node:path';

const watchlists = 'watchlists:\n  w: { query: libya }\n';

test('the shipped config is valid', async () => {
  const r = await runCli(['check-config', '--config', 'config']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^config ok: 2 feeds/);
});

test('broken YAML: file:line:col and exit 1', async () => {
  const dir = writeConfigDir({ feeds: 'feeds:\n  - id: a\n    url: [https://example.org\n', watchlists });
  const r = await runCli(['check-config', '--config', dir]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`^${join(dir, 'feeds.yaml').replace(/[/.]/g, '\\$&')}:\\d+:\\d+: invalid YAML: `));
  assert.equal(r.stderr.trim().split('\n').length, 1, 'one line a problem, no stack trace');
});

test('schema errors: each at its file:line:col, with what was expected', async () => {
  const dir = writeConfigDir({
    feeds: 'feeds:\n  - id: a\n    url: ftp://example.org/feed\n    intervall: 5m\n',
    watchlists: 'watchlists:\n  w:\n    query: libya\n    threshold: high\n',
  });
  const r = await runCli(['check-config', '--config', dir]);
  assert.equal(r.code, 1);
  const lines = r.stderr.trim().split('\n');
  assert.ok(lines.some((l) => l.endsWith('feeds.yaml:3:10: feeds[0].url: expected an http:, https: or file: URL')), lines.join('\n'));
  assert.ok(lines.some((l) => l.endsWith('feeds.yaml:4:5: unknown key "intervall" in feeds[0]: did you mean "interval"?')), lines.join('\n'));
  assert.ok(lines.some((l) => /watchlists\.yaml:4:16: watchlists\.w\.threshold: expected number, got string "high"$/.test(l)), lines.join('\n'));
});

test('a query error points inside the query', async () => {
  const dir = writeConfigDir({ watchlists: "watchlists:\n  w:\n    query: 'libya NEAR tunisia'\n" });
  const r = await runCli(['check-config', '--config', dir]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /watchlists\.yaml:3:19: watchlists\.w\.query: NEAR needs a distance/);
});

test('references across files and cron patterns are checked', async () => {
  const dir = writeConfigDir({
    watchlists,
    digests: "channels:\n  out: { type: console }\ndigests:\n  d:\n    watchlists: [w, nope]\n    schedule: '0 25 * * *'\n    channels: [out, mail]\n",
  });
  const r = await runCli(['check-config', '--config', dir]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /digests\.yaml:5:21: digests\.d: no watch-list "nope"/);
  assert.match(r.stderr, /digests\.yaml:6:15: digests\.d\.schedule: not a cron pattern/);
  assert.match(r.stderr, /digests\.yaml:7:21: digests\.d: no channel "mail"/);
});

test('${ENV} is interpolated, and a missing variable is named', async () => {
  const dir = writeConfigDir({ watchlists, digests: "channels:\n  hook: { type: webhook, url: '${HOOK_URL}', secret: '${HOOK_SECRET:-dev-secret-0123456789}' }\n" });
  const missing = await runCli(['check-config', '--config', dir], { env: { HOOK_URL: '' } });
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /digests\.yaml:2:31: environment variable HOOK_URL is not set/);
  const ok = await runCli(['check-config', '--config', dir, '--json'], { env: { HOOK_URL: 'https://example.org/hook' } });
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).channels, 1);
});

test('a missing config folder or file is a one-line error', async () => {
  const r = await runCli(['check-config', '--config', '/nonexistent/wirewatch']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^\/nonexistent\/wirewatch:1:1: config folder not found/);
});

test('an entity alias that is no usable term is reported at the alias', async () => {
  const dir = writeConfigDir({ watchlists: "entities:\n  X: { type: org, aliases: [Good Name, '!!!'] }\nwatchlists:\n  w: { query: '@X' }\n" });
  const r = await runCli(['check-config', '--config', dir]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /watchlists\.yaml:2:40: entity X, alias "!!!": /);
});

test('a poll interval under a second is refused before BullMQ sees it', async () => {
  const dir = writeConfigDir({ feeds: "feeds:\n  - { id: a, url: 'https://example.org/a.xml', interval: 0s }\n", watchlists });
  const r = await runCli(['check-config', '--config', dir]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /feeds\.yaml:2:58: feeds\[0\]\.interval: expected interval of at least 1s/);
});

test('an alias bomb and a folder named like a config file are located errors, not crashes', async () => {
  const bomb = ['a: &a [1,1,1,1,1,1,1,1,1]', ...'bcdef'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcde'[i]}`).join(',')}]`)].join('\n') + '\n';
  const dir = writeConfigDir({ watchlists: bomb });
  const r = await runCli(['check-config', '--config', dir]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /watchlists\.yaml:1:1: invalid YAML: Excessive alias count/);
});
