import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { QUEUES } from '../../src/jobs/definitions.js';
import { openQueues, closeQueues, type Queues } from '../../src/jobs/queues.js';
import { loadConfig } from '../../src/config/load.js';
import { silentLogger } from '../../src/log.js';
import { startPipeline, type Pipeline } from '../../src/pipeline.js';
import { Store } from '../../src/store/store.js';
import { writeConfigDir } from '../helpers/config.js';
import { spawnPipeline } from '../helpers/spawn-pipeline.js';
import { startServer, type TestServer } from '../helpers/http-server.js';
import { deletePrefix, testPrefix, testRedis, TEST_REDIS_URL } from '../helpers/redis.js';
import { seedFlagged } from '../helpers/seed.js';

const prefix = testPrefix('crash');
const LOCK_MS = 1500;
let redis: Redis;
let queues: Queues;
let receiver: TestServer;
let pipeline: Pipeline | undefined;
let child: ChildProcess | undefined;
const accepted: Array<{ body: string; delivery: string }> = [];
let firstDelivery = '';
let firstRequestSeen: () => void;
const firstRequest = new Promise<void>((r) => { firstRequestSeen = r; });

before(async () => {
  redis = testRedis();
  queues = openQueues(redis, `${prefix}:bull`);
  let requests = 0;
  receiver = await startServer({
    '/hook': (req, res) => {
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => {
        // The first delivery never gets an answer: the worker is killed while it waits.
        if (++requests === 1) {
          firstDelivery = String(req.headers['x-wirewatch-delivery']);
          return firstRequestSeen();
        }
        accepted.push({ body, delivery: String(req.headers['x-wirewatch-delivery']) });
        res.writeHead(200).end('ok');
      });
    },
  });
});

after(async () => {
  child?.kill('SIGKILL');
  await pipeline?.stop();
  await closeQueues(queues);
  await receiver.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

function startChild(configDir: string): Promise<ChildProcess> {
  return spawnPipeline({ config: configDir, prefix, lockMs: LOCK_MS });
}

test('a worker killed (SIGKILL) in the middle of a digest run: another process resumes the same run within 30 s; every item once per channel', async () => {
  const outbox = mkdtempSync(join(tmpdir(), 'ww-crash-'));
  const configDir = writeConfigDir({
    watchlists: 'watchlists:\n  w: { query: libya }\n',
    digests: `channels:\n  outbox: { type: file, dir: '${outbox}' }\n  hook: { type: webhook, url: '${receiver.url}/hook', secret: crash-test-secret-0123 }\n` +
      `digests:\n  brief: { watchlists: [w], schedule: '0 7 * * *', channels: [outbox, hook] }\n`,
  });
  const store = new Store(redis, { prefix });
  const items = await seedFlagged(store, { count: 8, watchlist: 'w', digest: 'brief', channels: ['outbox', 'hook'], tag: 'crash' });

  child = await startChild(configDir);
  await queues[QUEUES.sendDigest].add(QUEUES.sendDigest, { digest: 'brief' }, { jobId: 'crash-run', attempts: 3 });
  await firstRequest;
  child.kill('SIGKILL');
  const killedAt = Date.now();
  await new Promise((r) => child!.once('exit', r));
  assert.equal(readdirSync(outbox).length, 1, 'the file channel went out before the kill');
  const [run] = await store.digests.listRuns('brief');
  assert.ok(run && run.channels.hook?.status === 'claimed', 'the killed process held the run');

  // Another worker process (here, in this one) takes the run back once the dead owner's lease lapses.
  pipeline = await startPipeline({ config: loadConfig(configDir), redisUrl: TEST_REDIS_URL, prefix, log: silentLogger, scheduler: false, queues: [QUEUES.sendDigest] });
  const deadline = killedAt + 40_000;
  while (Date.now() < deadline && (await store.digests.getRun(run.runId))?.channels.hook?.status !== 'delivered') await new Promise((r) => setTimeout(r, 100));
  const tookMs = Date.now() - killedAt;
  assert.equal((await store.digests.getRun(run.runId))?.channels.hook?.status, 'delivered');
  assert.ok(tookMs <= 30_000, `resumed and delivered ${tookMs} ms after the kill`);
  console.log(`# digest run resumed and delivered ${tookMs} ms after its owner was killed`);

  assert.equal(readdirSync(outbox).length, 1, 'the file channel is not sent again');
  assert.equal(accepted.length, 1, 'one webhook delivery accepted');
  assert.equal(accepted[0]!.delivery, firstDelivery, 'under the delivery id of the attempt that was cut off');
  assert.equal(firstDelivery, `${run.runId}.hook.1`);
  const file = readFileSync(join(outbox, readdirSync(outbox)[0]!), 'utf8');
  const payload = JSON.parse(accepted[0]!.body) as { itemKeys: string[]; sections: Array<{ entries: Array<{ title: string }> }> };
  const titles = payload.sections.flatMap((s) => s.entries.map((e) => e.title));
  for (const item of items) {
    assert.equal(file.split(item.title).length - 1, 1, `${item.title} once in the file`);
    assert.equal(titles.filter((t) => t === item.title).length, 1, `${item.title} once in the webhook`);
  }
  assert.deepEqual([...payload.itemKeys].sort(), items.map((i) => i.key).sort());
  for (const channel of ['outbox', 'hook']) {
    assert.deepEqual((await store.digests.deliveredKeys('brief', channel)).sort(), items.map((i) => i.key).sort());
  }
});
