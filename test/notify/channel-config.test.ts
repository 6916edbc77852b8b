import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';
import { channelFor } from '../../src/notify/channels.js';
import { writeConfigDir } from '../helpers/config.js';

test('a webhook secret under 16 characters is a config error at file:line:col', () => {
  const dir = writeConfigDir({ digests: "channels:\n  ok: { type: webhook, url: 'https://example.org/a', secret: 'sixteen-chars-ok' }\n  hook: { type: webhook, url: 'https://example.org/hook', secret: 'short' }\n" });
  assert.throws(() => loadConfig(dir), (err: unknown) => {
    assert.ok(err instanceof ConfigError);
    assert.equal(err.problems.length, 1, err.message);
    assert.match(err.message, /digests\.yaml:3:\d+: .*webhook secret of 16 characters or more/);
    return true;
  });
});

test('a file channel\'s dir is relative to the config folder; an absolute one stays as it is', () => {
  const dir = writeConfigDir({ digests: "channels:\n  rel: { type: file, dir: ./outbox }\n  up: { type: file, dir: ../shared-out }\n  abs: { type: file, dir: /var/tmp/ww }\n" });
  const config = loadConfig(dir);
  assert.deepEqual(channelFor(config, 'rel'), { type: 'file', dir: join(dir, 'outbox') });
  assert.deepEqual(channelFor(config, 'up'), { type: 'file', dir: join(dir, '..', 'shared-out') });
  assert.deepEqual(channelFor(config, 'abs'), { type: 'file', dir: '/var/tmp/ww' });
});

test('channel names are looked up as own properties: constructor, __proto__ and toString are unknown', () => {
  const config = loadConfig(writeConfigDir({ digests: 'channels:\n  c: { type: console }\n' }));
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) assert.equal(channelFor(config, name), undefined, name);
  assert.deepEqual(channelFor(config, 'c'), { type: 'console' });
});
