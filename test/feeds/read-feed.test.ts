import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { readFeed } from '../../src/feeds/read-feed.js';
import { FeedParseError } from '../../src/feeds/feed-parse-error.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url));
const opts = { url: 'https://feeds.example.com/x/feed', feedId: 'desk' };

test('reads RSS 2.0 into plain-text, canonical, dated items', async () => {
  const feed = await readFeed(fixture('rss2-basic.xml'), opts);
  assert.equal(feed.format, 'rss');
  assert.equal(feed.title, 'Wire & Watch');
  const [first, second, third] = feed.items;
  assert.equal(first!.title, 'Clashes near Sirte');
  assert.equal(first!.url, 'https://news.example.org/2024/06/sirte?id=7');
  assert.equal(first!.summary, 'Fighting resumed & spread.');
  assert.equal(first!.content, 'Full text here.');
  assert.equal(first!.published, '2024-06-04T07:30:00.000Z');
  assert.equal(first!.author, 'Jane Doe');
  assert.deepEqual(first!.categories, ['Libya', 'Conflict']);
  assert.deepEqual(first!.enclosure, { url: 'https://cdn.example.org/a.mp3', type: 'audio/mpeg', length: 12345 });
  assert.equal(second!.author, 'Desk Editor');
  assert.equal(second!.published, '2024-06-05T10:00:00.000Z');
  assert.equal(third!.url, undefined);
  for (const item of feed.items) assert.match(item.key, /^[ugh][0-9a-f]{32}$/);
});

test('keys: a GUID names the item, a bare permalink GUID gives way to the canonical link', async () => {
  const feed = await readFeed(fixture('rss2-basic.xml'), opts);
  const other = await readFeed(fixture('rss2-basic.xml'), { ...opts, feedId: 'other' });
  assert.equal(feed.items[0]!.key[0], 'g');
  assert.equal(feed.items[1]!.key[0], 'u');
  assert.equal(feed.items[2]!.key[0], 'h');
  // The same article in another feed gets the same key, so it is seen once.
  assert.equal(feed.items[0]!.key, other.items[0]!.key);
  assert.equal(feed.items[1]!.key, other.items[1]!.key);
  const again = await readFeed(fixture('rss2-basic.xml'), opts);
  assert.deepEqual(again.items.map((i) => i.key), feed.items.map((i) => i.key));
});

test('short numeric GUIDs are scoped to their feed so two feeds do not collide', async () => {
  const rss = (guid: string) => Buffer.from(`<rss version="2.0"><channel><item><title>t</title><guid isPermaLink="false">${guid}</guid></item></channel></rss>`);
  const a = await readFeed(rss('123'), { ...opts, feedId: 'a' });
  const b = await readFeed(rss('123'), { ...opts, feedId: 'b' });
  assert.notEqual(a.items[0]!.key, b.items[0]!.key);
});

test('Atom: xml:base at feed and entry level resolves links; text types respected', async () => {
  const feed = await readFeed(fixture('atom-xml-base.xml'), opts);
  assert.equal(feed.format, 'atom');
  assert.equal(feed.title, 'Atom Blog');
  const [one, two] = feed.items;
  assert.equal(one!.url, 'https://blog.example.net/root/posts/first.html');
  assert.equal(one!.title, 'Fish & chips <3');
  assert.equal(one!.summary, 'Short & sweet');
  assert.equal(one!.content, 'Long body');
  assert.equal(one!.published, '2024-06-01T15:00:00.000Z');
  assert.deepEqual(one!.categories, ['Food']);
  assert.equal(one!.enclosure?.url, 'https://blog.example.net/root/posts/img/one.png');
  assert.equal(two!.url, 'https://blog.example.net/root/second.html');
  assert.equal(two!.published, '2024-06-02T10:00:00.000Z');
});

