import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { hasRedisServer, startEmbeddedRedis } from '../../src/store/embedded-redis.js';
import { pingRedis } from '../../src/store/redis.js';

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise((r) => srv.close(r));
  return port;
}

test('the embedded redis-server binds 127.0.0.1, keeps an AOF under its data folder and stops cleanly', async () => {
  assert.ok(hasRedisServer(), 'redis-server must be installed for this test (CI installs it)');
  const dataDir = mkdtempSync(join(tmpdir(), 'ww-redis-'));
  const port = await freePort();
  const embedded = await startEmbeddedRedis({ dataDir, port });
  assert.equal(embedded.url, `redis://127.0.0.1:${port}`);
  const client = new Redis(embedded.url);
  await client.set('k', 'v');
  assert.equal(await client.config('GET', 'appendonly').then((r) => (r as string[])[1]), 'yes');
  assert.equal(await client.config('GET', 'bind').then((r) => (r as string[])[1]), '127.0.0.1');
  client.disconnect();
  await embedded.stop();
  assert.ok(existsSync(join(dataDir, 'appendonlydir')) || readdirSync(dataDir).some((f) => f.includes('aof')), `AOF in ${readdirSync(dataDir)}`);
  await assert.rejects(pingRedis(embedded.url, 500), /no Redis answers at redis:\/\/127\.0\.0\.1:\d+/);
});
