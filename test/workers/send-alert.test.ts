import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { UnrecoverableError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { LiveConfig } from '../../src/config/live-config.js';
import { HostLimiter } from '../../src/fetch/host-limiter.js';
import { QUEUES, type SendAlertPayload } from '../../src/jobs/definitions.js';
import { closeQueues, openQueues, type Queues } from '../../src/jobs/queues.js';
import { silentLogger } from '../../src/log.js';
import { Metrics } from '../../src/metrics.js';
import { Store } from '../../src/store/store.js';
import { AlertRetryError, createSendAlertProcessor } from '../../src/workers/send-alert.js';
import { makeConfig } from '../helpers/config.js';
import { startServer, type TestServer } from '../helpers/http-server.js';
import { deletePrefix, testPrefix, testRedis } from '../helpers/redis.js';
import { seedFlagged } from '../helpers/seed.js';

const prefix = testPrefix('alert');
let redis: Redis;
let queues: Queues;
let receiver: TestServer;
const received: Array<{ type: string; itemKeys: string[] }> = [];

before(async () => {
  redis = testRedis();
  queues = openQueues(redis, `${prefix}:bull`);
  receiver = await startServer({
    '/hook': (req, res) => {
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => { received.push(JSON.parse(body)); res.writeHead(200).end(); });
    },
  });
});
after(async () => {
  await closeQueues(queues);
  await receiver.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

/** The processor is called with what BullMQ would hand it: the job's data and id. */
const job = (data: SendAlertPayload, id: string) => ({ id, data, opts: {}, attemptsMade: 0, timestamp: Date.now() }) as unknown as Job<SendAlertPayload>;

test('alerts over a channel\'s per-minute limit fold into one "and N more" message; a retry never resends', async () => {
  const config = makeConfig({
    watchlists: 'watchlists:\n  w: { query: libya, alert: 5 }\n',
    digests: `channels:\n  hook: { type: webhook, url: '${receiver.url}/hook' }\nalerts:\n  flash: { watchlists: [w], channels: [hook], perMinute: 2 }\n`,
  });
  const store = new Store(redis, { prefix });
  const items = await seedFlagged(store, { count: 5, watchlist: 'w', digest: 'none', channels: [], tag: 'alert' });
  const process = createSendAlertProcessor({
    live: new LiveConfig(config), store, queues, log: silentLogger, metrics: new Metrics({ processMetrics: false }),
    hostLimiter: new HostLimiter({ concurrency: 2, gapMs: 0 }),
  });

  const results = [];
  for (const item of items) results.push(await process(job({ alert: 'flash', watchlist: 'w', itemKey: item.key }, `alert-flash-${item.key}`)));
  // Minute boundaries could split the budget; the totals hold either way.
  const sent = results.filter((r) => r.hook === 'sent').length;
  const folded = results.filter((r) => r.hook === 'folded').length;
  assert.equal(sent + folded, 5);
  assert.ok(sent >= 2 && sent <= 4, `sent ${sent}`);
  assert.equal(received.filter((m) => m.type === 'alert').length, sent);

  const foldJobs = (await queues[QUEUES.sendAlert].getDelayed()).filter((j) => j.id?.startsWith('fold-hook-'));
  assert.ok(foldJobs.length >= 1, 'a fold job waits for the next minute');
  await process(job({ alert: 'flash', foldChannel: 'hook' }, 'fold-now'));
  const foldMessage = received.find((m) => m.type === 'folded');
  assert.ok(foldMessage, 'one "and N more" message');
  assert.equal(foldMessage.itemKeys.length, folded);
  assert.deepEqual(await process(job({ alert: 'flash', foldChannel: 'hook' }, 'fold-now')), { hook: 'nothing folded' }, 'a retried fold job sends nothing twice');

  // A retried alert job (say, after a crash) does not send again.
  const before = received.length;
  const again = await process(job({ alert: 'flash', watchlist: 'w', itemKey: items[0]!.key }, `alert-flash-${items[0]!.key}`));
  assert.deepEqual(again, {});
  assert.equal(received.length, before);
  // Everything each alert stands for arrived exactly once.
  const keys = received.flatMap((m) => m.itemKeys).sort();
  assert.deepEqual(keys, items.map((i) => i.key).sort());
});

test('an alert ends at once on a permanent failure (a 403, a 404): not retried; a transient one retries that channel only', async () => {
  const hits = new Map<string, number>();
  const statusFor: Record<string, number[]> = { '/forbidden': [403, 403], '/gone': [404], '/flaky': [500, 500, 500, 200], '/fine': [200, 200] };
  const { startServer: start } = await import('../helpers/http-server.js');
  const server = await start(Object.fromEntries(Object.keys(statusFor).map((path) => [path, (req: any, res: any) => {
    hits.set(path, (hits.get(path) ?? 0) + 1);
    req.resume();
    req.on('end', () => res.writeHead(statusFor[path]!.shift() ?? 200).end('x'));
  }])));
  try {
    const config = makeConfig({
      watchlists: 'watchlists:\n  w: { query: libya, alert: 5 }\n',
      digests: `channels:\n${Object.keys(statusFor).map((p) => `  ${p.slice(1)}: { type: webhook, url: '${server.url}${p}' }\n`).join('')}` +
        `alerts:\n  only-bad: { watchlists: [w], channels: [forbidden, gone] }\n  mixed: { watchlists: [w], channels: [flaky, forbidden, fine] }\n`,
    });
    const store = new Store(redis, { prefix });
    const [item] = await seedFlagged(store, { count: 1, watchlist: 'w', digest: 'none', channels: [], tag: 'perm' });
    const process = createSendAlertProcessor({
      live: new LiveConfig(config), store, queues, log: silentLogger, metrics: new Metrics({ processMetrics: false }), hostLimiter: new HostLimiter({ concurrency: 2, gapMs: 0 }),
    });
    // Only permanent failures: the job fails for good at once (BullMQ will not retry it), each channel asked once.
    await assert.rejects(process(job({ alert: 'only-bad', watchlist: 'w', itemKey: item!.key }, 'perm-1')), (err: unknown) => err instanceof UnrecoverableError && /403/.test(String(err)) && /404/.test(String(err)));
    assert.deepEqual([hits.get('/forbidden'), hits.get('/gone')], [1, 1]);
    // A transient failure retries, but only the channel that can still take it.
    await assert.rejects(process(job({ alert: 'mixed', watchlist: 'w', itemKey: item!.key }, 'perm-2')), AlertRetryError);
    assert.deepEqual([hits.get('/flaky'), hits.get('/forbidden'), hits.get('/fine')], [3, 2, 1]);
    assert.deepEqual(await process(job({ alert: 'mixed', watchlist: 'w', itemKey: item!.key }, 'perm-2')), { flaky: 'sent' });
    assert.deepEqual([hits.get('/flaky'), hits.get('/forbidden'), hits.get('/fine')], [4, 2, 1], 'the 403 channel is not asked again');
  } finally {
    await server.close();
  }
});

test('alert names are own properties: a job naming constructor or __proto__ sends nothing', async () => {
  const config = makeConfig({ digests: `channels:\n  hook: { type: webhook, url: '${receiver.url}/hook' }\nalerts:\n  flash: { watchlists: [w], channels: [hook] }\n`, watchlists: 'watchlists:\n  w: { query: libya }\n' });
  const store = new Store(redis, { prefix });
  const [item] = await seedFlagged(store, { count: 1, watchlist: 'w', digest: 'none', channels: [], tag: 'proto' });
  const process = createSendAlertProcessor({
    live: new LiveConfig(config), store, queues, log: silentLogger, metrics: new Metrics({ processMetrics: false }), hostLimiter: new HostLimiter({ concurrency: 2, gapMs: 0 }),
  });
  const before = received.length;
  for (const alert of ['constructor', '__proto__', 'toString']) {
    assert.deepEqual(await process(job({ alert, watchlist: 'w', itemKey: item!.key }, `proto-${alert}`)), { skipped: 'alert, item or match no longer exists' });
  }
  assert.equal(received.length, before);
});
