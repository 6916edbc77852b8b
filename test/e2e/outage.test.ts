/**
 * A Redis outage of over a minute, with real processes: a `wirewatch worker` started before
 * its Redis waits for it (saying so once), rides through Redis being killed and restarted on
 * its AOF 65 s later, reports the outage in two lines, works on, and exits 0 on SIGTERM.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { QUEUES, type ProcessArticlePayload } from '../../src/jobs/definitions.js';
import { closeQueues, openQueues } from '../../src/jobs/queues.js';
import { Store } from '../../src/store/store.js';
import { writeConfigDir } from '../helpers/config.js';
import { freePort, startRedisServer, type RedisProcess } from '../helpers/redis-server.js';

const OUTAGE_MS = Number(process.env.WW_TEST_OUTAGE_MS ?? 65_000);
const ROOT = join(import.meta.dirname, '..', '..');

test(`a worker waits for Redis, rides through a ${Math.round(OUTAGE_MS / 1000)} s outage (one line when it starts, one when it ends) and exits 0`, { timeout: OUTAGE_MS + 90_000 }, async (t) => {
  const port = await freePort();
  const configDir = writeConfigDir({ feeds: 'fetch: { allowPrivateNetworks: true }\nfeeds: []\n', watchlists: 'watchlists:\n  w: { query: libya }\n' });
  const env = { ...process.env, REDIS_URL: `redis://127.0.0.1:${port}`, WIREWATCH_PREFIX: 'ww-outage', LOG_LEVEL: 'info' };
  const worker = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), 'worker', '--queues', 'process-article', '--config', configDir], { cwd: ROOT, env });
  t.after(() => worker.kill('SIGKILL'));
  let out = '';
  worker.stdout.on('data', (d) => { out += d; });
  worker.stderr.on('data', (d) => { out += d; });
  const exited = new Promise<number | null>((r) => worker.on('exit', (code) => r(code)));
  const waitFor = async (what: RegExp, ms: number) => {
    const deadline = Date.now() + ms;
    while (!what.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.match(out, what);
  };

  // Started before its Redis: it waits, and says so once.
  await waitFor(/waiting for Redis/, 20_000);
  await new Promise((r) => setTimeout(r, 5_000));
  assert.equal(out.match(/waiting for Redis/g)?.length, 1, out);
  let redisServer: RedisProcess | undefined;
  t.after(() => redisServer?.stop());
  redisServer = await startRedisServer({ port });
  await waitFor(/"msg":"wirewatch running"|wirewatch running/, 20_000);

  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: null });
  redis.on('error', () => undefined);
  t.after(() => redis.disconnect());
  const queues = openQueues(redis, 'ww-outage:bull');
  t.after(() => closeQueues(queues).catch(() => undefined));
  const store = new Store(redis, { prefix: 'ww-outage' });
  const addItem = async (key: string) => {
    const item: ProcessArticlePayload['item'] = { key, feedId: 'wire', title: `Libya item ${key}`, summary: 'About Libya.', categories: [] };
    await queues[QUEUES.processArticle].add(QUEUES.processArticle, { item, tags: [] }, { jobId: key });
  };
  const processed = async (key: string, ms: number) => {
    const deadline = Date.now() + ms;
    while (!(await store.items.get(key).catch(() => undefined)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    assert.ok(await store.items.get(key), `${key} processed`);
  };
  await addItem('before-outage');
  await processed('before-outage', 20_000);

  const linesBefore = out.split('\n').length;
  await redisServer.kill();
  await new Promise((r) => setTimeout(r, OUTAGE_MS));
  await redisServer.restart();
  await addItem('after-outage');
  await processed('after-outage', 30_000);
  await waitFor(/back after \d+(\.\d+)? s/, 10_000);

  const during = out.split('\n').slice(linesBefore - 1).filter((l) => l.trim());
  assert.equal(during.filter((l) => /connection to .* lost/.test(l)).length, 1, during.join('\n'));
  assert.equal(during.filter((l) => /back after/.test(l)).length, 1, during.join('\n'));
  const seconds = Number(/back after (\d+(?:\.\d+)?) s/.exec(out)![1]);
  assert.ok(seconds >= OUTAGE_MS / 1000 - 1 && seconds < OUTAGE_MS / 1000 + 30, `reported ${seconds} s`);
  assert.ok(during.length <= 8, `a quiet outage: ${during.length} lines\n${during.join('\n')}`);
  console.log(`# ${Math.round(OUTAGE_MS / 1000)} s Redis outage: ${during.length} log lines while it lasted and after:\n${during.map((l) => `#   ${l.slice(0, 200)}`).join("\n")}`);

  worker.kill('SIGTERM');
  assert.equal(await exited, 0, out);
  await store.purge();
});
