import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import type { Config } from '../../src/config/schema.js';
import { LiveConfig } from '../../src/config/live-config.js';
import { HostLimiter } from '../../src/fetch/host-limiter.js';
import { openQueues, closeQueues, type Queues } from '../../src/jobs/queues.js';
import { silentLogger } from '../../src/log.js';
import { Metrics } from '../../src/metrics.js';
import { Store } from '../../src/store/store.js';
import type { WorkerContext } from '../../src/workers/context.js';
import { createSendDigestProcessor, runDigest } from '../../src/workers/send-digest.js';
import { UnrecoverableError, type Job } from 'bullmq';
import type { SendDigestPayload } from '../../src/jobs/definitions.js';
import { newRunId, scheduledRunId } from '../../src/jobs/run-id.js';
import { makeConfig } from '../helpers/config.js';
import { startServer, type TestServer } from '../helpers/http-server.js';
import { deletePrefix, testPrefix, testRedis } from '../helpers/redis.js';
import { seedFlagged } from '../helpers/seed.js';

let redis: Redis;
const openedQueues: Queues[] = [];
const prefixes: string[] = [];
const servers: TestServer[] = [];

before(() => { redis = testRedis(); });
after(async () => {
  for (const q of openedQueues) await closeQueues(q);
  for (const p of prefixes) await deletePrefix(redis, p);
  for (const s of servers) await s.close();
  redis.disconnect();
});

/** A fresh store (own prefix) and a worker context on it. */
function context(config: Config): WorkerContext {
  const prefix = testPrefix('digest');
  prefixes.push(prefix);
  const store = new Store(redis, { prefix });
  const queues = openQueues(redis, store.keys.bull);
  openedQueues.push(queues);
  return {
    live: new LiveConfig(config), store, queues, log: silentLogger, metrics: new Metrics({ processMetrics: false }),
    hostLimiter: new HostLimiter({ concurrency: 2, gapMs: 0 }), stdout: { write: () => true },
  };
}

/** A Slack stand-in that answers with the given statuses in turn, then 200; it keeps every accepted message. */
async function slackReceiver(script: Array<{ status: number; headers?: Record<string, string> }>) {
  const accepted: Array<{ blocks?: Array<{ text?: { text: string } }>; text?: string }> = [];
  const server = await startServer({
    '/hook': (req, res) => {
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => {
        const next = script.shift();
        if (next) return void res.writeHead(next.status, next.headers ?? {}).end('nope');
        accepted.push(JSON.parse(body));
        res.writeHead(200).end('ok');
      });
    },
  });
  servers.push(server);
  return { url: `${server.url}/hook`, accepted };
}

function config(outbox: string, slackUrl: string, extra = ''): Config {
  return makeConfig({
    watchlists: 'watchlists:\n  w: { query: libya }\n',
    digests: `channels:\n  outbox: { type: file, dir: '${outbox}' }\n  ops: { type: slack, webhook: '${slackUrl}' }\n` +
      `digests:\n  brief: { watchlists: [w], schedule: '0 7 * * *', channels: [outbox, ops]${extra} }\n`,
  });
}

const allText = (msgs: Array<{ blocks?: Array<{ text?: { text: string } }>; text?: string }>) =>
  msgs.map((m) => JSON.stringify(m)).join('\n');

test('Slack answers 500 three times, then 429 with Retry-After: one digest arrives, with every item; the file channel is not resent', async () => {
  const outbox = mkdtempSync(join(tmpdir(), 'ww-out-'));
  const slack = await slackReceiver([{ status: 500 }, { status: 500 }, { status: 500 }, { status: 429, headers: { 'retry-after': '1' } }]);
  const cfg = config(outbox, slack.url);
  const ctx = context(cfg);
  const items = await seedFlagged(ctx.store, { count: 6, watchlist: 'w', digest: 'brief', channels: ['outbox', 'ops'] });

  // First attempt: the sender's own three tries all get 500, so the run fails for ops only.
  await assert.rejects(runDigest(ctx, cfg, 'brief', 'brief-20261121T070000Z-aaaaa1', new Date().toISOString(), false), /ops: notify: slack/);
  assert.equal(readdirSync(outbox).length, 1, 'the file channel delivered on the first attempt');
  const run = await ctx.store.digests.getRun('brief-20261121T070000Z-aaaaa1');
  assert.equal(run?.channels.outbox?.status, 'delivered');
  assert.equal(run?.channels.ops?.status, 'claimed');

  // The job's retry: 429 with Retry-After 1 s, then accepted.
  const retry = await runDigest(ctx, cfg, 'brief', 'brief-20261121T070000Z-aaaaa1', new Date().toISOString(), false);
  assert.equal(retry.channels.outbox, 'delivered');
  assert.match(retry.channels.ops!, /6 items/);
  assert.equal(readdirSync(outbox).length, 1, 'no second file');
  const text = allText(slack.accepted);
  for (const item of items) assert.equal(text.split(item.title).length - 1, 1, `${item.title} exactly once`);
  assert.deepEqual((await ctx.store.digests.deliveredKeys('brief', 'ops')).sort(), items.map((i) => i.key).sort());
});

