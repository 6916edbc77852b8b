import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalizeUrl } from '../../src/feeds/canonical-url.js';
import { parseDate } from '../../src/feeds/parse-date.js';
import { htmlToText } from '../../src/feeds/html-text.js';

test('canonicalizeUrl drops tracking parameters and fragments, lower-cases the host', () => {
  assert.equal(canonicalizeUrl('HTTPS://News.Example.ORG:443/a/b?utm_source=x&id=3&fbclid=abc&gclid=1#top'), 'https://news.example.org/a/b?id=3');
  assert.equal(canonicalizeUrl('http://example/?a=1&b=2&c'), 'http://example/?a=1&b=2&c');
  assert.equal(canonicalizeUrl('../x?utm_medium=rss', 'https://example.org/a/b/'), 'https://example.org/a/x');
  assert.equal(canonicalizeUrl('https://bücher.example/'), 'https://xn--bcher-kva.example/');
});

test('canonicalizeUrl refuses what is not an http(s) URL', () => {
  assert.equal(canonicalizeUrl('tag:example.org,2024:1'), undefined);
  assert.equal(canonicalizeUrl('javascript:alert(1)'), undefined);
  assert.equal(canonicalizeUrl('not a url'), undefined);
  assert.equal(canonicalizeUrl(''), undefined);
});

test('parseDate reads RFC 822, RFC 3339 and common broken variants', () => {
  assert.equal(parseDate('Tue, 04 Jun 2024 09:30:00 +0200'), '2024-06-04T07:30:00.000Z');
  assert.equal(parseDate('4 Jun 2024 09:30 EDT'), '2024-06-04T13:30:00.000Z');
  assert.equal(parseDate('Wed, 5 Jun 24 10:00 GMT'), '2024-06-05T10:00:00.000Z');
  assert.equal(parseDate('2024-06-04T09:30:00.5+02:00'), '2024-06-04T07:30:00.500Z');
  assert.equal(parseDate('2024-06-04 09:30:00'), '2024-06-04T09:30:00.000Z');
  assert.equal(parseDate('2024-06-04'), '2024-06-04T00:00:00.000Z');
  assert.equal(parseDate('Tuesday, 04-Jun-2024 09:30:00 GMT'), '2024-06-04T09:30:00.000Z');
  assert.equal(parseDate('yesterday'), undefined);
  assert.equal(parseDate(''), undefined);
});

test('htmlToText strips markup, drops script and style, decodes entities', () => {
  assert.equal(htmlToText('<p>One &amp; <b>two</b></p><script>evil()</script><style>p{}</style><p>three&nbsp;&eacute;</p>'), 'One & two\n\nthree é');
  assert.equal(htmlToText('&lt;p&gt;escaped twice&lt;/p&gt;'), 'escaped twice');
  assert.equal(htmlToText('a < b and c > d'), 'a < b and c > d');
});
