import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../src/extract/extract-article.js';
import { ExtractError } from '../../src/extract/errors.js';
import { WirewatchError } from '../../src/errors.js';
import { fixturePage } from './fixture-pages.js';

const PARAS = [
  'The council met on Monday evening to discuss the new bus routes, which have drawn complaints from residents in the north.',
  'Officials said the routes would be reviewed in March, after a survey of riders, and that fares would not change this year.',
  'Residents had asked for a stop near the clinic, which is now a twenty-minute walk from the nearest line, and for later buses.',
];

function page(body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bus routes</title>${head}</head><body>${body}</body></html>`;
}

const ARTICLE = `<div class="share-bar"><a href="#">Share</a></div><div class="story">${PARAS.map((p) => `<p>${p}</p>`).join('')}</div>`;

test('reads title, byline, date, language and image from meta and JSON-LD', () => {
  const ld = { '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'LD headline', datePublished: '2024-05-01T10:00:00+02:00', author: { '@type': 'Person', name: 'Rana Aziz' } };
  const head = `<meta property="og:title" content="Council reviews bus routes"><meta property="og:image" content="/img/bus.jpg"><script type="application/ld+json">${JSON.stringify(ld)}</script>`;
  const a = extractArticle(page(ARTICLE, head), { url: 'https://news.example/2024/bus' });
  assert.equal(a.title, 'Council reviews bus routes');
  assert.equal(a.byline, 'Rana Aziz');
  assert.equal(a.published, '2024-05-01T08:00:00.000Z');
  assert.equal(a.lang, 'en');
  assert.equal(a.image, 'https://news.example/img/bus.jpg');
  assert.equal(a.bodySource, 'page');
  assert.equal(a.text, PARAS.join('\n\n'));
});

test('falls back to <title>, article:author and <time> when richer metadata is missing', () => {
  const a = extractArticle(page(`<time datetime="2023-12-24">24 Dec</time>${ARTICLE}`, '<meta name="author" content="J. Smith">'));
  assert.equal(a.title, 'Bus routes');
  assert.equal(a.byline, 'J. Smith');
  assert.equal(a.published, '2023-12-24T00:00:00.000Z');
});

test('uses a whole JSON-LD articleBody when the page shows only a teaser', () => {
  const a = extractArticle(fixturePage('jsonld-body').source);
  assert.equal(a.bodySource, 'structured-data');
  assert.equal(a.byline, 'Amal Haddad');
  assert.match(a.text, /new cranes arrive from Turkey/);
  assert.doesNotMatch(a.text, /Subscribe/);
});

test('prefers the page to a truncated JSON-LD articleBody', () => {
  const ld = { '@type': 'Article', articleBody: `${PARAS[0]} ${PARAS[1]} ${PARAS[2]} And more text that goes on for a long time before it is cut...` };
  const a = extractArticle(page(ARTICLE, `<script type="application/ld+json">${JSON.stringify(ld)}</script>`));
  assert.equal(a.bodySource, 'page');
});

test('a per-site include selector beats the heuristics, and exclude removes what it names', () => {
  const html = page(`${ARTICLE}<div class="box"><p>Box text that the site rule wants, short.</p><p class="ad">Buy now</p></div>`);
  const a = extractArticle(html, { include: '.box', exclude: ['.ad'] });
  assert.equal(a.text, 'Box text that the site rule wants, short.');
});

test('an include selector that matches nothing leaves the heuristics to find the body', () => {
  const a = extractArticle(page(ARTICLE), { include: '.no-such-thing' });
  assert.equal(a.text, PARAS.join('\n\n'));
});

test('a bad selector is an ExtractError naming the selector', () => {
  assert.throws(() => extractArticle(page(ARTICLE), { exclude: ['div[['] }), (err: unknown) => err instanceof ExtractError && /exclude selector "div\[\["/.test((err as Error).message));
});

test('refuses input that is not HTML with an extract error', () => {
  const cases: [string | Buffer, { contentType?: string }][] = [
    [Buffer.from('%PDF-1.7\n%\xe2\xe3\n1 0 obj', 'latin1'), {}],
    [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), {}],
    ['{"title": "json"}', { contentType: 'application/json' }],
    ['just some words with no markup at all', {}],
  ];
  for (const [input, opts] of cases) {
    assert.throws(() => extractArticle(input, opts), (err: unknown) => {
      assert.ok(err instanceof ExtractError && err instanceof WirewatchError);
      assert.equal(err.stage, 'extract');
      assert.match(err.message, /^extract: not an HTML page/);
      return true;
    });
  }
});

test('refuses a page over the size limit', () => {
  assert.throws(() => extractArticle(page(ARTICLE), { maxBytes: 100 }), /^ExtractError: extract: page of \d+ bytes is over/);
});

test('pathological nesting finishes quickly and keeps the text', () => {
  const depth = 100_000;
  const html = page(`${'<div>'.repeat(depth)}<p>${PARAS[0]}</p>${'</div>'.repeat(depth)}`);
  const t0 = performance.now();
  const a = extractArticle(html);
  assert.ok(performance.now() - t0 < 10_000);
  assert.equal(a.text, PARAS[0]);
});

test('a huge flat DOM finishes in bounded time', () => {
  const html = page(`${'<span>x</span>'.repeat(100_000)}${ARTICLE}`);
  const t0 = performance.now();
  const a = extractArticle(html);
  assert.ok(performance.now() - t0 < 10_000);
  assert.match(a.text, /bus routes/);
});

test('a page with no article text gives empty text, not an error', () => {
  const a = extractArticle(fixturePage('js-only').source);
  assert.equal(a.text, '');
  assert.equal(a.title, 'Drone strike reported near Sirte');
});

test('a block headed "You may also like" is left out, even when its teasers hold more prose', () => {
  const teaser = (n: number) => `<article><h4>Story ${n}</h4><p>Teaser ${n}: a long excerpt of another story, with commas, clauses, and more words, so that it scores well, perhaps better than the article itself does, which is the point.</p></article>`;
  const html = page(`<div><article><h1>Bus routes</h1>${PARAS.map((p) => `<p>${p}</p>`).join('')}</article>
    <section><h3>You may also like</h3>${[1, 2, 3, 4, 5].map(teaser).join('')}</section></div>`);
  assert.equal(extractArticle(html).text, PARAS.join('\n\n'));
});

test('a layout wrapper named "with-sidebar" around the whole page is not taken for a sidebar', () => {
  const html = page(`<div class="layout with-sidebar"><div class="col">${PARAS.map((p) => `<p>${p}</p>`).join('')}</div>
    <div class="widget"><a href="/a">Most read story one</a></div></div>`);
  assert.equal(extractArticle(html).text, PARAS.join('\n\n'));
});

test('hidden menus go, but a page hidden whole behind a consent wall keeps its article', () => {
  const menu = '<ul style="display:none"><li><a href="/">Home</a></li><li>Hidden menu entry with enough words in it</li></ul>';
  const html = page(`<div id="app" aria-hidden="true">${menu}<div class="story">${PARAS.map((p) => `<p>${p}</p>`).join('')}</div></div>
    <div class="consent-modal"><p>We use cookies to improve your experience.</p></div>`);
  assert.equal(extractArticle(html).text, PARAS.join('\n\n'));
});

test('a hundred thousand sibling scripts and hidden blocks are removed in linear time', () => {
  const junk = '<script>var x = 1;</script><div hidden>menu</div>'.repeat(50_000);
  const t0 = performance.now();
  const a = extractArticle(page(`${junk}${ARTICLE}`));
  assert.ok(performance.now() - t0 < 10_000);
  assert.equal(a.text, PARAS.join('\n\n'));
});

test('a title taken from <title> loses the site name', () => {
  const html = '<html><head><title>San Vicente Bulletin - Council approves 2024 budget</title></head><body><p>Text of the article, long enough to count as a paragraph.</p></body></html>';
  assert.equal(extractArticle(html).title, 'Council approves 2024 budget');
});

test('a byline from the markup loses its "By", handle, date and reading time', () => {
  const html = page(`<div class="byline">By Bryan DeArdo @BryanDeArdo Nov 18, 2019 at 9:24 pm ET • 2 min read</div>${ARTICLE}`);
  assert.equal(extractArticle(html).byline, 'Bryan DeArdo');
  const dateOnly = page(`<span class="byline"><time>October 05, 2017</time></span>${ARTICLE}`);
  assert.equal(extractArticle(dateOnly).byline, undefined);
});

test('when the scored body is tiny, every clean paragraph of prose on the page is taken instead', () => {
  const body = PARAS.map((p, i) => `<div class="row-${i}"><div class="col-${i}"><p>${p}</p></div></div>`).join('');
  assert.equal(extractArticle(`<html><body>${body}</body></html>`).text, PARAS.join('\n\n'));
});

test('a <pre> block keeps its lines', () => {
  const html = page(`<div class="story">${PARAS.map((p) => `<p>${p}</p>`).join('')}<pre>line one
  line two</pre></div>`);
  assert.match(extractArticle(html).text, /\n\nline one\nline two$/);
});

test('the body is cut at the body cap, at a paragraph break, and marked truncated', () => {
  const long = Array.from({ length: 400 }, (_, i) => `<p>Paragraph ${i} of the council report, with words enough to count as prose, commas, and more.</p>`).join('');
  const a = extractArticle(page(`<div class="story">${long}</div>`), { maxTextChars: 5_000 });
  assert.ok(a.text.length <= 5_000 && a.text.length > 4_000, String(a.text.length));
  assert.equal(a.truncated, true);
  assert.match(a.text, /more\.$/, 'cut between paragraphs');
  assert.equal(extractArticle(page(ARTICLE)).truncated, undefined, 'a short page is not marked');
});

test('an 8 MB page keeps at most 200,000 characters by default', () => {
  const a = extractArticle(page(`<div class="story">${'<p>Some words of text here, and more, and more text in the story.</p>'.repeat(120_000)}</div>`));
  assert.ok(a.text.length <= 200_000, String(a.text.length));
  assert.equal(a.truncated, true);
});
