import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Redis } from 'ioredis';
import { loadConfig } from '../../src/config/load.js';
import { QUEUES } from '../../src/jobs/definitions.js';
import { createLogger } from '../../src/log.js';
import { startPipeline, type Pipeline } from '../../src/pipeline.js';
import { classifyItem } from '../../src/classify/index.js';
import { writeConfigDir } from '../helpers/config.js';
import { deletePrefix, testPrefix, testRedis, TEST_REDIS_URL } from '../helpers/redis.js';

const prefix = testPrefix('reload');
let redis: Redis;
let pipeline: Pipeline;
const logLines: string[] = [];
const logSink = new Writable({ write(chunk, _enc, done) { logLines.push(String(chunk)); done(); } });

before(() => { redis = testRedis(); });
after(async () => {
  await pipeline?.stop();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('a changed watchlists.yaml is validated and swapped in; an invalid one is refused and the old one stays', async () => {
  const dir = writeConfigDir({
    feeds: "feeds:\n  - { id: a, url: 'https://example.org/a.xml', interval: 1h }\n",
    watchlists: 'watchlists:\n  libya: { query: libya }\n',
  });
  pipeline = await startPipeline({
    config: loadConfig(dir), redisUrl: TEST_REDIS_URL, prefix, watch: true, queues: [],
    log: createLogger({ level: 'info', destination: logSink }),
  });
  const classify = (text: string) => classifyItem(pipeline.live.current().classifier, { title: text, body: '' }).matches.filter((m) => m.flagged).map((m) => m.watchlist);
  assert.deepEqual(classify('Talks in Tunisia'), []);

  writeFileSync(join(dir, 'watchlists.yaml'), 'watchlists:\n  libya: { query: libya }\n  tunisia: { query: tunisia }\n');
  await until(() => pipeline.live.current().generation === 2, 'the reload');
  assert.deepEqual(classify('Talks in Tunisia'), ['tunisia']);

  writeFileSync(join(dir, 'watchlists.yaml'), "watchlists:\n  tunisia: { query: 'tunisia NEAR talks' }\n");
  await until(() => logLines.some((l) => l.includes('config change refused')), 'the refusal');
  const refusal = logLines.find((l) => l.includes('config change refused'))!;
  assert.match(refusal, /watchlists\.yaml:2:\d+: watchlists\.tunisia\.query: NEAR needs a distance/);
  assert.equal(pipeline.live.current().generation, 2, 'the running config stays');
  assert.deepEqual(classify('Talks in Tunisia'), ['tunisia']);

  // A feed added while running gets its scheduler.
  writeFileSync(join(dir, 'feeds.yaml'), "feeds:\n  - { id: a, url: 'https://example.org/a.xml', interval: 1h }\n  - { id: b, url: 'https://example.org/b.xml', interval: 2h }\n");
  writeFileSync(join(dir, 'watchlists.yaml'), 'watchlists:\n  libya: { query: libya }\n');
  await until(async () => (await pipeline.queues[QUEUES.pollFeed].getJobSchedulersCount()) === 2, 'the new scheduler');
  assert.equal((await pipeline.queues[QUEUES.pollFeed].getJobScheduler('feed-b'))?.every, 7_200_000);
});