test('a channel that fails on the last attempt loses nothing: its items go out in its next good run, and never twice', async () => {
  const outbox = mkdtempSync(join(tmpdir(), 'ww-out-'));
  const slack = await slackReceiver([{ status: 500 }, { status: 500 }, { status: 500 }]);
  const cfg = config(outbox, slack.url);
  const ctx = context(cfg);
  const items = await seedFlagged(ctx.store, { count: 3, watchlist: 'w', digest: 'brief', channels: ['outbox', 'ops'], tag: 'a' });

  const first = await runDigest(ctx, cfg, 'brief', 'brief-20261121T070000Z-aaaaa2', new Date().toISOString(), true);
  assert.match(first.channels.ops!, /^failed: /);
  assert.equal((await ctx.store.digests.getRun('brief-20261121T070000Z-aaaaa2'))?.channels.ops?.status, 'failed');

  const more = await seedFlagged(ctx.store, { count: 2, watchlist: 'w', digest: 'brief', channels: ['outbox', 'ops'], tag: 'b' });
  const second = await runDigest(ctx, cfg, 'brief', 'brief-20261121T070001Z-aaaaa3', new Date(Date.now() + 1000).toISOString(), true);
  assert.match(second.channels.ops!, /5 items/, 'the failed run\'s 3 items and the 2 new ones');
  assert.match(second.channels.outbox!, /2 items/, 'the file channel only gets what is new to it');
  const text = allText(slack.accepted);
  for (const item of [...items, ...more]) assert.equal(text.split(item.title).length - 1, 1);

  // The same items flagged again (say, reprocessed) are not sent again under this digest's name.
  await seedFlagged(ctx.store, { count: 3, watchlist: 'w', digest: 'brief', channels: ['outbox', 'ops'], tag: 'a' });
  const third = await runDigest(ctx, cfg, 'brief', 'brief-20261121T070002Z-aaaaa4', new Date(Date.now() + 2000).toISOString(), true);
  assert.deepEqual(third.channels, { outbox: 'empty', ops: 'empty' });
});

test('items over maxItems wait for the next run instead of being dropped', async () => {
  const outbox = mkdtempSync(join(tmpdir(), 'ww-out-'));
  const slack = await slackReceiver([]);
  const cfg = config(outbox, slack.url, ', maxItems: 4');
  const ctx = context(cfg);
  await seedFlagged(ctx.store, { count: 7, watchlist: 'w', digest: 'brief', channels: ['outbox', 'ops'], tag: 'm' });
  const first = await runDigest(ctx, cfg, 'brief', 'brief-20261121T070000Z-mmmmm1', new Date().toISOString(), true);
  assert.match(first.channels.outbox!, /4 items/);
  const second = await runDigest(ctx, cfg, 'brief', 'brief-20261121T070001Z-mmmmm2', new Date(Date.now() + 1000).toISOString(), true);
  assert.match(second.channels.outbox!, /3 items/);
  const files = readdirSync(outbox).map((f) => readFileSync(join(outbox, f), 'utf8')).join('\n');
  for (let i = 0; i < 7; i++) assert.equal(files.split(`m number ${i} about`).length - 1, 1, `item ${i} once`);
});

