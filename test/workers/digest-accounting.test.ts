/**
 * Per-message accounting of a multi-message digest against a real local webhook receiver: the
 * items of the messages a channel accepted count as delivered even when the run gives the
 * channel up later, and a retry resumes after the accepted messages, never past one it lost.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Redis } from 'ioredis';
import type { Config } from '../../src/config/schema.js';
import { LiveConfig } from '../../src/config/live-config.js';
import { HostLimiter } from '../../src/fetch/host-limiter.js';
import { openQueues, closeQueues, type Queues } from '../../src/jobs/queues.js';
import { newRunId } from '../../src/jobs/run-id.js';
import { silentLogger } from '../../src/log.js';
import { Metrics } from '../../src/metrics.js';
import { Store } from '../../src/store/store.js';
import type { WorkerContext } from '../../src/workers/context.js';
import { runDigest } from '../../src/workers/send-digest.js';
import { makeConfig } from '../helpers/config.js';
import { deletePrefix, testPrefix, testRedis } from '../helpers/redis.js';
import { seedFlagged } from '../helpers/seed.js';
import { startReceiver, type Receiver, type ScriptedResponse } from '../notify/receiver.js';

let redis: Redis;
const opened: Queues[] = [];
const prefixes: string[] = [];
const receivers: Receiver[] = [];

before(() => { redis = testRedis(); });
after(async () => {
  for (const q of opened) await closeQueues(q);
  for (const p of prefixes) await deletePrefix(redis, p);
  for (const r of receivers) await r.close();
  redis.disconnect();
});

function context(config: Config): WorkerContext {
  const prefix = testPrefix('accounting');
  prefixes.push(prefix);
  const store = new Store(redis, { prefix });
  const queues = openQueues(redis, store.keys.bull);
  opened.push(queues);
  return {
    live: new LiveConfig(config), store, queues, log: silentLogger, metrics: new Metrics({ processMetrics: false }),
    hostLimiter: new HostLimiter({ concurrency: 2, gapMs: 0 }), stdout: { write: () => true },
  };
}

async function receiver(script: ScriptedResponse[]): Promise<Receiver> {
  const r = await startReceiver(script);
  receivers.push(r);
  return r;
}

function config(url: string): Config {
  return makeConfig({
    watchlists: 'watchlists:\n  w: { query: libya }\n',
    digests: `channels:\n  hook: { type: webhook, url: '${url}/hook' }\ndigests:\n  brief: { watchlists: [w], schedule: '0 7 * * *', channels: [hook] }\n`,
  });
}

/**
 * Items with headlines of about 240 kB of distinct words (an entry shows 300 characters, its
 * source the whole): a webhook message holds at most 1 MB, so six make a digest of two messages.
 */
async function seedLarge(ctx: WorkerContext, tag: string) {
  const title = (i: number) => `${tag} ${i} Libya ${Array.from({ length: 22_000 }, (_, w) => `${tag}${i}w${w}`).join(' ')}`;
  return seedFlagged(ctx.store, { count: 6, watchlist: 'w', digest: 'brief', channels: ['hook'], tag, title });
}

type Payload = { part: number; parts: number; itemKeys: string[] };
const payloads = (r: Receiver, accepted = true) => r.requests.filter((q) => !accepted || q.status < 300).map((q) => JSON.parse(q.body) as Payload);
const sorted = (keys: string[]) => [...keys].sort();

test('given up after message 1 of 2 was accepted: its items are delivered, only message 2\'s go back to pending and out in the next run', async () => {
  const hook = await receiver([{ status: 200 }, { status: 400, body: 'bad payload' }]);
  const cfg = config(hook.url);
  const ctx = context(cfg);
  const items = await seedLarge(ctx, 'acc');
  const runId = newRunId('brief');
  const first = await runDigest(ctx, cfg, 'brief', runId, new Date().toISOString(), false);
  assert.match(first.channels.hook!, /^failed: notify: webhook answered 400 \(part 2 of 2\)/, 'a 4xx is permanent: the channel is given up at once');
  const [one, two] = payloads(hook, false);
  assert.equal(one!.parts, 2);
  assert.ok(one!.itemKeys.length >= 1 && two!.itemKeys.length >= 1, 'both messages carry items');
  assert.deepEqual(sorted([...one!.itemKeys, ...two!.itemKeys]), sorted(items.map((i) => i.key)));

  assert.deepEqual(sorted(await ctx.store.digests.deliveredKeys('brief', 'hook')), sorted(one!.itemKeys), 'message 1\'s items are delivered');
  const pending = await ctx.store.digests.previewPending('brief', ['hook']);
  assert.deepEqual(sorted(pending.map((e) => e.itemKey)), sorted(two!.itemKeys), 'only message 2\'s items are pending');
  const run = await ctx.store.digests.getRun(runId);
  assert.equal(run?.channels.hook?.status, 'failed');
  assert.equal(run?.channels.hook?.items, one!.itemKeys.length, 'the run counts the items the channel took');
  assert.equal(run?.channels.hook?.parts, 1);
  assert.equal(run?.channels.hook?.returned, two!.itemKeys.length);
  assert.equal(run?.channels.hook?.attempts, 1);
  const sent = await ctx.store.digests.sentEntries(runId, 'hook');
  assert.deepEqual(sent.map((e) => e.itemKey), one!.itemKeys, 'the run records what message 1 carried, in its order');
  assert.ok(sent.every((e) => e.part === 1 && e.watchlist === 'w'));

  const next = await runDigest(ctx, cfg, 'brief', newRunId('brief'), new Date(Date.now() + 1000).toISOString(), true);
  assert.match(next.channels.hook!, new RegExp(`${two!.itemKeys.length} items?, 1 message`));
  const third = payloads(hook).at(-1)!;
  assert.deepEqual(sorted(third.itemKeys), sorted(two!.itemKeys), 'the next run sends only what message 2 held');
  assert.deepEqual(sorted(await ctx.store.digests.deliveredKeys('brief', 'hook')), sorted(items.map((i) => i.key)));
  assert.equal((await ctx.store.digests.previewPending('brief', ['hook'])).length, 0);
});

