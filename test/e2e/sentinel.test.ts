/**
 * Redis Sentinel with real processes: a primary, a replica and a sentinel on loopback ports.
 * wirewatch connects through REDIS_URL=redis+sentinel://..., the primary is SIGKILLed, the
 * sentinel promotes the replica, and wirewatch goes on: items that arrive after the failover
 * are processed, and the digest sent afterwards holds every flagged item, once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { connectRedis } from '../../src/store/redis.js';
import { Store } from '../../src/store/store.js';
import { runCli } from '../helpers/cli.js';
import { writeConfigDir } from '../helpers/config.js';
import { spawnPipeline } from '../helpers/spawn-pipeline.js';
import { startServer } from '../helpers/http-server.js';
import { killAndWait, startRedisServer, startSentinel, type RedisProcess } from '../helpers/redis-server.js';

const PREFIX = 'ww-sentinel';

async function until(what: string, check: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function feed(base: string, count: number): string {
  const items = Array.from({ length: count }, (_, i) => {
    const flagged = i % 2 === 0;
    return `<item><title>${flagged ? 'Fighting near Sirte in Libya' : 'Harbour festival opens'} story${i}x</title><guid isPermaLink="false">sentinel-${i}</guid>` +
      `<link>${base}/story/${i}</link><description>${flagged ? 'Clashes in Libya' : 'Music by the sea'}, report ${i} w${i}x${i}.</description></item>`;
  }).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>S</title><link>${base}/</link>${items}</channel></rss>`;
}

test('Sentinel failover: the primary is killed, the replica promoted, wirewatch goes on and nothing flagged is lost', { timeout: 120_000 }, async (t) => {
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
  await until('all 20 items after the failover', async () => (await store.items.listRecent(100)).length === 20, 60_000);

  const sent = await runCli(['digest', 'send', 'brief', '--config', configDir], { env: { REDIS_URL: sentinelUrl, WIREWATCH_PREFIX: PREFIX }, timeoutMs: 30_000 });
  assert.equal(sent.code, 0, sent.stderr + sent.stdout);
  const files = readdirSync(outbox).map((f) => readFileSync(join(outbox, f), 'utf8'));
  assert.equal(files.length, 1, 'one digest file');
  for (let i = 0; i < 20; i++) {
    const headline = new RegExp(`^\\d+\\. \\*\\*\\[[^\\]]*story${i}x\\]`, 'gm');
    assert.equal(files[0]!.match(headline)?.length ?? 0, i % 2 === 0 ? 1 : 0, `story ${i} ${i % 2 === 0 ? 'once' : 'never'} in the digest`);
  }
  const again = await runCli(['digest', 'send', 'brief', '--config', configDir, '--json'], { env: { REDIS_URL: sentinelUrl, WIREWATCH_PREFIX: PREFIX }, timeoutMs: 30_000 });
  assert.equal(JSON.parse(again.stdout.trim().split('\n').at(-1)!).channels.out, 'empty', 'nothing twice');
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
  await store.purge();
  await killAndWait(sentinel.child, 'SIGTERM');
});