test('Atom 0.3 with base64 content and issued dates; Atom under a namespace prefix', async () => {
  const old = await readFeed(fixture('atom-0.3.xml'), opts);
  assert.equal(old.items[0]!.summary, 'Base64 summary');
  assert.equal(old.items[0]!.published, '2004-01-05T10:00:00.000Z');
  const prefixed = await readFeed(fixture('atom-prefixed.xml'), opts);
  assert.equal(prefixed.items.length, 1);
  assert.equal(prefixed.items[0]!.url, 'http://prefixed.example.com/e1');
});

test('RSS 1.0 (RDF) and RSS without a version attribute', async () => {
  const rdf = await readFeed(fixture('rss1-rdf.xml'), opts);
  assert.equal(rdf.format, 'rdf');
  assert.equal(rdf.items.length, 2);
  assert.equal(rdf.items[0]!.published, '2024-01-02T03:04:05.000Z');
  assert.deepEqual(rdf.items[0]!.categories, ['Topic']);
  const nover = await readFeed(fixture('rss-no-version.xml'), opts);
  assert.equal(nover.items.length, 1);
  const noChannel = await readFeed(Buffer.from('<rss version="2.0"></rss>'), opts);
  assert.equal(noChannel.items.length, 0);
});

test('JSON Feed 1.1 with numeric ids, authors and attachments', async () => {
  const feed = await readFeed(fixture('json-feed-1.1.json'), opts);
  assert.equal(feed.format, 'json');
  assert.equal(feed.items.length, 2);
  assert.equal(feed.items[0]!.url, 'https://json.example.org/one');
  assert.equal(feed.items[0]!.content, 'Hello JSON');
  assert.equal(feed.items[0]!.author, 'Feed Author');
  assert.equal(feed.items[0]!.enclosure?.length, 1000);
  assert.equal(feed.items[1]!.guid, '2');
  assert.equal(feed.items[1]!.author, 'Other');
});

test('recovers malformed XML: bare &, HTML entities, undefined entities, unclosed tags', async () => {
  const feed = await readFeed(fixture('malformed-entities.xml'), opts);
  assert.equal(feed.items.length, 2);
  assert.match(feed.items[0]!.title, /^Café & bar .* R&D$/);
  assert.equal(feed.items[0]!.url, 'http://broken.example.com/a?x=1&y=2');
  assert.equal(feed.items[1]!.title, 'Second item');
});

test('recovers the complete items of a truncated file', async () => {
  const feed = await readFeed(fixture('truncated.xml'), opts);
  assert.deepEqual(feed.items.slice(0, 2).map((i) => i.url), ['http://cut.example.com/1', 'http://cut.example.com/2']);
});

test('a billion-laughs document fails fast with a clean error', async () => {
  let dtd = '<!ENTITY lol "lol">';
  for (let i = 1; i <= 9; i++) dtd += `<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`;
  const doc = `<?xml version="1.0"?><!DOCTYPE rss [${dtd}]><rss version="2.0"><channel><item><title>&lol9;</title></item></channel></rss>`;
  const started = Date.now();
  await assert.rejects(readFeed(Buffer.from(doc), opts), (err: unknown) => err instanceof FeedParseError && /entity expansion/.test(err.message));
  assert.ok(Date.now() - started < 1000);
});

test('small internal entities are expanded', async () => {
  const doc = '<!DOCTYPE rss [<!ENTITY org "Wire Watch">]><rss version="2.0"><channel><item><title>By &org;</title></item></channel></rss>';
  const feed = await readFeed(Buffer.from(doc), opts);
  assert.equal(feed.items[0]!.title, 'By Wire Watch');
});

test('not a feed: an HTML page, random text, empty body, bad JSON all give FeedParseError', async () => {
  for (const body of [fixture('not-a-feed.html'), Buffer.from('hello world'), Buffer.alloc(0), Buffer.from('{"a":'), Buffer.from('<root><x/></root>')]) {
    await assert.rejects(readFeed(body, opts), (err: unknown) => err instanceof FeedParseError && err.message.startsWith('parse: '));
  }
});

const cyrillic = 'Новости: Минск и Киев';

