import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FeedParseError } from '../../src/feeds/feed-parse-error.js';
import { prepareXml } from '../../src/feeds/prepare-xml.js';
import { readFeed } from '../../src/feeds/read-feed.js';
import { assertLinear, doublingTo, repeatTo } from '../hostile/growth.js';

const opts = { url: 'https://feeds.example.com/feed', feedId: 'desk' };
const item = '<rss version="2.0"><channel><item><title>By &org;</title></item></channel></rss>';

function settle(run: () => unknown): unknown {
  try {
    return run();
  } catch (err) {
    if (!(err instanceof FeedParseError)) throw err;
    return err;
  }
}

test('a feed repeating "<!DOCTYPE [x" is refused in time linear in its size', async () => {
  await assertLinear('repeated DOCTYPE openings', {
    sizes: doublingTo(1024 * 1024, 4),
    build: (size) => repeatTo('<!DOCTYPE [x', size, '<rss>'),
    run: (xml) => settle(() => prepareXml(xml)),
    budgetMs: 500,
  });
});

test('an unclosed DOCTYPE is a clear parse error, not a hang', () => {
  assert.throws(() => prepareXml('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "b">' + 'x'.repeat(1000)),
    (err: unknown) => err instanceof FeedParseError && /^parse: DOCTYPE .*never closes/.test(err.message));
});

test('the DOCTYPE is read from the prolog only: one quoted inside CDATA content stays', async () => {
  const xml = `<?xml version="1.0"?><!-- a comment --><!DOCTYPE rss [<!ENTITY org "Wire ]> Watch">]>${item.replace('</item>', '<description><![CDATA[<!DOCTYPE html><p>page</p>]]></description></item>')}`;
  const feed = await readFeed(Buffer.from(xml), opts);
  assert.equal(feed.items[0]!.title, 'By Wire ]> Watch');
  assert.equal(feed.items[0]!.summary, 'page');
  assert.match(prepareXml(xml), /<!\[CDATA\[<!DOCTYPE html>/);
});

test('entities nested too deep are refused with a clear error', () => {
  let dtd = '<!ENTITY e0 "x">';
  for (let i = 1; i <= 200; i++) dtd += `<!ENTITY e${i} "&e${i - 1};">`;
  assert.throws(() => prepareXml(`<!DOCTYPE rss [${dtd}]><rss>&e200;</rss>`),
    (err: unknown) => err instanceof FeedParseError && /^parse: entities nested more than \d+ deep/.test(err.message));
});

test('parameter entities, comments, processing instructions and ATTLISTs in the subset are skipped', async () => {
  const dtd = '<!ENTITY % p "x"> %p; <!-- ] > --> <?pi ]> ?> <!ATTLIST item a CDATA "]>"> <!ENTITY org \'Wire "W" Watch\'>';
  const feed = await readFeed(Buffer.from(`<!DOCTYPE rss [${dtd}]>${item}`), opts);
  assert.equal(feed.items[0]!.title, 'By Wire "W" Watch');
});