test('a run whose owner died is found and resumed under its own id; a run someone holds is left alone', async () => {
  const outbox = mkdtempSync(join(tmpdir(), 'ww-out-'));
  const slack = await slackReceiver([]);
  const cfg = config(outbox, slack.url);
  const ctx = context(cfg);
  const items = await seedFlagged(ctx.store, { count: 4, watchlist: 'w', digest: 'brief', channels: ['outbox', 'ops'], tag: 'orphan' });
  // A process claimed the entries into its run and died before delivering: its lease will lapse.
  const dead = 'brief-20261121T070000Z-dead00';
  assert.ok(await ctx.store.digests.leases.take(dead, 'dead-owner', 150));
  await ctx.store.digests.claimRun('brief', dead, new Date(Date.now() - 60_000).toISOString(), ['outbox', 'ops']);
  assert.equal((await ctx.store.digests.previewPending('brief', ['outbox', 'ops'])).length, 0);
  assert.deepEqual(await ctx.store.digests.abandonedRuns(), [], 'held while the lease lasts');

  // Another run meanwhile has nothing to claim and makes no record.
  assert.deepEqual((await runDigest(ctx, cfg, 'brief', newRunId('brief'), new Date().toISOString(), true)).channels, { outbox: 'empty', ops: 'empty' });
  // While the owner's lease holds, a second process leaves the run alone.
  const busy = await runDigest(ctx, cfg, 'brief', dead, '', true, undefined, { resume: true });
  assert.match(busy.channels.outbox!, /^taken: /);

  await new Promise((r) => setTimeout(r, 200));
  assert.deepEqual(await ctx.store.digests.abandonedRuns(), [{ runId: dead, digest: 'brief' }]);
  const resumed = await runDigest(ctx, cfg, 'brief', dead, '', true, undefined, { resume: true });
  assert.match(resumed.channels.outbox!, /4 items/);
  assert.match(resumed.channels.ops!, /4 items/);
  assert.deepEqual(readdirSync(outbox), [`${dead}.md`]);
  assert.deepEqual(await ctx.store.digests.abandonedRuns(), [], 'a finished run leaves the open set');
  const text = allText(slack.accepted);
  for (const item of items) assert.equal(text.split(item.title).length - 1, 1);
  assert.equal((await ctx.store.digests.listRuns('brief')).length, 1, 'one run in all');
});

test('two sends at once make one run and one delivery', async () => {
  const outbox = mkdtempSync(join(tmpdir(), 'ww-out-'));
  const slack = await slackReceiver([]);
  const cfg = config(outbox, slack.url);
  const ctx = context(cfg);
  for (let round = 0; round < 5; round++) {
    const items = await seedFlagged(ctx.store, { count: 5, watchlist: 'w', digest: 'brief', channels: ['outbox', 'ops'], tag: `twice${round}` });
    const at = new Date();
    const results = await Promise.all([runDigest(ctx, cfg, 'brief', newRunId('brief', at), at.toISOString(), true), runDigest(ctx, cfg, 'brief', newRunId('brief', at), at.toISOString(), true)]);
    const sent = results.filter((r) => r.channels.outbox !== 'empty');
    assert.equal(sent.length, 1, JSON.stringify(results.map((r) => r.channels)));
    assert.match(sent[0]!.channels.ops!, /5 items/);
    const text = allText(slack.accepted);
    for (const item of items) assert.equal(text.split(item.title).length - 1, 1, `${item.title} once`);
  }
  assert.equal((await ctx.store.digests.listRuns('brief')).length, 5, 'one run a round');
  assert.equal(readdirSync(outbox).length, 5);
  assert.equal(slack.accepted.length, 5);
});

test('a scheduled run and a manual send in the same second make two files and lose nothing', async () => {
  const outbox = mkdtempSync(join(tmpdir(), 'ww-out-'));
  const slack = await slackReceiver([]);
  const cfg = config(outbox, slack.url);
  const ctx = context(cfg);
  const second = new Date(Math.floor(Date.now() / 1000) * 1000);
  const early = await seedFlagged(ctx.store, { count: 4, watchlist: 'w', digest: 'brief', channels: ['outbox', 'ops'], tag: 'sched' });
  const scheduled = await runDigest(ctx, cfg, 'brief', scheduledRunId('brief', second.getTime(), 'repeat:digest-brief:1'), second.toISOString(), false);
  const late = await seedFlagged(ctx.store, { count: 3, watchlist: 'w', digest: 'brief', channels: ['outbox', 'ops'], tag: 'manual' });
  const manual = await runDigest(ctx, cfg, 'brief', newRunId('brief', second.getTime() + 400), new Date(second.getTime() + 400).toISOString(), true);
  assert.match(scheduled.channels.outbox!, /4 items/);
  assert.match(manual.channels.outbox!, /3 items/);
  const files = readdirSync(outbox).sort();
  assert.equal(files.length, 2, files.join(', '));
  const stamp = files[0]!.slice('brief-'.length, 'brief-'.length + 16);
  assert.ok(files.every((f) => f.includes(stamp)), 'both in the same second');
  const text = files.map((f) => readFileSync(join(outbox, f), 'utf8')).join('\n');
  for (const item of [...early, ...late]) assert.equal(text.split(item.title).length - 1, 1, `${item.title} once across the files`);
});