test('decodes windows-1251 from the XML declaration with no U+FFFD', async () => {
  const xml = `<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>${cyrillic}</title><item><title>${cyrillic}</title></item></channel></rss>`;
  const feed = await readFeed(iconv.encode(xml, 'windows-1251'), opts);
  assert.equal(feed.items[0]!.title, cyrillic);
});

test('decodes UTF-16 with and without a BOM, and UTF-32', async () => {
  const xml = (enc: string) => `<?xml version="1.0" encoding="${enc}"?><rss version="2.0"><channel><item><title>${cyrillic} — 日本</title></item></channel></rss>`;
  const le = await readFeed(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(xml('utf-16'), 'utf-16le')]), opts);
  assert.equal(le.items[0]!.title, `${cyrillic} — 日本`);
  const be = await readFeed(iconv.encode(xml('utf-16'), 'utf-16be'), opts);
  assert.equal(be.items[0]!.title, `${cyrillic} — 日本`);
  const u32 = await readFeed(iconv.encode(xml('utf-32'), 'utf-32be'), opts);
  assert.equal(u32.items[0]!.title, `${cyrillic} — 日本`);
});

test('the HTTP charset outranks the XML declaration; bytes that contradict it do not', async () => {
  const xml = `<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><item><title>${cyrillic}</title></item></channel></rss>`;
  const feed = await readFeed(iconv.encode(xml, 'windows-1251'), { ...opts, contentType: 'application/rss+xml; charset=windows-1251' });
  assert.equal(feed.items[0]!.title, cyrillic);
  const utf8Lie = await readFeed(iconv.encode(xml.replace('iso-8859-1', 'windows-1251'), 'windows-1251'), { ...opts, contentType: 'text/xml; charset=utf-8' });
  assert.equal(utf8Lie.items[0]!.title, cyrillic);
});

test('a stray latin-1 byte in UTF-8 garbles nothing else', async () => {
  const body = Buffer.concat([Buffer.from('<rss version="2.0"><channel><item><title>Zürich '), Buffer.from([0xe9]), Buffer.from(' 東京</title></item></channel></rss>')]);
  const feed = await readFeed(body, opts);
  assert.equal(feed.items[0]!.title, 'Zürich é 東京');
});

test('a gzip-compressed body is inflated; maxItems caps the items', async () => {
  const { gzipSync } = await import('node:zlib');
  const feed = await readFeed(gzipSync(fixture('rss2-basic.xml')), { ...opts, maxItems: 2 });
  assert.equal(feed.items.length, 2);
});

test('a legacy encoding with no declaration at all is recognized from the text', async () => {
  const text = 'Президент заявил, что переговоры продолжатся на следующей неделе в Москве';
  const xml = `<rss version="2.0"><channel><item><title>${text}</title></item></channel></rss>`;
  for (const encoding of ['windows-1251', 'koi8-r']) {
    const feed = await readFeed(iconv.encode(xml, encoding), opts);
    assert.equal(feed.items[0]!.title, text, encoding);
  }
  const japanese = 'これは日本語のニュースです。東京で会議が開かれました。';
  const sjis = await readFeed(iconv.encode(`<rss version="2.0"><channel><item><title>${japanese}</title></item></channel></rss>`, 'shift_jis'), opts);
  assert.equal(sjis.items[0]!.title, japanese);
});

test('Atom text constructs typed by MIME type, empty type, and windows-1252 code points', async () => {
  const b64 = Buffer.from('Example <b>Atom</b>').toString('base64');
  const doc = `<feed xmlns="http://www.w3.org/2005/Atom"><title type="">plain</title><entry><title type="application/octet-stream">${b64}</title>` +
    '<summary type="text/plain">a &lt;b&gt; c</summary></entry></feed>';
  const feed = await readFeed(Buffer.from(doc), opts);
  assert.equal(feed.title, 'plain');
  assert.equal(feed.items[0]!.title, 'Example Atom');
  assert.equal(feed.items[0]!.summary, 'a <b> c');
  const smart = await readFeed(Buffer.from('<rss version="2.0"><channel><item><title>don&#146;t</title><description>it\u0092s</description></item></channel></rss>'), opts);
  assert.equal(smart.items[0]!.title, 'don\u2019t');
  assert.equal(smart.items[0]!.summary, 'it\u2019s');
});