test('a retry that fails again on the same message resumes at that message, not past it', async () => {
  // 503 with Retry-After 0: the sender's three tries fail at once, and the job's retry comes.
  const busy = { status: 503, headers: { 'retry-after': '0' } };
  const hook = await receiver([{ status: 200 }, busy, busy, busy, busy, busy, busy]);
  const cfg = config(hook.url);
  const ctx = context(cfg);
  const items = await seedLarge(ctx, 'again');
  const runId = newRunId('brief');
  await assert.rejects(runDigest(ctx, cfg, 'brief', runId, new Date().toISOString(), false), /part 2 of 2/);
  await assert.rejects(runDigest(ctx, cfg, 'brief', runId, new Date().toISOString(), false), /part 2 of 2/);
  assert.equal((await ctx.store.digests.getRun(runId))?.channels.hook?.parts, 1, 'one message accepted, however many tries failed after it');
  const done = await runDigest(ctx, cfg, 'brief', runId, new Date().toISOString(), false);
  assert.match(done.channels.hook!, /6 items, 2 messages/);
  const accepted = payloads(hook);
  assert.deepEqual(accepted.map((p) => p.part), [1, 2], 'message 1 once, then message 2');
  assert.deepEqual(sorted(accepted.flatMap((p) => p.itemKeys)), sorted(items.map((i) => i.key)));
  assert.deepEqual(hook.requests.map((r) => r.headers['x-wirewatch-delivery']).filter((_, i) => i === 0 || hook.requests[i]!.status < 300), [`${runId}.hook.1`, `${runId}.hook.2`]);
});

test('a story two watch-lists matched is one item: claimed, delivered and recorded as sent with both watch-lists', async () => {
  const hook = await receiver([]);
  const cfg = makeConfig({
    watchlists: 'watchlists:\n  w: { query: libya }\n  v: { query: libya }\n',
    digests: `channels:\n  hook: { type: webhook, url: '${hook.url}/hook' }\ndigests:\n  brief: { watchlists: [w, v], schedule: '0 7 * * *', channels: [hook], maxItems: 3 }\n`,
  });
  const ctx = context(cfg);
  const items = await seedFlagged(ctx.store, { count: 5, watchlist: 'w', digest: 'brief', channels: ['hook'], tag: 'both' });
  await seedFlagged(ctx.store, { count: 5, watchlist: 'v', digest: 'brief', channels: ['hook'], tag: 'both' });
  const runId = newRunId('brief');
  const result = await runDigest(ctx, cfg, 'brief', runId, new Date().toISOString(), true);
  assert.match(result.channels.hook!, /3 entries, 3 items, 1 message, .*; 2 held back by maxItems/);
  const run = (await ctx.store.digests.getRun(runId))!.channels.hook!;
  assert.deepEqual({ claimed: run.claimed, items: run.items, heldBack: run.heldBack, attempts: run.attempts, failures: run.failures }, { claimed: 5, items: 3, heldBack: 2, attempts: 1, failures: 0 });
  const sent = await ctx.store.digests.sentEntries(runId, 'hook');
  assert.equal(sent.length, 6, 'three items, each under both watch-lists');
  assert.deepEqual(sorted([...new Set(sent.map((e) => e.itemKey))]), sorted(payloads(hook)[0]!.itemKeys));
  assert.deepEqual(sorted([...new Set((await ctx.store.digests.previewPending('brief', ['hook'])).map((e) => e.itemKey))]), sorted(items.map((i) => i.key).filter((k) => !sent.some((e) => e.itemKey === k))));
});

test('when an accepted message\'s item expires before the retry, the delivery starts again under a new id and nothing is lost', async () => {
  const busy = { status: 503, headers: { 'retry-after': '0' } };
  const hook = await receiver([{ status: 200 }, busy, busy, busy]);
  const cfg = config(hook.url);
  const ctx = context(cfg);
  const items = await seedLarge(ctx, 'shift');
  const runId = newRunId('brief');
  await assert.rejects(runDigest(ctx, cfg, 'brief', runId, new Date().toISOString(), false), /part 2 of 2/);
  const [one] = payloads(hook);
  // One item of the accepted message expires: the rebuilt digest moves entries between messages.
  const gone = one!.itemKeys[0]!;
  await ctx.store.archive.deleteItems([gone]);
  const done = await runDigest(ctx, cfg, 'brief', runId, new Date().toISOString(), false);
  assert.match(done.channels.hook!, /5 items, \d messages?/);
  const received = new Set(payloads(hook).flatMap((p) => p.itemKeys));
  for (const i of items) if (i.key !== gone) assert.ok(received.has(i.key), `${i.key} reached the receiver`);
  const ids = hook.requests.filter((r) => r.status < 300).map((r) => r.headers['x-wirewatch-delivery']);
  assert.equal(ids[0], `${runId}.hook.1`);
  assert.ok(ids.slice(1).every((id) => String(id).startsWith(`${runId}.hook.r1.`)), `the new delivery has new ids: ${ids.join(', ')}`);
  assert.equal((await ctx.store.digests.getRun(runId))?.channels.hook?.revision, 1);
});