test('a send-digest job naming constructor, __proto__ or toString fails for good and touches nothing', async () => {
  const outbox = mkdtempSync(join(tmpdir(), 'ww-out-'));
  const slack = await slackReceiver([]);
  const cfg = config(outbox, slack.url);
  const ctx = context(cfg);
  const process = createSendDigestProcessor(ctx);
  for (const digest of ['constructor', '__proto__', 'toString']) {
    const job = { id: `j-${digest}`, data: { digest }, opts: {}, attemptsMade: 0, timestamp: Date.now() } as unknown as Job<SendDigestPayload>;
    await assert.rejects(process(job), (err: unknown) => err instanceof UnrecoverableError && err.message.includes(`no digest "${digest}"`));
    await assert.rejects(runDigest(ctx, cfg, digest, `${digest}-x`, new Date().toISOString(), true), /no digest/);
  }
  assert.deepEqual(await redis.keys(`${ctx.store.keys.prefix}:lease:*`), []);
  assert.deepEqual(await redis.keys(`${ctx.store.keys.prefix}:run:*`), []);
});

test('Redis failing after the channel took the digest: the run keeps the entries and its resume resends under the same delivery id', async () => {
  const outbox = mkdtempSync(join(tmpdir(), 'ww-out-'));
  const deliveries: string[] = [];
  const hook = await startServer({
    '/hook': (req, res) => { deliveries.push(String(req.headers['x-wirewatch-delivery'])); req.resume(); req.on('end', () => res.writeHead(200).end('ok')); },
  });
  servers.push(hook);
  const cfg = makeConfig({
    watchlists: 'watchlists:\n  w: { query: libya }\n',
    digests: `channels:\n  hook: { type: webhook, url: '${hook.url}/hook' }\n  outbox: { type: file, dir: '${outbox}' }\ndigests:\n  brief: { watchlists: [w], schedule: '0 7 * * *', channels: [hook, outbox] }\n`,
  });
  const ctx = context(cfg);
  const items = await seedFlagged(ctx.store, { count: 3, watchlist: 'w', digest: 'brief', channels: ['hook', 'outbox'], tag: 'cut' });
  // The one Redis call that records the webhook's delivery fails, as when the connection drops
  // right after the channel answered (the chaos run meets the real thing); every other call works.
  const digests = ctx.store.digests;
  const record = digests.markDelivered.bind(digests);
  let failNext = true;
  digests.markDelivered = async (owner, digest, channel, ...rest) => {
    if (channel === 'hook' && failNext) {
      failNext = false;
      throw new Error('Connection is closed.');
    }
    return record(owner, digest, channel, ...rest);
  };
  const runId = newRunId('brief');
  const first = await runDigest(ctx, cfg, 'brief', runId, new Date().toISOString(), true);
  assert.match(first.channels.hook!, /^failed: Connection is closed\. \(resumed later under the same run id\)/);
  assert.deepEqual(deliveries, [`${runId}.hook.1`]);
  assert.equal((await ctx.store.digests.previewPending('brief', ['hook'])).length, 0, 'nothing went back to pending');
  assert.equal((await ctx.store.digests.getRun(runId))?.channels.hook?.status, 'claimed');

  const resumed = await runDigest(ctx, cfg, 'brief', runId, '', true, undefined, { resume: true });
  assert.match(resumed.channels.hook!, /3 items/);
  assert.deepEqual(deliveries, [`${runId}.hook.1`, `${runId}.hook.1`], 'the same delivery id: a receiver drops the repeat');
  const next = await runDigest(ctx, cfg, 'brief', newRunId('brief'), new Date().toISOString(), true);
  assert.deepEqual(next.channels, { hook: 'empty', outbox: 'empty' });
  assert.deepEqual((await ctx.store.digests.deliveredKeys('brief', 'hook')).sort(), items.map((i) => i.key).sort());
});
