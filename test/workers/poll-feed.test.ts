import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { LiveConfig } from '../../src/config/live-config.js';
import { HostLimiter } from '../../src/fetch/host-limiter.js';
import type { FeedHealth } from '../../src/feeds/feed-health.js';
import { QUEUES, type PollFeedPayload } from '../../src/jobs/definitions.js';
import { closeQueues, openQueues, type Queues } from '../../src/jobs/queues.js';
import { silentLogger } from '../../src/log.js';
import { Metrics } from '../../src/metrics.js';
import { Store } from '../../src/store/store.js';
import { createPollFeedProcessor } from '../../src/workers/poll-feed.js';
import { makeConfig } from '../helpers/config.js';
import { startServer, type TestServer } from '../helpers/http-server.js';
import { deletePrefix, testPrefix, testRedis } from '../helpers/redis.js';

const prefix = testPrefix('poll');
let redis: Redis;
let queues: Queues;
let server: TestServer;
let mode: 'down' | 'up' = 'down';

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://example.org/</link>
<item><title>One</title><link>https://example.org/1</link><guid>1</guid></item>
<item><title>Two</title><link>https://example.org/2</link><guid>2</guid></item></channel></rss>`;

before(async () => {
  redis = testRedis();
  queues = openQueues(redis, `${prefix}:bull`);
  server = await startServer({
    '/flaky.xml': (_req, res) => {
      if (mode === 'down') return void res.writeHead(503, { 'retry-after': '1' }).end('busy');
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(RSS);
    },
    '/old.xml': { status: 301, headers: { location: '/new.xml' }, body: '' },
    '/new.xml': { headers: { 'content-type': 'application/rss+xml' }, body: RSS },
  });
});
after(async () => {
  await closeQueues(queues);
  await server.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

const job = (feedId: string) => ({ id: `poll-${feedId}`, data: { feedId }, opts: {}, attemptsMade: 0 }) as unknown as Job<PollFeedPayload>;

function setup() {
  const config = makeConfig({
    feeds: `fetch: { allowPrivateNetworks: true, perHostGap: 0s }\nfeeds:\n` +
      `  - { id: flaky, url: '${server.url}/flaky.xml', interval: 1s, fetchArticles: false }\n` +
      `  - { id: moved, url: '${server.url}/old.xml', interval: 1h, fetchArticles: false }\n`,
    watchlists: 'watchlists:\n  w: { query: libya }\n',
  });
  const store = new Store(redis, { prefix });
  const ctx = { live: new LiveConfig(config), store, queues, log: silentLogger, metrics: new Metrics({ processMetrics: false }), hostLimiter: new HostLimiter({ concurrency: 2, gapMs: 0 }) };
  return { store, poll: createPollFeedProcessor(ctx) };
}

test('a feed answering 503 backs off (honouring Retry-After), is skipped meanwhile, then recovers by itself', async () => {
  const { store, poll } = setup();
  assert.equal((await poll(job('flaky'))).status, 'error');
  const failing = await store.feeds.get<FeedHealth>('flaky');
  assert.equal(failing?.status, 'failing');
  assert.equal(failing?.consecutiveErrors, 1);
  assert.match(failing?.lastError ?? '', /503/);
  assert.ok(failing!.nextAttempt! - failing!.lastAttempt! >= 1000, 'waits at least the Retry-After');

  assert.equal((await poll(job('flaky'))).status, 'skipped', 'no request while backing off');
  assert.equal(server.hits.get('/flaky.xml'), 1);

  mode = 'up';
  await new Promise((r) => setTimeout(r, failing!.nextAttempt! - Date.now() + 50));
  const recovered = await poll(job('flaky'));
  assert.deepEqual(recovered, { status: 'ok', items: 2, new: 2 });
  const healthy = await store.feeds.get<FeedHealth>('flaky');
  assert.equal(healthy?.status, 'ok');
  assert.equal(healthy?.consecutiveErrors, 0);
  assert.equal(healthy?.etag, '"v1"');
  assert.equal(await queues[QUEUES.processArticle].count(), 2, 'two items queued');
});

test('a 301 moves the feed: the new URL is stored and polled from then on', async () => {
  const { store, poll } = setup();
  assert.equal((await poll(job('moved'))).status, 'ok');
  assert.equal((await store.feeds.get<FeedHealth>('moved'))?.url, `${server.url}/new.xml`);
  assert.equal((await store.feeds.get<FeedHealth>('moved'))?.itemsSeen, 2);
  await poll(job('moved'));
  assert.equal(server.hits.get('/old.xml'), 1, 'the old URL is not asked again');
  assert.equal(server.hits.get('/new.xml'), 2);
});

test('an edited feed URL in the config starts afresh instead of following the old redirect', async () => {
  const { store, poll } = setup();
  await poll(job('moved')); // stores the redirect to /new.xml
  const before = server.hits.get('/new.xml') ?? 0;
  const edited = makeConfig({
    feeds: `fetch: { allowPrivateNetworks: true, perHostGap: 0s }\nfeeds:\n  - { id: moved, url: '${server.url}/flaky.xml', interval: 1h, fetchArticles: false }\n`,
    watchlists: 'watchlists:\n  w: { query: libya }\n',
  });
  const ctx = { live: new LiveConfig(edited), store, queues, log: silentLogger, metrics: new Metrics({ processMetrics: false }), hostLimiter: new HostLimiter({ concurrency: 2, gapMs: 0 }) };
  const flakyBefore = server.hits.get('/flaky.xml') ?? 0;
  await createPollFeedProcessor(ctx)(job('moved'));
  assert.equal(server.hits.get('/new.xml') ?? 0, before, 'the old redirect target is not asked');
  assert.equal(server.hits.get('/flaky.xml'), flakyBefore + 1);
});

test('two polls of one feed at once: the second steps aside', async () => {
  const { store, poll } = setup();
  assert.equal(await store.feeds.lock('moved', 'other-poll', 5_000), true);
  assert.deepEqual(await poll(job('moved')), { status: 'skipped' });
  await store.feeds.unlock('moved', 'not-its-token');
  assert.deepEqual(await poll(job('moved')), { status: 'skipped' }, 'only the holder lets its lock go');
  await store.feeds.unlock('moved', 'other-poll');
  assert.equal((await poll(job('moved'))).status, 'ok');
});
