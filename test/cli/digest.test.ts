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

test('Ctrl-C during digest send: what was not delivered goes back to pending', async () => {
  const { startServer } = await import('../helpers/http-server.js');
  let seen: () => void;
  const requested = new Promise<void>((r) => { seen = r; });
  const hung = await startServer({ '/hook': () => seen() }); // never answers
  const hookDir = writeConfigDir({
    watchlists: 'watchlists:\n  w: { query: libya }\n',
    digests: `channels:\n  hook: { type: webhook, url: '${hung.url}/hook' }\ndigests:\n  slow: { watchlists: [w], schedule: '0 7 * * *', channels: [hook] }\n`,
  });
  await seedFlagged(new Store(redis, { prefix }), { count: 3, watchlist: 'w', digest: 'slow', channels: ['hook'], tag: 'sigint' });
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', '..', 'src', 'cli.ts'), 'digest', 'send', 'slow', '--config', hookDir], {
    env: { ...process.env, ...env, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  await requested;
  child.kill('SIGINT');
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  assert.equal(code, 1, stderr);
  assert.match(stderr, /slow -> hook: failed: /);
  const pending = await new Store(redis, { prefix }).digests.previewPending('slow', ['hook']);
  assert.equal(pending.length, 3, 'all three are pending again');
  await hung.close();
});
