import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { startServer, type TestServer } from '../helpers/http-server.js';

let server: TestServer;
const dir = mkdtempSync(join(tmpdir(), 'ww-inputs-'));

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title><link>https://example.org/</link>
<item><title>Islamic State attack near Sirte</title><link>https://example.org/a?utm_source=x</link><guid>a</guid><pubDate>Fri, 20 Nov 2026 06:00:00 GMT</pubDate></item>
<item><title>Markets close higher</title><link>https://example.org/b</link><guid>b</guid></item></channel></rss>`;
const PAGE = `<!doctype html><html lang="en"><head><title>Strike in Libya | Site</title><meta property="og:title" content="Strike in Libya"></head>
<body><nav>Home | World</nav><article><h1>Strike in Libya</h1><p>The Islamic State lost a camp near Sirte on Friday after an airstrike, officials in Libya said, in the third such raid this year.</p>
<p>Officials in Tripoli said fighters had used the camp to prepare attacks along the coast, and that more strikes would follow in the coming weeks.</p></article>
<footer>Leave a Reply</footer></body></html>`;

before(async () => {
  server = await startServer({
    '/feed.xml': { headers: { 'content-type': 'application/rss+xml' }, body: RSS },
    '/page': { headers: { 'content-type': 'text/html; charset=utf-8' }, body: PAGE },
    '/broken.xml': { headers: { 'content-type': 'application/xml' }, body: '<html><body>not a feed</body></html>' },
  });
  writeFileSync(join(dir, 'story.txt'), 'ISIS fighters regroup in Libya\nThe Islamic State is regrouping south of Sirte, officials say.\n');
  writeFileSync(join(dir, 'page.html'), PAGE);
});
after(() => server.close());

const lines = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

test('poll: several inputs, one JSON object each with its source; a failing one prints its error and the others go on', async () => {
  const r = await runCli(['poll', '--json', `${server.url}/feed.xml`, `${server.url}/missing.xml`, join('config', 'feeds', 'desk-wire.xml')]);
  assert.equal(r.code, 1, 'an input failed');
  const [feed, missing, file] = lines(r.stdout);
  assert.equal(feed!.source, `${server.url}/feed.xml`);
  const items = feed!.items as Array<{ title: string; url: string }>;
  assert.deepEqual(items.map((i) => i.title), ['Islamic State attack near Sirte', 'Markets close higher']);
  assert.equal(items[0]!.url, 'https://example.org/a', 'tracking parameters dropped');
  assert.equal(missing!.source, `${server.url}/missing.xml`);
  assert.match(String(missing!.error), /404/);
  assert.equal((file!.items as unknown[]).length, 5);
});

test('poll: a configured feed id polls that feed; human output lists the items', async () => {
  const r = await runCli(['poll', 'regional-monitor']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^regional-monitor: Regional Monitor \(sample\) \[atom\], 5 items/);
  assert.match(r.stdout, /Weapons supplied to Syrian rebels/);
});

test('extract: URL and .html file, with title, lang, body source and no furniture', async () => {
  const r = await runCli(['extract', '--json', `${server.url}/page`, join(dir, 'page.html'), join(dir, 'story.txt')]);
  const [fromUrl, fromFile, text] = lines(r.stdout);
  for (const a of [fromUrl!, fromFile!]) {
    assert.equal(a.title, 'Strike in Libya');
    assert.equal(a.lang, 'en');
    assert.match(String(a.text), /lost a camp near Sirte/);
    assert.doesNotMatch(String(a.text), /Leave a Reply|Home \| World/);
    assert.ok(['page', 'structured-data'].includes(String(a.bodySource)));
  }
  assert.match(String(text!.error), /not an HTML page/);
  assert.equal(r.code, 1);
});

test('classify: file, page and stdin, with flags, scores and hits per watch-list', async () => {
  const r = await runCli(['classify', '--json', '--watchlist', 'isis-north-africa', join(dir, 'story.txt'), `${server.url}/page`, '-'], {
    input: 'Bakery news\nA new bakery opened downtown.\n',
  });
  assert.equal(r.code, 0, r.stderr);
  const [story, page, stdin] = lines(r.stdout);
  for (const result of [story!, page!]) {
    const matches = result.matches as Array<{ watchlist: string; flagged: boolean; score: number; hits: Array<{ term: string; snippet: string }> }>;
    assert.deepEqual(matches.map((m) => m.watchlist), ['isis-north-africa'], 'only the asked watch-list');
    assert.equal(matches[0]!.flagged, true);
    assert.ok(matches[0]!.hits.some((h) => h.term.includes('ISIS') && /Islamic State|ISIS/.test(h.snippet)));
  }
  assert.equal(stdin!.source, '-');
  assert.equal((stdin!.matches as Array<{ flagged: boolean }>)[0]!.flagged, false);
});

test('classify: an unknown watch-list is a usage error', async () => {
  const r = await runCli(['classify', '--watchlist', 'nope', '-'], { input: 'x\ny\n' });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no watch-list "nope"/);
});
