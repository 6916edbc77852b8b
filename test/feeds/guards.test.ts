import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FeedParseError } from '../../src/feeds/feed-parse-error.js';
import { readFeed } from '../../src/feeds/read-feed.js';
import { dropStrayCloseTags, xmlShape } from '../../src/feeds/xml-shape.js';
import { rootElementName, skipMisc } from '../../src/feeds/prolog.js';

const opts = { url: 'https://feeds.example.com/feed', feedId: 'desk' };
const rss = (inner: string, head = '') => Buffer.from(`${head}<rss version="2.0"><channel><title>t</title>${inner}</channel></rss>`);
const item = (description: string) => `<item><title>t</title><link>https://e.example.com/a</link><description>${description}</description></item>`;

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

test('forty empty comments before the root no longer backtrack exponentially', async () => {
  // The former /^(<!--[\s\S]*?-->\s*)*(<!doctype|<html)/ took seconds from 24 comments on.
  const { ms, value } = await timed(() => readFeed(rss(item('x'), '<!---->'.repeat(40)), opts));
  assert.equal(value.items.length, 1);
  assert.ok(ms < 1_000, `${ms} ms`);
});

test('an HTML page behind comments is still told from a feed', async () => {
  await assert.rejects(readFeed(Buffer.from('<!-- a --><!-- b -->\n<!DOCTYPE html><html><body>x</body></html>'), opts),
    (err: unknown) => err instanceof FeedParseError && /an HTML page, not a feed/.test(err.message));
});

test('a description of "a<p>\\n" runs, quadratic in rss-parser\'s snippet, is read fast', async () => {
  const { ms, value } = await timed(() => readFeed(rss(item(`<![CDATA[${'a<p>\n'.repeat(40_000)}]]>`)), opts));
  assert.equal(value.items.length, 1);
  assert.ok(ms < 1_500, `${ms} ms`);
});

test('the prolog scan skips comments and instructions and names the root', () => {
  assert.equal(rootElementName('<?xml version="1.0"?>\n<!-- c --><!DOCTYPE x><a:feed xmlns:a="u"/>'), 'a:feed');
  assert.equal(rootElementName('<!-- never closed'), '');
  assert.equal(skipMisc('  <?pi x?> <!-- c --> <r/>'), 22);
});

test('shape: depth stops counting past the limit; stray close tags are measured and dropped', () => {
  assert.equal(xmlShape('<a><b><c></c></b></a>', 10).depth, 3);
  assert.equal(xmlShape('<a>'.repeat(100_000), 50).depth, 51);
  const stray = `<r>${'<b>'.repeat(10)}${'</x>'.repeat(5)}</r>`;
  const shape = xmlShape(stray, 100);
  assert.equal(shape.strayCost, 5 * 11);
  assert.equal(shape.balanced, false);
  assert.equal(dropStrayCloseTags(stray), `<r>${'<b>'.repeat(10)}</r>`);
  assert.deepEqual(xmlShape('<r><a/><b></b></r>  trailing', 10), { depth: 2, longestTag: 4, strayCost: 0, balanced: true, rootEnd: 18 });
});

test('items past the per-poll cap are counted, not silently dropped', async () => {
  const feed = await readFeed(rss(Array.from({ length: 30 }, (_, i) => item(`n${i}`)).join('')), { ...opts, maxItems: 12 });
  assert.equal(feed.items.length, 12);
  assert.equal(feed.dropped, 18);
  const small = await readFeed(rss(item('x')), opts);
  assert.equal(small.dropped, undefined);
});

test('feed content is cut at the body cap and the item marked truncated', async () => {
  const words = 'word '.repeat(5_000);
  const feed = await readFeed(rss(`<item><title>t</title><content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">${words}</content:encoded></item>`), { ...opts, maxContentChars: 1_000 });
  assert.ok(feed.items[0]!.content!.length <= 1_000);
  assert.equal(feed.items[0]!.truncated, true);
});

test('a JSON document nested millions deep is refused before JSON.parse reads it', async () => {
  const { ms } = await timed(() => assert.rejects(readFeed(Buffer.from('{"items":' + '['.repeat(2_000_000)), opts),
    (err: unknown) => err instanceof FeedParseError && /^parse: JSON nested more than 64 deep/.test(err.message)));
  assert.ok(ms < 1_000, `${ms} ms`);
});

test('links longer than 8 KB are no links; categories and GUIDs are capped', async () => {
  const long = `https://e.example.com/${'a'.repeat(10_000)}`;
  const cats = Array.from({ length: 300 }, (_, i) => `<category>c${i}</category>`).join('');
  const feed = await readFeed(rss(`<item><title>t</title><link>${long}</link>${cats}<guid isPermaLink="false">${'g'.repeat(5_000)}</guid></item>`), opts);
  assert.equal(feed.items[0]!.url, undefined);
  assert.equal(feed.items[0]!.categories.length, 100);
  assert.equal(feed.items[0]!.guid!.length, 1_000);
});
