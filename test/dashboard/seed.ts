/**
 * Starts what the dashboard tests look at: a real pipeline on the local Redis (own key prefix)
 * polling local fixture feeds, some back-dated flags written through the Store, a digest run
 * with one failed channel, a failed job, and the dashboard itself on a free port.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { classifyItem } from '../../src/classify/index.js';
import type { Config } from '../../src/config/schema.js';
import { startDashboard, type Dashboard, type DashboardOptions } from '../../src/dashboard/server.js';
import { QUEUES } from '../../src/jobs/definitions.js';
import { silentLogger } from '../../src/log.js';
import { startPipeline, type Pipeline } from '../../src/pipeline.js';
import type { StoredItem, StoredMatch } from '../../src/types.js';
import { newRunId } from '../../src/jobs/run-id.js';
import { runDigest } from '../../src/workers/send-digest.js';
import { makeConfig } from '../helpers/config.js';
import { startServer, type TestServer } from '../helpers/http-server.js';
import { deletePrefix, testPrefix, testRedis, TEST_REDIS_URL } from '../helpers/redis.js';
import { atomFeed, rssFeed, TRY_PAGE, WATCHLISTS, XSS } from './fixtures.js';

export interface Seeded {
  pipeline: Pipeline;
  dashboard: Dashboard;
  feedServer: TestServer;
  config: Config;
  prefix: string;
  /** The seed's digest run: its outbox channel delivered, its jammed one failed. */
  runId: string;
  close(): Promise<void>;
}

export async function seedDashboard(name: string, dashboardOptions: Partial<DashboardOptions> = {}): Promise<Seeded> {
  const prefix = testPrefix(`dash-${name}`);
  const redis = testRedis();
  const feedServer = await startServer({
    '/try.html': { headers: { 'content-type': 'text/html; charset=utf-8' }, body: TRY_PAGE },
  });
  const base = feedServer.url;
  // The feeds name the server's own address, known only once it listens.
  const [fallback] = feedServer.server.listeners('request') as Array<(...a: unknown[]) => void>;
  feedServer.server.removeAllListeners('request');
  feedServer.server.on('request', (req, res) => {
    if (req.url === '/wire.xml') res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(base));
    else if (req.url === '/monitor.atom') res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atomFeed(base));
    else fallback!(req, res);
  });
  const config = makeSeedConfig(base);
  const pipeline = await startPipeline({ config, redisUrl: TEST_REDIS_URL, prefix, log: silentLogger });
  await waitForPolls(pipeline, ['wire', 'monitor', 'broken']);
  await backdate(pipeline);
  const runId = newRunId('brief');
  await runDigest(pipeline.ctx, config, 'brief', runId, new Date().toISOString(), true);
  await failOneJob(pipeline);
  const dashboard = await startDashboard({ ctx: pipeline.ctx, port: 0, log: silentLogger, env: {}, ...dashboardOptions });
  return {
    pipeline, dashboard, feedServer, config, prefix, runId,
    async close() {
      await dashboard.close();
      await pipeline.stop();
      await feedServer.close();
      await deletePrefix(redis, prefix);
      redis.disconnect();
    },
  };
}

function makeSeedConfig(base: string): Config {
  const outbox = mkdtempSync(join(tmpdir(), 'ww-dash-outbox-'));
  return makeConfig({
    feeds: `fetch: { allowPrivateNetworks: true, perHostGap: 0s }
feeds:
  - { id: wire, url: '${base}/wire.xml', interval: 1h, fetchArticles: false, tags: ['${XSS}'] }
  - { id: monitor, url: '${base}/monitor.atom', interval: 1h, fetchArticles: false }
  - { id: broken, url: '${base}/missing.xml?apikey=s3cret-key', interval: 1h }
`,
    watchlists: WATCHLISTS,
    digests: `channels:
  outbox: { type: file, dir: '${outbox}' }
  jammed: { type: file, dir: '/dev/null/${XSS}' }
digests:
  brief: { watchlists: [isis-libya, us-strikes], schedule: '0 7 * * *', channels: [outbox, jammed] }
`,
  });
}

async function waitForPolls(p: Pipeline, feeds: string[], timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const polled = await p.store.feeds.getMany(feeds);
    const counts = await p.queues[QUEUES.processArticle].getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if (polled.size === feeds.length && Object.values(counts).every((n) => n === 0)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('seed: the pipeline did not settle');
}

/** Flags from earlier hours and days (for the charts), and the item with a hostile title. */
async function backdate(p: Pipeline): Promise<void> {
  const { classifier } = p.live.current();
  const samples: Array<[string, string, number]> = [
    [XSS, `ISIS fighters seen near Sirte, Libya. <script>alert(2)</script>`, 2],
    ['Daesh cell arrested in Benghazi, Libya', 'Police in Libya say an Islamic State cell planned attacks.', 5],
    ['AFRICOM airstrike on Islamic State in Libya', 'The Pentagon confirmed an airstrike near Sirte against ISIS.', 30],
    ['Islamic State attack in Tunisia', 'Tunisia says the Islamic State attacked a border post.', 24 * 6],
    ['ISIL fighters cross from Libya', 'ISIL fighters crossed into Tunisia from Libya.', 24 * 20],
  ];
  for (const [i, [title, body, hoursAgo]] of samples.entries()) {
    const at = new Date(Date.now() - hoursAgo * 3_600_000).toISOString();
    const item: StoredItem = {
      key: `seed-${i}`, feedId: 'wire', url: `https://example.org/seed/${i}`, title, summary: body, body, bodySource: 'feed',
      processedAt: at, tags: [], entities: [],
    };
    const result = classifyItem(classifier, { title, body });
    item.entities = result.entities;
    const matches: StoredMatch[] = result.matches.filter((m) => m.flagged)
      .map((m) => ({ itemKey: item.key, watchlist: m.watchlist, score: m.score, hits: m.hits, ...(m.reasons ? { reasons: m.reasons } : {}), flaggedAt: at }));
    await p.store.items.saveProcessed(item, matches, new Map());
  }
}

/** A send-digest job for a digest that does not exist fails at once, with the name in its error. */
async function failOneJob(p: Pipeline): Promise<void> {
  const q = p.queues[QUEUES.sendDigest];
  await q.add(QUEUES.sendDigest, { digest: XSS }, { attempts: 1 });
  const deadline = Date.now() + 10_000;
  while ((await q.getJobCounts('failed')).failed === 0) {
    if (Date.now() > deadline) throw new Error('seed: the bad job did not fail');
    await new Promise((r) => setTimeout(r, 50));
  }
}
