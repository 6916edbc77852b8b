import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { decodeHtml } from '../../src/extract/decode-html.js';
import { extractArticle } from '../../src/extract/extract-article.js';
import { fixturePage } from './fixture-pages.js';

const TEXT = 'Hélène said “the café costs €5” — twice.';

test('reads a windows-1252 page by its meta charset', () => {
  const page = fixturePage('windows-1252');
  const a = extractArticle(page.source);
  assert.equal(a.text, page.expected.trim());
  assert.equal(a.title, 'Saint-Rémy market opening delayed');
});

test('a byte-order mark wins over every declaration', () => {
  const body = Buffer.from(`<meta charset="windows-1252"><p>${TEXT}</p>`, 'utf8');
  const html = decodeHtml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]), 'text/html; charset=iso-8859-1');
  assert.match(html, new RegExp(TEXT));
});

test('the HTTP charset wins over the meta tag', () => {
  const bytes = iconv.encode(`<meta charset="utf-8"><p>${TEXT}</p>`, 'windows-1252');
  assert.match(decodeHtml(bytes, 'text/html; charset=windows-1252'), new RegExp(TEXT));
});

test('reads an http-equiv Content-Type declaration', () => {
  const bytes = iconv.encode(`<meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><p>Привет, мир</p>`, 'koi8-r');
  assert.match(decodeHtml(bytes), /Привет, мир/);
});

test('without any declaration, valid UTF-8 is UTF-8 and anything else windows-1252', () => {
  assert.match(decodeHtml(Buffer.from(`<p>${TEXT}</p>`, 'utf8')), new RegExp(TEXT));
  assert.match(decodeHtml(iconv.encode(`<p>${TEXT}</p>`, 'windows-1252')), new RegExp(TEXT));
});

test('ignores an unknown charset label', () => {
  const bytes = Buffer.from(`<meta charset="x-no-such-thing"><p>${TEXT}</p>`, 'utf8');
  assert.match(decodeHtml(bytes, 'text/html; charset=bogus'), new RegExp(TEXT));
});

test('guesses a legacy charset from the page language, or Cyrillic from the bytes', () => {
  const ru = 'Правительство национального согласия объявило о наступлении на Сирт.';
  assert.match(decodeHtml(iconv.encode(`<html lang="ru"><p>${ru}</p></html>`, 'windows-1251')), new RegExp(ru));
  assert.match(decodeHtml(iconv.encode(`<html><body><p>${ru} ${ru}</p></body></html>`, 'windows-1251')), new RegExp(ru));
  const pl = 'Żołnierze wrócili do bazy w Łodzi, powiedział rzecznik.';
  assert.match(decodeHtml(iconv.encode(`<html lang="pl"><p>${pl}</p></html>`, 'windows-1250')), new RegExp(pl));
});

test('reads a UTF-16 page that starts with a byte-order mark', () => {
  const html = `<html><body><div class="story"><p>${TEXT} ${TEXT} ${TEXT}</p></div></body></html>`;
  const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(html, 'utf16le')]);
  assert.equal(extractArticle(bytes).text, `${TEXT} ${TEXT} ${TEXT}`);
});
