/**
 * Redis Sentinel with real processes: a primary, a replica and a sentinel on loopback ports.
 * wirewatch connects through REDIS_URL=redis+sentinel://..., the primary is SIGKILLed, the
 * sentinel promotes the replica, and wirewatch goes on: items that arrive after the failover
 * are processed; then the old primary returns as a replica and is made primary again by hand
 * (SENTINEL FAILOVER), and wirewatch follows again. The digest sent afterwards holds every
 * flagged item, once.
 */
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { closeQueues, openQueues } from '../../src/jobs/queues.js';
import { connectRedis } from '../../src/store/redis.js';
import { Store } from '../../src/store/store.js';
import { runCli } from '../helpers/cli.js';
import { writeConfigDir } from '../helpers/config.js';
import { spawnPipeline } from '../helpers/spawn-pipeline.js';
import { startServer } from '../helpers/http-server.js';
import { killAndWait, startRedisServer, startSentinel, type RedisProcess } from '../helpers/redis-server.js';

const PREFIX = `ww-sentinel-${randomBytes(3).toString('hex')}`;

async function until(what: string, check: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** What the queues and the connections look like, for a failure message. */
async function diagnose(redis: Redis, prefix: string): Promise<string> {
  const queues = openQueues(redis, `${prefix}:bull`);
  try {
    const lines: string[] = [`items stored: ${await redis.zcard(`${prefix}:items`)}`];
    for (const [name, q] of Object.entries(queues)) {
      const schedulers = await q.getJobSchedulers();
      const next = await Promise.all(schedulers.map(async (sch) => `${sch.key} next ${sch.next} job ${await (await q.getJob(`repeat:${sch.key}:${sch.next}`))?.getState() ?? 'missing'}`));
      lines.push(`${name}: ${JSON.stringify(await q.getJobCounts())} ${next.join('; ')}`);
    }
    const clients = String(await redis.client('LIST')).split('\n').filter(Boolean).map((c) => `${/name=(\S*)/.exec(c)?.[1]} ${/cmd=(\S*)/.exec(c)?.[1]} age=${/age=(\d+)/.exec(c)?.[1]}`);
    lines.push(`clients: ${clients.join(' | ')}`);
    return lines.join('\n');
  } finally {
    await closeQueues(queues).catch(() => undefined);
  }
}

function feed(base: string, count: number): string {
  const items = Array.from({ length: count }, (_, i) => {
    const flagged = i % 2 === 0;
    return `<item><title>${flagged ? 'Fighting near Sirte in Libya' : 'Harbour festival opens'} story${i}x</title><guid isPermaLink="false">sentinel-${i}</guid>` +
      `<link>${base}/story/${i}</link><description>${flagged ? 'Clashes in Libya' : 'Music by the sea'}, report ${i} w${i}x${i}.</description></item>`;
  }).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>S</title><link>${base}/</link>${items}</channel></rss>`;
}

test('Sentinel failover: the primary is killed, the replica promoted, wirewatch goes on and nothing flagged is lost; a switch made by hand too', { timeout: 240_000 }, async (t) => {
  const procs: RedisProcess[] = [];
  t.after(async () => { for (const p of procs) await p.stop(); });
  const primary = await startRedisServer({ args: ['--repl-diskless-sync-delay', '0'] });
  procs.push(primary);
  const replica = await startRedisServer({ args: ['--replicaof', '127.0.0.1', String(primary.port)] });
  procs.push(replica);
  const sentinel = await startSentinel(primary.port);
  procs.push(sentinel);
  const sentinelUrl = `redis+sentinel://127.0.0.1:${sentinel.port}/mymaster`;
  const probe = new Redis(sentinel.port, '127.0.0.1');
  t.after(() => probe.disconnect());
  const replicaClient = new Redis(replica.port, '127.0.0.1');
  t.after(() => replicaClient.disconnect());
  await until('the replica to be in sync', async () => /master_link_status:up/.test(await replicaClient.info('replication')), 20_000);
  await until('the sentinel to see the replica', async () => ((await probe.call('SENTINEL', 'REPLICAS', 'mymaster')) as unknown[]).length === 1, 20_000);

  let count = 10;
  const server = await startServer({});
  t.after(() => server.close());
  server.server.removeAllListeners('request');
  server.server.on('request', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed(server.url, count)));
  const outbox = mkdtempSync(join(tmpdir(), 'ww-sentinel-out-'));
  const configDir = writeConfigDir({
    feeds: `fetch: { allowPrivateNetworks: true, perHostGap: 0s }\nfeeds:\n  - { id: s, url: '${server.url}/feed.xml', interval: 2s, fetchArticles: false }\n`,
    watchlists: 'watchlists:\n  w: { query: libya }\n',
    digests: `channels:\n  out: { type: file, dir: '${outbox}' }\ndigests:\n  brief: { watchlists: [w], schedule: '0 7 1 1 *', channels: [out], maxItems: 100 }\n`,
  });
  const child = await spawnPipeline({ config: configDir, prefix: PREFIX, scheduler: true, redisUrl: sentinelUrl });
  t.after(() => child.kill('SIGKILL'));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));

  const redis = connectRedis(sentinelUrl);
  redis.on('error', () => undefined);
  t.after(() => redis.disconnect());
  const store = new Store(redis, { prefix: PREFIX });
  await until('the first 10 items', async () => (await store.items.listRecent(100)).length === 10, 30_000);

  await primary.kill();
  await until('the replica to be promoted', async () => {
    const [, port] = (await probe.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', 'mymaster')) as [string, string];
    return Number(port) === replica.port;
  }, 30_000);
  count = 20; // new items arrive after the failover
  // Polls go on (or, if the failover lost the poll schedule's next job, the scheduler's check queues it again within 15 s).
  await until('all 20 items after the failover', async () => (await store.items.listRecent(100)).length === 20, 60_000).catch(async (err: Error) => {
    throw new Error(`${err.message}\n${await diagnose(redis, PREFIX)}`);
  });

  // Then a switch made by hand: the old primary comes back as a replica, catches up, and is
  // made primary again with SENTINEL FAILOVER while the other one is alive (its clients now get
  // READONLY, and must find the new primary through the sentinels).
  const back = await startRedisServer({ port: primary.port, dir: primary.dir, args: ['--replicaof', '127.0.0.1', String(replica.port), '--repl-diskless-sync-delay', '0'] });
  procs.push(back);
  const backClient = new Redis(back.port, '127.0.0.1');
  t.after(() => backClient.disconnect());
  await until('the old primary to catch up as a replica', async () => /master_link_status:up/.test(await backClient.info('replication')), 30_000);
  await until('the sentinel to see it', async () => ((await probe.call('SENTINEL', 'REPLICAS', 'mymaster')) as Array<string[]>).some((r) => r.includes(String(back.port)) && !r.join(' ').includes('s_down')), 30_000);
  await probe.call('SENTINEL', 'FAILOVER', 'mymaster');
  await until('the switch back', async () => Number(((await probe.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', 'mymaster')) as [string, string])[1]) === back.port, 30_000);
  // Until the sentinel has turned the other one into a replica, it still takes writes, and
  // they are lost when it resyncs (Redis's own window; wirewatch redoes that work).
  await until('the other one to be demoted', async () => /role:slave/.test(await replicaClient.info('replication')), 30_000);
  count = 30;
  // Read the new primary itself: a client still on the old one would read a replica.
  await until('all 30 items on the new primary', async () => (await store.archive.countItems()) === 30, 60_000).catch(async (err: Error) => {
    throw new Error(`${err.message}\n${await diagnose(backClient, PREFIX)}`);
  });

  const sent = await runCli(['digest', 'send', 'brief', '--config', configDir], { env: { REDIS_URL: sentinelUrl, WIREWATCH_PREFIX: PREFIX }, timeoutMs: 30_000 });
  assert.equal(sent.code, 0, sent.stderr + sent.stdout);
  const files = readdirSync(outbox).map((f) => readFileSync(join(outbox, f), 'utf8'));
  assert.equal(files.length, 1, 'one digest file');
  const counts = Array.from({ length: 30 }, (_, i) => files[0]!.match(new RegExp(`^\\d+\\. \\*\\*\\[[^\\]]*story${i}x\\]`, 'gm'))?.length ?? 0);
  const primaryStore = new Store(backClient, { prefix: PREFIX });
  const items = await primaryStore.items.listRecent(100);
  const wrong = counts.map((n, i) => [i, n] as const).filter(([i, n]) => n !== (i % 2 === 0 ? 1 : 0));
  const detail = await Promise.all(wrong.map(async ([i, n]) => {
    const item = items.find((it) => it.title.includes(`story${i}x`));
    const match = item ? await primaryStore.items.getMatch('w', item.key) : undefined;
    const delivered = item ? (await primaryStore.digests.deliveredKeys('brief', 'out')).includes(item.key) : false;
    const pending = item ? await backClient.sismember(primaryStore.keys.pending('brief', 'out'), `w|${item.key}`) : 0;
    return `story ${i}: ${n} times; item ${item?.key ?? 'missing'}, match ${match ? 'yes' : 'no'}, delivered mark ${delivered}, pending ${pending}`;
  }));
  assert.deepEqual(detail, [], 'every flagged story once in the digest, no other');
  const again = await runCli(['digest', 'send', 'brief', '--config', configDir, '--json'], { env: { REDIS_URL: sentinelUrl, WIREWATCH_PREFIX: PREFIX }, timeoutMs: 30_000 });
  assert.equal(JSON.parse(again.stdout.trim().split('\n').at(-1)!).channels.out, 'empty', 'nothing twice');
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
  await store.purge();
  await killAndWait(sentinel.child, 'SIGTERM');
});
