import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseXmlStrict } from '../../src/feeds/parse-xml-strict.js';
import { parseXmlDom } from '../../src/feeds/parse-xml-dom.js';
import { prepareXml } from '../../src/feeds/prepare-xml.js';

const fixture = (name: string) => prepareXml(readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url), 'utf8'));

test('well-formed RSS takes the rss-parser path, and both paths agree on it', async () => {
  const xml = fixture('rss2-basic.xml');
  const strict = await parseXmlStrict(xml, 'https://feeds.example.com/');
  assert.ok(strict, 'rss-parser read it');
  const dom = parseXmlDom(xml, 'https://feeds.example.com/');
  assert.equal(strict.entries.length, dom.entries.length);
  for (const [a, b] of strict.entries.map((e, i) => [e, dom.entries[i]!] as const)) {
    assert.equal(a.link, b.link);
    assert.equal(a.guid, b.guid);
    assert.equal(a.guidIsPermaLink, b.guidIsPermaLink);
    assert.equal(a.published, b.published);
    assert.deepEqual(a.categories, b.categories);
  }
});

test('what rss-parser cannot read comes back undefined, never as a throw', async () => {
  assert.equal(await parseXmlStrict(fixture('truncated.xml'), undefined), undefined);
  assert.equal(await parseXmlStrict('<rss version="2.0"></rss>', undefined), undefined);
  assert.equal(await parseXmlStrict('<rss version="2.0"><channel><item><description>naked <b>markup</b></description></item></channel></rss>', undefined), undefined);
});
