/**
 * Recovery time with the lock timings wirewatch ships with: a worker process is killed in the
 * middle of a job, and another worker process takes the job again within 15 s.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import type { Redis } from 'ioredis';
import { QUEUES, type ProcessArticlePayload } from '../../src/jobs/definitions.js';
import { closeQueues, openQueues, type Queues } from '../../src/jobs/queues.js';
import { DEFAULT_TUNING } from '../../src/workers/run-workers.js';
import { writeConfigDir } from '../helpers/config.js';
import { spawnPipeline } from '../helpers/spawn-pipeline.js';
import { startServer, type TestServer } from '../helpers/http-server.js';
import { deletePrefix, testPrefix, testRedis } from '../helpers/redis.js';

const prefix = testPrefix('recovery');
let redis: Redis;
let queues: Queues;
let server: TestServer;
const children: ChildProcess[] = [];
const requests: number[] = [];
let firstRequest: () => void;
const firstRequestSeen = new Promise<void>((r) => { firstRequest = r; });

const PAGE = '<!doctype html><html><head><title>Recovered</title></head><body><article><h1>Recovered</h1><p>The page a killed worker never finished reading, about Libya.</p></article></body></html>';

before(async () => {
  redis = testRedis();
  queues = openQueues(redis, `${prefix}:bull`);
  server = await startServer({
    '/page/slow': (_req, res) => {
      requests.push(Date.now());
      if (requests.length === 1) return firstRequest(); // never answered: the worker dies waiting
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    },
  });
});
after(async () => {
  for (const c of children) c.kill('SIGKILL');
  await closeQueues(queues);
  await server.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

async function startWorker(configDir: string): Promise<ChildProcess> {
  const proc = await spawnPipeline({ config: configDir, prefix, queues: [QUEUES.processArticle] });
  children.push(proc);
  return proc;
}

test('a worker killed mid-job: another worker process takes the job again within 15 s (default lock timings)', async () => {
  assert.ok(DEFAULT_TUNING.lockDuration + DEFAULT_TUNING.stalledInterval <= 13_000, 'the timings promise it');
  const configDir = writeConfigDir({ feeds: 'fetch: { allowPrivateNetworks: true, perHostGap: 0s }\nfeeds: []\n', watchlists: 'watchlists:\n  w: { query: libya }\n' });
  const first = await startWorker(configDir);
  const item: ProcessArticlePayload['item'] = { key: 'recovery-1', feedId: 'wire', url: `${server.url}/page/slow`, title: 'Recovered', summary: '', categories: [] };
  const job = await queues[QUEUES.processArticle].add(QUEUES.processArticle, { item, tags: [] }, { jobId: item.key });
  await firstRequestSeen;
  await startWorker(configDir); // the survivor, idle and waiting for work
  first.kill('SIGKILL');
  const killedAt = Date.now();
  const deadline = killedAt + 30_000;
  while (requests.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.equal(requests.length, 2, 'the job was taken again');
  const recoveryMs = requests[1]! - killedAt;
  console.log(`# a killed worker's job was taken again ${recoveryMs} ms after the kill`);
  assert.ok(recoveryMs <= 15_000, `${recoveryMs} ms`);
  while (!(await job.isCompleted()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.equal((await queues[QUEUES.processArticle].getJob(item.key))?.returnvalue?.status, 'processed');
});
