import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { QUEUES } from '../../src/jobs/definitions.js';
import { newRunId } from '../../src/jobs/run-id.js';
import { silentLogger } from '../../src/log.js';
import { startPipeline, type Pipeline } from '../../src/pipeline.js';
import { runDigest } from '../../src/workers/send-digest.js';
import { makeConfig } from '../helpers/config.js';
import { startServer, type TestServer } from '../helpers/http-server.js';
import { deletePrefix, testPrefix, testRedis, TEST_REDIS_URL } from '../helpers/redis.js';
import { atomFeed, rssFeed, SHARED_LINK, strikePage, WATCHLISTS } from './fixtures.js';

const prefix = testPrefix('e2e');
const outbox = mkdtempSync(join(tmpdir(), 'ww-outbox-'));
let server: TestServer;
let redis: Redis;
let pipeline: Pipeline;
const started = Date.now();

before(async () => {
  redis = testRedis();
  server = await startServer({
    '/wire.xml': { headers: { 'content-type': 'application/rss+xml' }, body: rssFeed('') },
    '/monitor.atom': { headers: { 'content-type': 'application/atom+xml' }, body: '' },
    '/news/strike-sirte': { headers: { 'content-type': 'text/html; charset=utf-8' }, body: strikePage() },
  });
  // Feed bodies name the server's own address, known only once it listens.
  const routes = server.server.listeners('request');
  server.server.removeAllListeners('request');
  server.server.on('request', (req, res) => {
    if (req.url === '/wire.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(server.url));
    if (req.url === '/monitor.atom') return void res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atomFeed(server.url));
    (routes[0] as (a: typeof req, b: typeof res) => void)(req, res);
  });
});

after(async () => {
  await pipeline?.stop();
  await server.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

function config() {
  return makeConfig({
    feeds: `fetch: { allowPrivateNetworks: true, perHostGap: 0s }
feeds:
  - { id: wire, url: '${server.url}/wire.xml', interval: 1h, fetchArticles: false }
  - { id: monitor, url: '${server.url}/monitor.atom', interval: 1h, fetchArticles: true }
`,
    watchlists: WATCHLISTS,
    digests: `channels:
  outbox: { type: file, dir: '${outbox}' }
digests:
  brief: { watchlists: [isis-libya, us-strikes, bread], schedule: '0 7 * * *', channels: [outbox] }
`,
  });
}

async function waitForIdle(p: Pipeline, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const polled = await p.store.feeds.getMany(['wire', 'monitor']);
    const counts = await p.queues[QUEUES.processArticle].getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if (polled.size === 2 && Object.values(counts).every((n) => n === 0)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('pipeline did not settle');
}

test('two feeds with a story in common: each item once, flagged by the right watch-lists, one digest, then nothing new', async () => {
  const cfg = config();
  pipeline = await startPipeline({ config: cfg, redisUrl: TEST_REDIS_URL, prefix, log: silentLogger });
  await waitForIdle(pipeline);

  // Five entries, four stories: the shared one is stored once and knows both feeds.
  const items = await pipeline.store.items.listRecent(50);
  assert.equal(items.length, 4, `stored: ${items.map((i) => i.title).join(' | ')}`);
  const strike = items.find((i) => i.url === SHARED_LINK(server.url));
  assert.ok(strike, 'the shared story is stored under its canonical link');
  assert.deepEqual([strike.feedId, ...(strike.alsoIn ?? [])].sort(), ['monitor', 'wire']);
  // Its page was fetched once at most, and only if the monitor feed's copy won the claim.
  assert.ok((server.hits.get('/news/strike-sirte') ?? 0) <= 1);

  const flagged = async (w: string) => (await pipeline.store.items.listFlagged(w)).map((e) => e.item.title).sort();
  assert.deepEqual(await flagged('isis-libya'), ['Islamic State fighters regroup south of Sirte in Libya', 'US airstrike hits militant camp near Sirte']);
  assert.deepEqual(await flagged('us-strikes'), ['US airstrike hits militant camp near Sirte']);
  assert.deepEqual(await flagged('bread'), []);

  const first = await runDigest(pipeline.ctx, cfg, 'brief', newRunId('brief'), new Date().toISOString(), true);
  assert.match(first.channels.outbox!, /items/);
  const files = readdirSync(outbox);
  assert.equal(files.length, 1);
  assert.match(files[0]!, /^brief-\d{8}T\d{6}Z-[a-z0-9]{6}\.md$/);
  const text = readFileSync(join(outbox, files[0]!), 'utf8');
  assert.equal(text.split('[US airstrike hits militant camp near Sirte](').length - 1, 1, 'the shared story is one entry');
  assert.match(text, /Islamic State fighters regroup/);
  assert.doesNotMatch(text, /bicycle|Bakery|bread prize/);

  const second = await runDigest(pipeline.ctx, cfg, 'brief', newRunId('brief'), new Date(Date.now() + 1000).toISOString(), true);
  assert.equal(second.channels.outbox, 'empty');
  assert.equal(readdirSync(outbox).length, 1, 'a second run sends nothing new');

  // Each story was processed exactly once: the Atom copy of the shared story (its own id, the
  // same link) was recognized at its claim and only recorded as a second source.
  const done = await pipeline.queues[QUEUES.processArticle].getCompleted();
  assert.deepEqual(done.map((j) => j.returnvalue.status).sort(), ['duplicate', 'processed', 'processed', 'processed', 'processed']);

  // A re-poll finds nothing new: the same items are not processed again.
  const repoll = await pipeline.queues[QUEUES.pollFeed].add(QUEUES.pollFeed, { feedId: 'wire' });
  const deadline = Date.now() + 10_000;
  while (!(await repoll.isCompleted()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual((await pipeline.queues[QUEUES.pollFeed].getJob(repoll.id!))?.returnvalue, { status: 'ok', items: 3, new: 0 });
  assert.equal((await pipeline.store.items.listRecent(50)).length, 4);
  console.log(`# end-to-end took ${Date.now() - started} ms`);
});
