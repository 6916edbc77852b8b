import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';

test('start with no Redis to be had: one line naming the URL and how to get Redis, exit 1', async () => {
  const r = await runCli(['start', '--config', 'config'], { env: { REDIS_URL: 'redis://127.0.0.1:1' }, timeoutMs: 20_000 });
  assert.equal(r.code, 1);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /redis:\/\/127\.0\.0\.1:1/);
  assert.match(lines[0]!, /apt-get install redis-server/);
  assert.match(lines[0]!, /docker compose/);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
});

test('unknown command and bad options are usage errors', async () => {
  const unknown = await runCli(['frobnicate']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command "frobnicate"/);
  const badFlag = await runCli(['check-config', '--bogus']);
  assert.equal(badFlag.code, 2);
  assert.match(badFlag.stderr, /Unknown option '--bogus'/);
});
