import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { Store } from '../../src/store/store.js';
import type { FeedHealth } from '../../src/feeds/feed-health.js';
import { writeConfigDir } from '../helpers/config.js';
import { startServer, type TestServer } from '../helpers/http-server.js';
import { deletePrefix, testPrefix, testRedis, TEST_REDIS_URL } from '../helpers/redis.js';

const prefix = testPrefix('start');
let redis: Redis;
let server: TestServer;
let requestStarted: () => void;
const pollInFlight = new Promise<void>((r) => { requestStarted = r; });

const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title><link>https://example.org/</link>
<item><title>Libya talks resume</title><link>https://example.org/a</link><guid>a</guid></item></channel></rss>`;

before(async () => {
  redis = testRedis();
  server = await startServer({
    // Answers after 1.5 s, so the SIGTERM lands while the poll is running.
    '/slow.xml': (_req, res) => {
      requestStarted();
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED), 1500);
    },
  });
});
after(async () => {
  await server.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

test('SIGTERM: wirewatch start stops taking jobs, lets the running poll finish, closes and exits 0', async () => {
  const dir = writeConfigDir({
    feeds: `fetch: { allowPrivateNetworks: true }\nfeeds:\n  - { id: slow, url: '${server.url}/slow.xml', interval: 1h, fetchArticles: false }\n`,
    watchlists: 'watchlists:\n  w: { query: libya }\n',
  });
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', '..', 'src', 'cli.ts'), 'start', '--config', dir], {
    env: { ...process.env, REDIS_URL: TEST_REDIS_URL, WIREWATCH_PREFIX: prefix, LOG_LEVEL: 'info', DASHBOARD_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));

  await pollInFlight;
  child.kill('SIGTERM');
  const code = await exited;
  assert.equal(code, 0, output);
  assert.match(output, /stopping: finishing running jobs/);
  assert.match(output, /"msg":"stopped"/);
  assert.match(output, /"msg":"dashboard listening"/, 'start runs the dashboard too');
  // The poll that was running when the signal came finished and recorded its result.
  const health = await new Store(redis, { prefix }).feeds.get<FeedHealth>('slow');
  assert.equal(health?.status, 'ok', output);
  assert.equal(health?.itemsSeen, 1);
});
