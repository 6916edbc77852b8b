import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';

const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };

test('--version, -v and version print the package version and exit 0', async () => {
  for (const arg of ['--version', '-v', 'version']) {
    const r = await runCli([arg]);
    assert.equal(r.code, 0, arg);
    assert.equal(r.stdout, `wirewatch ${version}\n`, arg);
    assert.equal(r.stderr, '');
  }
});

test('--log-format takes pretty or json, anywhere on the line; anything else is a usage error', async () => {
  const bad = await runCli(['check-config', '--log-format', 'xml', '--config', 'config']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--log-format must be pretty or json \(got "xml"\)/);
  const missing = await runCli(['check-config', '--log-format']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /got nothing/);
  const ok = await runCli(['--log-format=json', 'check-config', '--config', 'config']);
  assert.equal(ok.code, 0, ok.stderr);
  const env = await runCli(['check-config', '--config', 'config'], { env: { LOG_FORMAT: 'fancy' } });
  assert.equal(env.code, 2);
  assert.match(env.stderr, /LOG_FORMAT must be pretty or json \(got "fancy"\)/);
});