test('one broken document after another: every call settles, none leaks a rejection', async () => {
  const truncated = Buffer.from('<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"><entry><title>a</title>' +
    '<media:group><media:content url="http://x/v" type="applicati');
  const good = fixture('rss2-basic.xml');
  for (let i = 0; i < 20; i++) {
    const broken = await readFeed(truncated, opts);
    assert.equal(broken.items.length, 1);
    assert.equal((await readFeed(good, opts)).items.length, 3);
  }
  await new Promise((resolve) => setImmediate(resolve));
});

test('a truncated gzip body gives what it carried', async () => {
  const { gzipSync } = await import('node:zlib');
  const zipped = gzipSync(fixture('rss2-basic.xml'));
  const feed = await readFeed(zipped.subarray(0, zipped.length - 12), opts);
  assert.ok(feed.items.length >= 1);
});

test('a Media RSS content element serves as the enclosure when there is none', async () => {
  const doc = '<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><item><title>v</title>' +
    '<media:content url="https://cdn.example.org/v.mp4" type="video/mp4" fileSize="2048"/></item></channel></rss>';
  const feed = await readFeed(Buffer.from(doc), opts);
  assert.deepEqual(feed.items[0]!.enclosure, { url: 'https://cdn.example.org/v.mp4', type: 'video/mp4', length: 2048 });
});

test('UTF-8 bytes labelled ISO-8859-1 are read as UTF-8, not as Ã©', async () => {
  const xml = '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><item><title>Café crème – Zürich</title></item></channel></rss>';
  const feed = await readFeed(Buffer.from(xml, 'utf8'), { ...opts, contentType: 'application/rss+xml; charset=iso-8859-1' });
  assert.equal(feed.items[0]!.title, 'Café crème – Zürich');
  const latin1 = await readFeed(iconv.encode(xml, 'windows-1252'), opts);
  assert.equal(latin1.items[0]!.title, 'Café crème – Zürich');
});

test('external entities are never resolved, and absurd nesting fails cleanly', async () => {
  const xxe = '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><item><title>a&xxe;b</title></item></channel></rss>';
  const feed = await readFeed(Buffer.from(xxe), opts);
  assert.doesNotMatch(feed.items[0]!.title, /root:/);
  const deep = Buffer.from(`<rss version="2.0"><channel><item><title>${'<b>'.repeat(200_000)}x</title></item></channel></rss>`);
  await readFeed(deep, opts).then(
    (parsed) => assert.ok(parsed.items.length <= 1),
    (err: unknown) => assert.ok(err instanceof FeedParseError),
  );
});

test('unclosed items are all recovered; nesting past the limit is refused fast', async () => {
  const unclosed = `<rss version="2.0"><channel>${[1, 2, 3].map((i) => `<item><title>n${i}</title><link>http://u.example.com/${i}</link>`).join('')}</channel></rss>`;
  const feed = await readFeed(Buffer.from(unclosed), opts);
  assert.deepEqual(feed.items.map((i) => i.title), ['n1', 'n2', 'n3']);
  const started = Date.now();
  await assert.rejects(readFeed(Buffer.from(`<rss version="2.0"><channel>${'<item><title>x</title>'.repeat(100_000)}</channel></rss>`), opts),
    (err: unknown) => err instanceof FeedParseError && /nested more than \d+ deep/.test(err.message));
  assert.ok(Date.now() - started < 5_000);
});

test('a description full of "<" and no ">" (quadratic for rss-parser) is read quickly', async () => {
  const doc = `<rss version="2.0"><channel><item><title>t</title><description><![CDATA[${'<![CDATA['.repeat(50_000)}]]></description></item></channel></rss>`;
  const started = Date.now();
  const feed = await readFeed(Buffer.from(doc), opts);
  assert.equal(feed.items.length, 1);
  assert.ok(Date.now() - started < 3_000);
});
