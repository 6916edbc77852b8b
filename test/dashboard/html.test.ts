import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderAtom, escapeXml } from '../../src/dashboard/atom.js';
import { parseTime } from '../../src/dashboard/data/items.js';
import { escapeHtml, html, raw } from '../../src/dashboard/html.js';
import { crossSiteReason, isLoopbackHost, isLoopbackHostHeader } from '../../src/dashboard/security.js';
import { stackedBars } from '../../src/dashboard/views/chart.js';
import { highlightedSnippet } from '../../src/dashboard/views/format.js';
import { safeUrl } from '../../src/dashboard/views/items.js';
import { safeNext } from '../../src/dashboard/views/login.js';
import { redactSecrets } from '../../src/redact.js';

test('escapeHtml escapes every character that could open markup or leave an attribute', () => {
  assert.equal(escapeHtml(`<a href="x" onclick='y'>&\`</a>`), '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;');
  assert.equal(escapeHtml(undefined), '');
  assert.equal(escapeHtml(42), '42');
});

test('the html template escapes interpolations, keeps SafeHtml, joins lists and drops nothing-values', () => {
  const title = '<img src=x onerror=alert(1)>';
  assert.equal(html`<p title="${title}">${title}</p>`.value, '<p title="&lt;img src=x onerror=alert(1)&gt;">&lt;img src=x onerror=alert(1)&gt;</p>');
  assert.equal(html`<ul>${['a<', 'b'].map((x) => html`<li>${x}</li>`)}</ul>`.value, '<ul><li>a&lt;</li><li>b</li></ul>');
  assert.equal(html`${raw('<b>ok</b>')}${null}${undefined}${false}${0}`.value, '<b>ok</b>0');
});

test('a hit is highlighted inside its snippet, and the rest of the snippet stays escaped', () => {
  const body = 'Police said <b>Daesh</b> fighters were seen.';
  const start = body.indexOf('Daesh');
  const hit = { term: '@ISIS', field: 'body', start, end: start + 5, snippet: body };
  assert.equal(highlightedSnippet(hit, { title: '', body }).value, 'Police said &lt;b&gt;<mark>Daesh</mark>&lt;/b&gt; fighters were seen.');
  const stale = { ...hit, start: 500, end: 505 };
  assert.equal(highlightedSnippet(stale, { title: '', body }).value, escapeHtml(body), 'offsets beyond the text: no mark, still escaped');
});

test('links from feeds go out only as http(s)', () => {
  assert.equal(safeUrl('https://example.org/a?b=1'), 'https://example.org/a?b=1');
  assert.equal(safeUrl('javascript:alert(1)'), '#');
  assert.equal(safeUrl('data:text/html,<script>'), '#');
});

test('escapeXml escapes markup and drops characters XML 1.0 forbids', () => {
  assert.equal(escapeXml(`a\u0000b\u0007c<&>"'\u{1F600}`), 'abc&lt;&amp;&gt;&quot;&apos;\u{1F600}');
});

test('an Atom feed with no entries is still complete', () => {
  const xml = renderAtom({ watchlist: 'w', selfUrl: 'http://h/feeds/w.atom', htmlUrl: 'http://h/items?watchlist=w', entries: [], now: new Date('2026-11-21T00:00:00Z') });
  assert.match(xml, /<updated>2026-11-21T00:00:00\.000Z<\/updated>/);
  assert.match(xml, /<author><name>wirewatch<\/name><\/author>/);
  assert.doesNotMatch(xml, /<entry>/);
});

test('only loopback addresses count as loopback, for binding and for Host headers', () => {
  for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) assert.ok(isLoopbackHost(h), h);
  for (const h of ['0.0.0.0', '::', '10.0.0.1', '192.168.1.1', 'example.org', '127.0.0.1.nip.io']) assert.ok(!isLoopbackHost(h), h);
  assert.ok(isLoopbackHostHeader('127.0.0.1:3000') && isLoopbackHostHeader('localhost') && isLoopbackHostHeader('[::1]:3000'));
  assert.ok(!isLoopbackHostHeader('evil.example:3000') && !isLoopbackHostHeader(undefined));
});

test('crossSiteReason lets same-origin and programmatic requests through, and refuses the rest', () => {
  const host = '127.0.0.1:3000';
  assert.equal(crossSiteReason({ host, origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }, 'cookie'), undefined);
  assert.equal(crossSiteReason({ host }, 'bearer'), undefined, 'a program with a token');
  assert.equal(crossSiteReason({ host }, undefined), undefined, 'a program on loopback without a token');
  assert.match(crossSiteReason({ host, origin: 'http://evil.example' }, 'cookie')!, /not this dashboard/);
  assert.match(crossSiteReason({ host, origin: 'null' }, undefined)!, /bad Origin null/);
  assert.match(crossSiteReason({ host, 'sec-fetch-site': 'same-site' }, 'bearer')!, /same-site/);
  assert.match(crossSiteReason({ host }, 'cookie')!, /no Origin/);
});

test('parseTime reads relative spans and ISO dates', () => {
  const now = Date.parse('2026-11-21T12:00:00Z');
  assert.equal(parseTime('24h', now), now - 86_400_000);
  assert.equal(parseTime('7d', now), now - 7 * 86_400_000);
  assert.equal(parseTime('90m', now), now - 90 * 60_000);
  assert.equal(parseTime('2026-11-01', now), Date.parse('2026-11-01'));
  assert.throws(() => parseTime('soon', now), /bad time "soon"/);
});

test('the chart stacks each bucket by watch-list and names the counts in tooltips', () => {
  const svg = stackedBars(
    [{ start: '2026-11-21T10:00:00.000Z', counts: { a: 2, 'b<': 1 } }, { start: '2026-11-21T11:00:00.000Z', counts: {} }],
    ['a', 'b<'], { title: 'T', label: () => '', name: (s) => s.slice(11, 13) },
  ).value;
  assert.equal((svg.match(/<rect /g) ?? []).length, 2);
  assert.match(svg, /<title>10: a 2<\/title>/);
  assert.match(svg, />3<\/text>/, 'the axis tops at the tallest stack');
  assert.doesNotMatch(svg, /b</);
});

test('redactSecrets masks passwords in URLs and secret-looking query parameters', () => {
  assert.equal(redactSecrets('fetch: HTTP 401 from https://bob:hunter2@example.org/feed?apikey=abc&page=2&token=xyz'),
    'fetch: HTTP 401 from https://bob:***@example.org/feed?apikey=***&page=2&token=***');
  assert.equal(redactSecrets('https://example.org/feed.xml?page=2'), 'https://example.org/feed.xml?page=2');
});

test('after signing in, the browser goes back only to a path on this server', () => {
  assert.equal(safeNext('/items?watchlist=a'), '/items?watchlist=a');
  for (const bad of ['//evil.example/x', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', undefined, '/a\nb']) assert.equal(safeNext(bad), '/', String(bad));
});
