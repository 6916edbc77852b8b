import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { Store } from '../../src/store/store.js';
import { runCli } from '../helpers/cli.js';
import { writeConfigDir } from '../helpers/config.js';
import { deletePrefix, testPrefix, testRedis, TEST_REDIS_URL } from '../helpers/redis.js';
import { seedFlagged } from '../helpers/seed.js';

const prefix = testPrefix('digestcli');
const outbox = mkdtempSync(join(tmpdir(), 'ww-digestcli-'));
let redis: Redis;
let dir: string;
const env = { REDIS_URL: TEST_REDIS_URL, WIREWATCH_PREFIX: prefix };

before(() => {
  redis = testRedis();
  dir = writeConfigDir({
    watchlists: 'watchlists:\n  w: { query: libya, description: Libya news }\n',
    digests: `channels:\n  out: { type: file, dir: '${outbox}' }\n  chat: { type: console }\ndigests:\n  brief: { watchlists: [w], schedule: '0 7 * * *', channels: [out] }\n`,
  });
});
after(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

test('digest preview shows what the next run would send, claims nothing; digest send sends it once', async () => {
  const empty = await runCli(['digest', 'preview', 'brief', '--config', dir], { env });
  assert.equal(empty.code, 0, empty.stderr);
  assert.match(empty.stdout, /nothing pending/);

  const items = await seedFlagged(new Store(redis, { prefix }), { count: 3, watchlist: 'w', digest: 'brief', channels: ['out'], tag: 'cli' });
  for (let i = 0; i < 2; i++) {
    const preview = await runCli(['digest', 'preview', 'brief', '--config', dir], { env });
    assert.equal(preview.code, 0, preview.stderr);
    for (const item of items) assert.match(preview.stdout, new RegExp(item.title));
  }
  const slack = await runCli(['digest', 'preview', 'brief', '--format', 'slack', '--config', dir], { env });
  const message = JSON.parse(slack.stdout.trim().split('\n')[0]!) as { blocks: unknown[] };
  assert.ok(Array.isArray(message.blocks), 'Slack Block Kit payload');

  const sent = await runCli(['digest', 'send', 'brief', '--config', dir], { env });
  assert.equal(sent.code, 0, sent.stderr);
  assert.match(sent.stderr, /brief -> out: \d+ entries, 3 items/);
  const files = readdirSync(outbox);
  assert.equal(files.length, 1);
  for (const item of items) assert.match(readFileSync(join(outbox, files[0]!), 'utf8'), new RegExp(item.title));

  const after = await runCli(['digest', 'preview', 'brief', '--config', dir], { env });
  assert.match(after.stdout, /nothing pending/);
  const again = await runCli(['digest', 'send', 'brief', '--config', dir, '--json'], { env });
  assert.equal(JSON.parse(again.stdout).channels.out, 'empty');
  assert.equal(readdirSync(outbox).length, 1);
});

test('digest with an unknown name or action is a usage error naming the known ones', async () => {
  const unknown = await runCli(['digest', 'preview', 'nope', '--config', dir], { env });
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /no digest "nope" in digests\.yaml \(known: brief\)/);
  const action = await runCli(['digest', 'publish', 'brief', '--config', dir], { env });
  assert.equal(action.code, 2);
  assert.match(action.stderr, /expected "preview" or "send"/);
});
