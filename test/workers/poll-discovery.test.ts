import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Redis } from 'ioredis';
import type { FeedState } from '../../src/feeds/feed-state.js';
import { QUEUES } from '../../src/jobs/definitions.js';
import { closeQueues, openQueues, type Queues } from '../../src/jobs/queues.js';
import { startServer, type TestServer } from '../helpers/http-server.js';
import { deletePrefix, testPrefix, testRedis } from '../helpers/redis.js';
import { pollJob, pollSetup } from './poll-harness.js';

const prefix = testPrefix('poll-discovery');
let redis: Redis;
let queues: Queues;
let site: TestServer;

const rss = (title: string, ...paths: string[]) => `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>http://site/</link>
${paths.map((p, i) => `<item><title>${title} ${i}</title><link>http://news.example/${p}</link><pubDate>Mon, 0${i + 1} Dec 2026 10:00:00 GMT</pubDate></item>`).join('\n')}</channel></rss>`;
const atom = (title: string, path: string) => `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>${title}</title><id>urn:x</id><updated>2026-12-01T00:00:00Z</updated>
<entry><title>${title} entry</title><id>urn:x:${path}</id><link href="http://news.example/${path}"/><updated>2026-12-02T00:00:00Z</updated></entry></feed>`;
const page = (head: string, body = '') => `<!DOCTYPE html><html><head><title>Home</title>${head}</head><body><h1>News</h1>${body}</body></html>`;
const HTML = { 'content-type': 'text/html; charset=utf-8' };
const XML = { 'content-type': 'application/rss+xml' };

before(async () => {
  redis = testRedis();
  queues = openQueues(redis, `${prefix}:bull`);
  site = await startServer({
    // Declares RSS with a relative address.
    '/rss-home/': { headers: HTML, body: page('<link rel="alternate" type="application/rss+xml" title="All news" href="feed.xml">') },
    '/rss-home/feed.xml': { headers: XML, body: rss('Declared', 'a1', 'a2') },
    // Declares a comments feed first, then the posts as Atom: the posts win.
    '/two/': { headers: HTML, body: page('<link rel="alternate" type="application/rss+xml" title="Comments" href="/two/comments.xml"><link rel="alternate" type="application/atom+xml" title="Posts" href="/two/atom">') },
    '/two/comments.xml': { headers: XML, body: rss('Comments on everything', 'c1') },
    '/two/atom': { headers: { 'content-type': 'application/atom+xml' }, body: atom('Posts', 'p1') },
    // Declares a JSON Feed through <base href>.
    '/json/index.html': { headers: HTML, body: page('<base href="/api/"><link rel="alternate" type="application/feed+json" href="feed.json">') },
    '/api/feed.json': { headers: { 'content-type': 'application/feed+json' }, body: JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', items: [{ id: 'j1', url: 'http://news.example/j1', title: 'Json one' }] }) },
    // No declaration, a link in the page.
    '/linked/': { headers: HTML, body: page('', '<footer><a href="/linked/rss.xml">RSS</a></footer>') },
    '/linked/rss.xml': { headers: XML, body: rss('Linked', 'l1') },
    // Nothing declared or linked: the usual path answers (on this server's root).
    '/': { headers: HTML, body: page('<meta name="x" content="y">') },
    '/feed': { headers: XML, body: rss('Usual', 'u1', 'u2', 'u3') },
  });
});
after(async () => {
  await closeQueues(queues);
  await site.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

function setup(feeds: Array<[string, string]>) {
  const yaml = `fetch: { allowPrivateNetworks: true, perHostGap: 0s }\nfeeds:\n${feeds.map(([id, path]) => `  - { id: ${id}, url: '${site.url}${path}', interval: 1h, fetchArticles: false }\n`).join('')}`;
  return pollSetup(redis, queues, prefix, yaml);
}

test('a home page declaring its RSS feed by a relative address is polled through that feed, and the feed directly after', async () => {
  const { store, poll } = setup([['declared', '/rss-home/']]);
  assert.deepEqual(await poll(pollJob('declared')), { status: 'ok', items: 2, new: 2 });
  const state = await store.feeds.get<FeedState>('declared');
  assert.equal(state?.url, `${site.url}/rss-home/feed.xml`);
  assert.deepEqual(state?.discovered, { url: `${site.url}/rss-home/feed.xml`, source: 'declared', page: `${site.url}/rss-home/`, title: 'Declared' });
  assert.equal((await poll(pollJob('declared'))).items, 2);
  assert.equal(site.hits.get('/rss-home/'), 1, 'the page is read once, then the feed it declared');
  assert.equal(site.hits.get('/rss-home/feed.xml'), 2);
});

test('of several declared feeds, the posts are chosen over a comments feed declared first', async () => {
  const { store, poll } = setup([['two', '/two/']]);
  assert.equal((await poll(pollJob('two'))).status, 'ok');
  const state = await store.feeds.get<FeedState>('two');
  assert.equal(state?.discovered?.url, `${site.url}/two/atom`);
  const queued = await queues[QUEUES.processArticle].getJobs(['waiting']);
  assert.ok(queued.some((j) => j.data.item.url === 'http://news.example/p1'));
  assert.ok(!queued.some((j) => j.data.item.url === 'http://news.example/c1'), 'no comment was taken');
});

test('a JSON Feed declared under <base href>, a feed linked in the body, and a feed at a usual path are each found', async () => {
  const { store, poll } = setup([['json', '/json/index.html'], ['linked', '/linked/'], ['usual', '/']]);
  for (const id of ['json', 'linked', 'usual']) assert.equal((await poll(pollJob(id))).status, 'ok', id);
  assert.deepEqual([(await store.feeds.get<FeedState>('json'))?.discovered?.url, (await store.feeds.get<FeedState>('json'))?.discovered?.source], [`${site.url}/api/feed.json`, 'declared']);
  assert.deepEqual([(await store.feeds.get<FeedState>('linked'))?.discovered?.url, (await store.feeds.get<FeedState>('linked'))?.discovered?.source], [`${site.url}/linked/rss.xml`, 'linked']);
  assert.deepEqual([(await store.feeds.get<FeedState>('usual'))?.discovered?.url, (await store.feeds.get<FeedState>('usual'))?.discovered?.source], [`${site.url}/feed`, 'usual-path']);
  assert.equal(site.hits.get('/rss'), undefined, 'the usual paths stop at the first feed');
});

test('a page pointing at no feed is an error that says what was tried and what to do', async () => {
  const { store, poll } = setup([['none', '/linked/rss-missing/']]);
  const result = await poll(pollJob('none'));
  assert.equal(result.status, 'error');
  // The server answers 404 for the missing page itself: that is the error, against the URL it came from.
  const state = await store.feeds.get<FeedState>('none');
  assert.match(state?.lastError ?? '', /404/);
  assert.equal(state?.errorUrl, `${site.url}/linked/rss-missing/`);
});

test('a page whose candidates all fail says so, naming type: html and type: sitemap', async () => {
  const bare = await startServer({ '/': { headers: HTML, body: page('') } });
  try {
    const yaml = `fetch: { allowPrivateNetworks: true, perHostGap: 0s }\nfeeds:\n  - { id: bare, url: '${bare.url}/', interval: 1h }\n`;
    const { store, poll } = pollSetup(redis, queues, prefix, yaml);
    assert.equal((await poll(pollJob('bare'))).status, 'error');
    const state = await store.feeds.get<FeedState>('bare');
    assert.match(state?.lastError ?? '', /^parse: an HTML page that declares no feed, and none answered at the usual paths \(7 tried\).*type: html.*type: sitemap/);
  } finally {
    await bare.close();
  }
});
