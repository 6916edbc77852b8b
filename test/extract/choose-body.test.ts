import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseArticleBody } from '../../src/extract/choose-body.js';
import { extractArticle } from '../../src/extract/extract-article.js';
import type { FeedItem } from '../../src/types.js';
import { fixturePage } from './fixture-pages.js';

function item(over: Partial<FeedItem> = {}): FeedItem {
  return {
    key: 'k1', feedId: 'libya', url: 'https://news.example/a', title: 'Drone strike reported near Sirte',
    summary: 'A drone strike hit a vehicle south of Sirte on Sunday, local officials said; no group has claimed it.',
    categories: [], published: '2024-04-07T09:00:00.000Z', author: 'Desk', ...over,
  };
}

test('a JS-only page falls back to the feed summary', () => {
  const page = fixturePage('js-only');
  const body = chooseArticleBody(extractArticle(page.source), item());
  assert.equal(body.bodySource, 'feed');
  assert.equal(body.text, page.expected.trim());
  assert.equal(body.title, 'Drone strike reported near Sirte');
  assert.equal(body.published, '2024-04-07T09:00:00.000Z');
});

test('a page that could not be fetched uses the feed, preferring full content to the summary', () => {
  const body = chooseArticleBody(undefined, item({ content: 'The full text of the item as the feed carries it, which is longer than the summary by a good margin, as full content usually is.' }));
  assert.equal(body.bodySource, 'feed');
  assert.match(body.text, /^The full text/);
  assert.equal(body.byline, 'Desk');
});

test('a page with enough text keeps its own body and metadata', () => {
  const extracted = extractArticle(fixturePage('sample-000-related-posts').source);
  const body = chooseArticleBody(extracted, item());
  assert.equal(body, extracted);
  assert.equal(body.bodySource, 'page');
});

test('a short page still wins when the feed has even less', () => {
  const extracted = { text: 'Short note of forty characters or so.', bodySource: 'page' as const };
  assert.equal(chooseArticleBody(extracted, item({ summary: '' })).bodySource, 'page');
  assert.equal(chooseArticleBody(extracted, item(), { minChars: 20 }).bodySource, 'page');
  assert.equal(chooseArticleBody(extracted, item()).bodySource, 'feed');
});

test('the feed text standing in for the body is cut at the cap and marked truncated', () => {
  const content = 'Word after word of the feed content. '.repeat(200);
  const body = chooseArticleBody(undefined, item({ content }), { maxChars: 1_000 });
  assert.equal(body.bodySource, 'feed');
  assert.ok(body.text.length <= 1_000);
  assert.equal(body.truncated, true);
  const marked = chooseArticleBody(undefined, item({ content: 'Content the feed stage already cut at the cap, longer than the summary so that it is the text chosen for the body of this item here.', truncated: true }));
  assert.equal(marked.truncated, true, 'a cut made by the feed stage is carried');
});
