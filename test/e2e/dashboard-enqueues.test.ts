/**
 * `wirewatch dashboard` runs no jobs: its retry adds one send-digest job for the workers and
 * answers at once with the run id; nothing is sent until a worker takes the job.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { QUEUES } from '../../src/jobs/definitions.js';
import { closeQueues, openQueues } from '../../src/jobs/queues.js';
import { loadConfig } from '../../src/config/load.js';
import { silentLogger } from '../../src/log.js';
import { startPipeline } from '../../src/pipeline.js';
import { Store } from '../../src/store/store.js';
import { writeConfigDir } from '../helpers/config.js';
import { startServer } from '../helpers/http-server.js';
import { deletePrefix, testPrefix, testRedis, TEST_REDIS_URL } from '../helpers/redis.js';
import { seedFlagged } from '../helpers/seed.js';

const ROOT = join(import.meta.dirname, '..', '..');
const prefix = testPrefix('dash-enqueue');
const redis = testRedis();
after(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

test('the dashboard\'s retry enqueues one run and sends nothing itself; a worker delivers it under that run id', async (t) => {
  const received: string[] = [];
  const hook = await startServer({
    '/hook': (req, res) => { received.push(String(req.headers['x-wirewatch-delivery'])); req.resume(); req.on('end', () => res.writeHead(200).end()); },
  });
  t.after(() => hook.close());
  const configDir = writeConfigDir({
    watchlists: 'watchlists:\n  w: { query: libya }\n',
    digests: `channels:\n  hook: { type: webhook, url: '${hook.url}/hook' }\ndigests:\n  brief: { watchlists: [w], schedule: '0 7 1 1 *', channels: [hook] }\n`,
  });
  const store = new Store(redis, { prefix });
  await seedFlagged(store, { count: 3, watchlist: 'w', digest: 'brief', channels: ['hook'], tag: 'enq' });
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), 'dashboard', '--config', configDir, '--port', '0'], {
    cwd: ROOT, env: { ...process.env, REDIS_URL: TEST_REDIS_URL, WIREWATCH_PREFIX: prefix, LOG_LEVEL: 'warn', DASHBOARD_TOKEN: '' },
  });
  t.after(() => child.kill('SIGKILL'));
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d) => { stderr += d; const m = /wirewatch dashboard: (http:\/\/\S+)/.exec(stderr); if (m) resolve(m[1]!); });
    child.on('exit', () => reject(new Error(stderr)));
  });
  const started = Date.now();
  const res = await fetch(`${url}/api/digests/brief/retry`, { method: 'POST' });
  const answer = await res.json() as { runId: string; status: string };
  assert.equal(res.status, 200);
  assert.ok(Date.now() - started < 2_000, 'answered at once');
  assert.equal(answer.status, 'queued');
  const queues = openQueues(redis, `${prefix}:bull`);
  t.after(() => closeQueues(queues));
  const waiting = await queues[QUEUES.sendDigest].getWaiting();
  assert.deepEqual(waiting.map((j) => j.data), [{ digest: 'brief', runId: answer.runId }], 'one job, for the workers');
  await new Promise((r) => setTimeout(r, 1_000));
  assert.deepEqual(received, [], 'the dashboard sent nothing');
  assert.equal(await store.digests.getRun(answer.runId), undefined, 'nor started the run');

  const worker = await startPipeline({ config: loadConfig(configDir), redisUrl: TEST_REDIS_URL, prefix, log: silentLogger, scheduler: false, queues: [QUEUES.sendDigest] });
  t.after(() => worker.stop());
  const deadline = Date.now() + 15_000;
  while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(received, [`${answer.runId}.hook.1`]);
  child.kill('SIGTERM');
  assert.equal(await new Promise((r) => child.on('exit', r)), 0);
});
