import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../src/extract/extract-article.js';
import { BOILERPLATE_LINES, fixturePages, shingleF1 } from './fixture-pages.js';

const pages = fixturePages().filter((p) => p.name !== 'js-only');

for (const page of pages) {
  test(`extracts the article of fixture page ${page.name}`, () => {
    const article = extractArticle(page.source);
    const f1 = shingleF1(page.expected, article.text);
    assert.ok(f1 >= 0.97, `${page.name}: F1 ${f1.toFixed(3)}\n--- got:\n${article.text}`);
  });
}

test('no furniture line of the sample pages survives extraction', () => {
  for (const page of pages.filter((p) => p.name.startsWith('sample-'))) {
    const lines = extractArticle(page.source).text.split('\n').map((l) => l.trim());
    for (const furniture of BOILERPLATE_LINES) {
      assert.ok(!lines.includes(furniture), `${page.name} still has "${furniture}"`);
    }
  }
});

test('drops the popular-post titles under "Popular posts from this blog"', () => {
  const page = pages.find((p) => p.name === 'sample-003-blogger-quote')!;
  const text = extractArticle(page.source).text;
  assert.doesNotMatch(text, /Supreme Court Justices|Obamacare|Zarqawi/);
});

test('keeps one copy of a body that repeats the headline, and no headline', () => {
  const page = pages.find((p) => p.name === 'sample-004-repeated-headline')!;
  const text = extractArticle(page.source).text;
  assert.doesNotMatch(text, /U\.S\. Plans To Deploy More Troops/);
  assert.match(text, /^The US Department of Defense said/);
});

test('leaves out a long comment section, though it holds more text than the article', () => {
  const page = pages.find((p) => p.name === 'long-comments')!;
  const text = extractArticle(page.source).text;
  assert.doesNotMatch(text, /drip irrigation|says:|Reply|thoughts on/);
});

test('leaves out related-story links and teaser cards', () => {
  const page = pages.find((p) => p.name === 'related-posts')!;
  const text = extractArticle(page.source).text;
  assert.doesNotMatch(text, /sardine|Jellyfish|You may also like|More on this story|Most read|By Pere Vidal/);
});

test('keeps every entry of a live blog, without the timestamps', () => {
  const page = pages.find((p) => p.name === 'live-blog')!;
  const text = extractArticle(page.source).text;
  for (const heading of ['Polls close in the capital', 'Turnout passes 40 percent', 'Voting under way']) assert.match(text, new RegExp(heading));
  assert.doesNotMatch(text, /^\d\d:\d\d$/m);
  assert.doesNotMatch(text, /newsletter/i);
});

test('reads an article from a table layout without the navigation cell', () => {
  const page = pages.find((p) => p.name === 'table-layout')!;
  const text = extractArticle(page.source).text;
  assert.doesNotMatch(text, /Home|Sport|Copyright|Back to news/);
  assert.equal(text.split('\n\n').length, 4);
});
