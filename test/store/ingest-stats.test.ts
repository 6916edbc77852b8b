import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Redis } from 'ioredis';
import { Store } from '../../src/store/store.js';
import { deletePrefix, testPrefix, testRedis } from '../helpers/redis.js';

const prefix = testPrefix('ingest');
const HOUR = 3_600_000;
let redis: Redis;
before(() => { redis = testRedis(); });
after(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

test('counters add up per hour: polls, items, extraction, flags, errors, queue wait and stored per feed', async () => {
  const store = new Store(redis, { prefix, retentionSeconds: 3600 });
  const h = 500_000; // an hour long past, so the test owns it
  const at = h * HOUR + 60_000;
  await store.ingest.record({ polls: 1, fetched: 30, new: 4 }, at);
  await store.ingest.record({ polls: 1, fetchErrors: 1, fetched: 0 }, at + 1000);
  await store.ingest.recordStored({ feedId: 'bbc', bodySource: 'page', flagged: true }, at);
  await store.ingest.recordStored({ feedId: 'bbc', bodySource: 'feed', flagged: false }, at);
  await store.ingest.recordStored({ feedId: 'afp.fr', bodySource: 'structured-data', flagged: false }, at + HOUR);
  await store.ingest.record({ pageErrors: 1 }, at + HOUR);
  await store.ingest.recordWait('poll-feed', 250, at);
  await store.ingest.recordWait('poll-feed', 750.4, at);
  await store.ingest.recordWait('process-article', -5, at);
  await store.ingest.recordFailure('process-article', at);
  const [first, second, third] = await store.ingest.hours(h, h + 2);
  assert.deepEqual(first!.counts, { polls: 2, fetched: 30, new: 4, stored: 2, extracted: 1, flagged: 1, fetchErrors: 1, pageErrors: 0 });
  assert.deepEqual(first!.queues, { 'poll-feed': { jobs: 2, waitMs: 1000, failed: 0 }, 'process-article': { jobs: 1, waitMs: 0, failed: 1 } });
  assert.deepEqual(first!.storedByFeed, { bbc: 2 });
  assert.deepEqual(second!.counts, { polls: 0, fetched: 0, new: 0, stored: 1, extracted: 1, flagged: 0, fetchErrors: 0, pageErrors: 1 });
  assert.deepEqual(third, { hour: h + 2, counts: { polls: 0, fetched: 0, new: 0, stored: 0, extracted: 0, flagged: 0, fetchErrors: 0, pageErrors: 0 }, queues: {}, storedByFeed: {} });
  assert.deepEqual([...(await store.ingest.storedByFeed(h, h + 1))], [['bbc', 2], ['afp.fr', 1]]);
  const ttl = await redis.ttl(store.keys.ingest(h));
  assert.ok(ttl > 0 && ttl <= 3600, 'each hour expires with the retention');
});
