import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Redis } from 'ioredis';
import { Store } from '../../src/store/store.js';
import { deletePrefix, testPrefix, testRedis } from '../helpers/redis.js';
import { seedFlagged } from '../helpers/seed.js';

const prefix = testPrefix('items');
let redis: Redis;
before(() => { redis = testRedis(); });
after(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

test('a retried save queues a match once: a run that holds it never sees it pending again', async () => {
  const store = new Store(redis, { prefix });
  await seedFlagged(store, { count: 2, watchlist: 'w', digest: 'd', channels: ['c'], tag: 'retry' });
  const run = await store.digests.claimRun('d', 'd-1', new Date().toISOString(), ['c']);
  assert.equal(run?.channels.c?.claimed, 2);
  // process-article retried after its save (a stall, or a failure enqueueing alerts)
  await seedFlagged(store, { count: 2, watchlist: 'w', digest: 'd', channels: ['c'], tag: 'retry' });
  assert.equal((await store.digests.previewPending('d', ['c'])).length, 0);
  const hour = Math.floor(Date.now() / 3_600_000);
  const counts = await store.items.hourlyCounts(hour - 1, hour);
  assert.equal(counts.reduce((n, h) => n + (h.counts.w ?? 0), 0), 2, 'counted once');
});

test('the same story through two feeds is claimed once, and its sources are both feeds', async () => {
  const store = new Store(redis, { prefix });
  const a = await store.items.claim({ key: 'k1', url: 'https://example.org/story', feedId: 'f1' });
  const b = await store.items.claim({ key: 'k2', url: 'https://example.org/story', feedId: 'f2' });
  const again = await store.items.claim({ key: 'k1', url: 'https://example.org/story', feedId: 'f1' });
  assert.deepEqual([a.kind, b, again.kind], ['mine', { kind: 'duplicate', ownerKey: 'k1' }, 'mine']);
  await store.items.addSources([{ itemKey: 'k1', feedId: 'f1' }, { itemKey: 'k1', feedId: 'f2' }]);
  await seedFlagged(store, { count: 1, watchlist: 'w', digest: 'd', channels: ['c'], tag: 'k', feedId: 'f1' });
  const { fresh, elsewhere } = await store.items.sortSeen([{ key: 'k2', url: 'https://example.org/story' }, { key: 'new', url: 'https://example.org/new' }], 'f2');
  assert.deepEqual(fresh.map((i) => i.key), ['new']);
  assert.deepEqual(elsewhere.map((e) => e.ownerKey), ['k1']);
});

test('an item still in its feed stays seen past the retention: each sighting renews its marks', async () => {
  const store = new Store(redis, { prefix, retentionSeconds: 100 });
  await store.items.claim({ key: 'evergreen', url: 'https://example.org/evergreen', feedId: 'f' });
  await redis.expire(store.keys.claim('evergreen'), 5);
  const { fresh } = await store.items.sortSeen([{ key: 'evergreen', url: 'https://example.org/evergreen' }], 'f');
  assert.deepEqual(fresh, []);
  assert.ok((await redis.ttl(store.keys.claim('evergreen'))) > 90);
});
