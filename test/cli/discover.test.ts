import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';
import { writeConfigDir } from '../helpers/config.js';
import { startServer, type TestServer } from '../helpers/http-server.js';

let site: TestServer;
/** No politeness gap: a page's candidates all sit on the one test host. */
const quick = () => writeConfigDir({ feeds: 'fetch: { perHostGap: 0s }\nfeeds: []\n' });

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Site news</title>
<item><title>One</title><link>http://news.example/1</link><pubDate>Tue, 01 Dec 2026 09:30:00 GMT</pubDate></item>
<item><title>Two</title><link>http://news.example/2</link><pubDate>Wed, 02 Dec 2026 09:30:00 GMT</pubDate></item></channel></rss>`;
const HTML = { 'content-type': 'text/html' };

before(async () => {
  site = await startServer({
    '/news.xml': { headers: { 'content-type': 'application/rss+xml' }, body: RSS },
    '/home': { headers: HTML, body: '<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/news.xml" title="Site news"><link rel="alternate" type="application/atom+xml" href="/atom-gone"></head><body>hi</body></html>' },
    '/article': { headers: HTML, body: '<!doctype html><html><head><title>A story</title></head><body><p>No feed here.</p></body></html>' },
    '/list': { headers: HTML, body: '<!doctype html><html><body><ul class="news"><li><a href="/a/1">First story</a></li><li><a href="/a/2">Second story</a></li></ul></body></html>' },
  });
});
after(() => site.close());

test('discover lists a page\'s candidates with what each is, and marks the one that would be polled', async () => {
  const r = await runCli(['discover', '--config', quick(), `${site.url}/home`]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], `${site.url}/home: a page; its feed is ${site.url}/news.xml (rss, 2 items, newest 2026-12-02 09:30) "Site news"`);
  assert.ok(lines.some((l) => l.startsWith(`  * declared   ${site.url}/news.xml  rss, 2 items`)), r.stdout);
  assert.ok(lines.some((l) => l.startsWith(`    declared   ${site.url}/atom-gone  fetch: HTTP 404`)), r.stdout);
  assert.ok(lines.some((l) => l.startsWith(`    usual-path ${site.url}/rss.xml  fetch: HTTP 404`)), 'every usual path is judged too');
});

test('discover --json: one object per URL; a feed is a feed, a 404 an error with exit 1', async () => {
  const r = await runCli(['discover', '--config', quick(), '--json', `${site.url}/news.xml`, `${site.url}/nothing`]);
  assert.equal(r.code, 1);
  const [feed, missing] = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(feed.kind, 'feed');
  assert.equal(feed.items, 2);
  assert.equal(feed.title, 'Site news');
  assert.equal(feed.newest, '2026-12-02T09:30:00.000Z');
  assert.match(missing.error, /^discover: not found \(fetch: HTTP 404/);
});

test('check-config --online says what every URL is, names the setting for a refused address, and exits 1', async () => {
  const port = new URL(site.url).port;
  const dir = writeConfigDir({
    feeds: `fetch: { allowHosts: [127.0.0.1], perHostGap: 0s }\nfeeds:\n` +
      `  - { id: feed, url: '${site.url}/news.xml' }\n` +
      `  - { id: home, url: '${site.url}/home' }\n` +
      `  - { id: article, url: '${site.url}/article' }\n` +
      `  - { id: gone, url: '${site.url}/gone.xml' }\n` +
      `  - { id: private, url: 'http://127.0.0.2:${port}/news.xml' }\n` +
      `  - { id: listing, url: '${site.url}/list', type: html, select: { item: 'ul.news li' } }\n`,
  });
  const r = await runCli(['check-config', '--online', '--config', dir]);
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0]!, /^config ok: 6 feeds/);
  assert.equal(lines[1], `  ok  feed: ${site.url}/news.xml: a feed (rss, 2 items, newest 2026-12-02 09:30) "Site news"`);
  assert.equal(lines[2], `  ok  home: ${site.url}/home: a page; its feed is ${site.url}/news.xml (rss, 2 items, newest 2026-12-02 09:30) "Site news"`);
  assert.match(lines[3]!, /^ {2}BAD article: .*: a page with no feed found \(7 candidates tried\); use type: html with select, or type: sitemap$/);
  assert.match(lines[4]!, /^ {2}BAD gone: .*: not found \(fetch: HTTP 404/);
  assert.match(lines[5]!, /^ {2}BAD private: .*: refused by the address guard .*allow it with fetch\.allowHosts: \[127\.0\.0\.2\] \(this host only\) or fetch\.allowPrivateNetworks: true$/);
  assert.equal(lines[6], `  ok  listing: ${site.url}/list: a listing page read with select (2 items)`);
  assert.equal(lines[7], '3 of 6 feeds cannot be polled as configured');
});
