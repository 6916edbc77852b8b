import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Redis } from 'ioredis';
import { openQueues, closeQueues, type Queues } from '../../src/jobs/queues.js';
import { syncSchedulers } from '../../src/jobs/schedule.js';
import { QUEUES } from '../../src/jobs/definitions.js';
import { makeConfig } from '../helpers/config.js';
import { deletePrefix, testPrefix, testRedis } from '../helpers/redis.js';

const prefix = testPrefix('schedule');
let redis: Redis;
let queues: Queues;

before(() => {
  redis = testRedis();
  queues = openQueues(redis, `${prefix}:bull`);
});
after(async () => {
  await closeQueues(queues);
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

function feedsYaml(feeds: Array<{ id: string; interval?: string }>): string {
  return 'feeds:\n' + feeds.map((f) => `  - id: ${f.id}\n    url: https://example.org/${f.id}.xml\n${f.interval ? `    interval: ${f.interval}\n` : ''}`).join('');
}
const watchlists = 'watchlists:\n  w:\n    query: libya\n';
const digests = (names: string[]) =>
  'channels:\n  c: { type: console }\ndigests:\n' +
  names.map((n) => `  ${n}:\n    watchlists: [w]\n    schedule: '0 7 * * *'\n    timezone: Europe/Brussels\n    channels: [c]\n`).join('');

async function schedulers() {
  const feeds = await queues[QUEUES.pollFeed].getJobSchedulers(0, -1);
  const ds = await queues[QUEUES.sendDigest].getJobSchedulers(0, -1);
  return {
    feeds: Object.fromEntries(feeds.map((s) => [s.key, s.every])),
    digests: Object.fromEntries(ds.map((s) => [s.key, `${s.pattern} ${s.tz}`])),
  };
}

test('job schedulers follow the config through adds, removals, interval changes and restarts', async () => {
  const first = makeConfig({ feeds: feedsYaml([{ id: 'a', interval: '5m' }, { id: 'b' }]), watchlists, digests: digests(['morning']) });
  await syncSchedulers(first, queues);
  assert.deepEqual(await schedulers(), {
    feeds: { 'feed-a': 300_000, 'feed-b': 600_000 },
    digests: { 'digest-morning': '0 7 * * * Europe/Brussels' },
  });

  // Restart with the same config: nothing added, nothing duplicated.
  const again = await syncSchedulers(first, queues);
  assert.deepEqual(again.added, []);
  assert.deepEqual(again.updated, []);
  assert.equal(await queues[QUEUES.pollFeed].getJobSchedulersCount(), 2);

  // Add c, remove b, change a's interval, replace the digest.
  const second = makeConfig({ feeds: feedsYaml([{ id: 'a', interval: '1m' }, { id: 'c', interval: '2h' }]), watchlists, digests: digests(['evening']) });
  const report = await syncSchedulers(second, queues);
  assert.deepEqual(report.removed.sort(), ['digest-morning', 'feed-b']);
  assert.deepEqual(report.updated, ['feed-a']);
  assert.deepEqual(report.added.sort(), ['digest-evening', 'feed-c']);
  assert.deepEqual(await schedulers(), {
    feeds: { 'feed-a': 60_000, 'feed-c': 7_200_000 },
    digests: { 'digest-evening': '0 7 * * * Europe/Brussels' },
  });

  // Restart again: still exactly what the config says.
  await syncSchedulers(second, queues);
  assert.equal(await queues[QUEUES.pollFeed].getJobSchedulersCount(), 2);
  assert.equal(await queues[QUEUES.sendDigest].getJobSchedulersCount(), 1);
});

test('a schedule whose next job Redis lost (a failover, a crash before the AOF write) is queued again by the next sync', async () => {
  const config = makeConfig({ feeds: feedsYaml([{ id: 'lost', interval: '1h' }]), watchlists, digests: digests(['lostbrief']) });
  await syncSchedulers(config, queues);
  const q = queues[QUEUES.sendDigest];
  const before = (await q.getJobScheduler('digest-lostbrief'))!;
  const jobId = `repeat:digest-lostbrief:${before.next}`;
  assert.ok(await q.getJob(jobId), 'the next run is queued');
  // What a replica that had not received the last writes would be missing: the next job.
  await redis.zrem(`${prefix}:bull:${QUEUES.sendDigest}:delayed`, jobId);
  await redis.del(`${prefix}:bull:${QUEUES.sendDigest}:${jobId}`);
  assert.equal(await q.getJob(jobId), undefined);
  const report = await syncSchedulers(config, queues);
  assert.deepEqual(report.repaired, ['digest-lostbrief']);
  assert.ok(report.unchanged.includes('feed-lost'));
  const after = (await q.getJobScheduler('digest-lostbrief'))!;
  assert.ok(await q.getJob(`repeat:digest-lostbrief:${after.next}`), 'queued again');
  assert.deepEqual((await syncSchedulers(config, queues)).repaired, [], 'and left alone from then on');
});
