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
  const files = readdirSync(outbox);
  assert.equal(files.length, 1);
  assert.match(files[0]!, /^brief-\d{8}T\d{6}Z-[a-z0-9]{6}\.md$/, 'the file is named after the run id');
  // The report is on stdout: the run, then per channel its outcome, items, messages and the file written.
  const [runLine, channelLine] = sent.stdout.trim().split('\n');
  assert.equal(runLine, `brief: run ${files[0]!.replace(/\.md$/, '')}`);
  assert.equal(channelLine, `brief -> out: 3 entries, 3 items, 1 message, ${join(outbox, files[0]!)}`);
  for (const item of items) assert.match(readFileSync(join(outbox, files[0]!), 'utf8'), new RegExp(item.title));

  const after = await runCli(['digest', 'preview', 'brief', '--config', dir], { env });
  assert.match(after.stdout, /nothing pending/);
  const again = await runCli(['digest', 'send', 'brief', '--config', dir, '--json'], { env });
  assert.equal(JSON.parse(again.stdout).channels.out, 'empty');
  assert.equal(readdirSync(outbox).length, 1);
});

test('digest send says what maxItems held back for the next run', async () => {
  const box = mkdtempSync(join(tmpdir(), 'ww-digestcli-max-'));
  const maxDir = writeConfigDir({
    watchlists: 'watchlists:\n  w: { query: libya }\n',
    digests: `channels:\n  out: { type: file, dir: '${box}' }\ndigests:\n  capped: { watchlists: [w], schedule: '0 7 * * *', channels: [out], maxItems: 3 }\n`,
  });
  await seedFlagged(new Store(redis, { prefix }), { count: 5, watchlist: 'w', digest: 'capped', channels: ['out'], tag: 'cap' });
  const first = await runCli(['digest', 'send', 'capped', '--config', maxDir], { env });
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /capped -> out: 3 entries, 3 items, 1 message, .*capped-\S+\.md; 2 held back by maxItems for the next run\n/);
  const json = await runCli(['digest', 'send', 'capped', '--config', maxDir, '--json'], { env });
  const report = JSON.parse(json.stdout).report.out;
  assert.deepEqual({ status: report.status, items: report.items, heldBack: report.heldBack, messages: report.messages }, { status: 'delivered', items: 2, heldBack: 0, messages: 1 });
  assert.equal(readdirSync(box).length, 2);
});

test('digest with an unknown name or action is a usage error naming the known ones', async () => {
  const unknown = await runCli(['digest', 'preview', 'nope', '--config', dir], { env });
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /no digest "nope" in digests\.yaml \(known: brief\)/);
  const action = await runCli(['digest', 'publish', 'brief', '--config', dir], { env });
  assert.equal(action.code, 2);
  assert.match(action.stderr, /expected "preview" or "send"/);
});

test('Ctrl-C during digest send: the run stays claimed and the next send finishes it under the same run id', async (t) => {
  const { startServer } = await import('../helpers/http-server.js');
  let seen: () => void;
  const requested = new Promise<void>((r) => { seen = r; });
  let hang = true;
  const deliveries: string[] = [];
  const hook = await startServer({
    '/hook': (req, res) => {
      if (hang) return seen(); // the first request never gets an answer
      deliveries.push(String(req.headers['x-wirewatch-delivery']));
      req.resume();
      req.on('end', () => res.writeHead(200).end('ok'));
    },
  });
  t.after(() => hook.close());
  const hookDir = writeConfigDir({
    watchlists: 'watchlists:\n  w: { query: libya }\n',
    digests: `channels:\n  hook: { type: webhook, url: '${hook.url}/hook' }\ndigests:\n  slow: { watchlists: [w], schedule: '0 7 * * *', channels: [hook] }\n`,
  });
  const store = new Store(redis, { prefix });
  await seedFlagged(store, { count: 3, watchlist: 'w', digest: 'slow', channels: ['hook'], tag: 'sigint' });
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', '..', 'src', 'cli.ts'), 'digest', 'send', 'slow', '--config', hookDir], {
    env: { ...process.env, ...env, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => child.kill('SIGKILL'));
  let stdout = '';
  child.stdout.on('data', (d) => { stdout += d; });
  await requested;
  child.kill('SIGINT');
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  assert.equal(code, 1, stdout);
  assert.match(stdout, /slow -> hook: interrupted: /);
  const runId = /slow: run (\S+)/.exec(stdout)![1]!;
  // Nothing went back to pending: the message may have arrived, so only this run may send it again.
  assert.equal((await store.digests.previewPending('slow', ['hook'])).length, 0);
  assert.equal((await store.digests.getRun(runId))?.channels.hook?.status, 'claimed');

  hang = false;
  const next = await runCli(['digest', 'send', 'slow', '--config', hookDir], { env });
  assert.equal(next.code, 0, next.stderr);
  assert.ok(next.stdout.startsWith(`slow: run ${runId}\nslow -> hook: 3 entries, 3 items, 1 message`), next.stdout);
  assert.deepEqual(deliveries, [`${runId}.hook.1`], 'resumed under the same run id, so the same delivery id');
  assert.equal((await store.digests.getRun(runId))?.channels.hook?.status, 'delivered');
});

test('two digest send processes at once: one run, one delivery, every item once', async (t) => {
  const { startServer } = await import('../helpers/http-server.js');
  const deliveries: Array<{ id: string; keys: string[] }> = [];
  const hook = await startServer({
    '/hook': (req, res) => {
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => {
        deliveries.push({ id: String(req.headers['x-wirewatch-delivery']), keys: (JSON.parse(body) as { itemKeys: string[] }).itemKeys });
        res.writeHead(200).end('ok');
      });
    },
  });
  t.after(() => hook.close());
  const box = mkdtempSync(join(tmpdir(), 'ww-digestcli-two-'));
  const twoDir = writeConfigDir({
    watchlists: 'watchlists:\n  w: { query: libya }\n',
    digests: `channels:\n  hook: { type: webhook, url: '${hook.url}/hook' }\n  out: { type: file, dir: '${box}' }\n` +
      `digests:\n  twice: { watchlists: [w], schedule: '0 7 * * *', channels: [hook, out] }\n`,
  });
  const store = new Store(redis, { prefix });
  const items = await seedFlagged(store, { count: 6, watchlist: 'w', digest: 'twice', channels: ['hook', 'out'], tag: 'two' });
  const [a, b] = await Promise.all([0, 1].map(() => runCli(['digest', 'send', 'twice', '--config', twoDir, '--json'], { env })));
  assert.equal(a!.code, 0, a!.stderr);
  assert.equal(b!.code, 0, b!.stderr);
  const outcomes = [a!, b!].map((r) => JSON.parse(r.stdout.trim().split('\n').at(-1)!).channels.hook as string).sort();
  assert.match(outcomes[0]!, /6 items/);
  assert.equal(outcomes[1], 'empty');
  assert.equal((await store.digests.listRuns('twice')).length, 1, 'one run');
  assert.equal(deliveries.length, 1, 'one webhook delivery');
  assert.deepEqual([...deliveries[0]!.keys].sort(), items.map((i) => i.key).sort());
  assert.equal(readdirSync(box).length, 1, 'one file');
});
