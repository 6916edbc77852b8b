import { test } from 'node:test';
import assert from 'node:assert/strict';
import { limitDepth } from '../../src/extract/limit-depth.js';
import { extractArticle } from '../../src/extract/extract-article.js';

test('leaves ordinary pages untouched, even with thousands of unclosed list items', () => {
  const html = `<ul>${'<li>item'.repeat(5000)}</ul><p>one<p>two`;
  assert.equal(limitDepth(html), html);
});

test('drops tags nested past the limit and keeps their text', () => {
  const html = `${'<div>'.repeat(10)}<span>deep text</span>${'</div>'.repeat(10)}`;
  const out = limitDepth(html, 5);
  assert.equal(out, `${'<div>'.repeat(5)}deep text${'</div>'.repeat(5)}`);
});

test('thousands of never-closed inline tags parse in bounded time', () => {
  const words = 'Residents said the new market would open in May, two months late, after the roof was redone. ';
  const html = `<html><body><div class="story"><p>${'<b>'.repeat(50_000)}${words.repeat(5)}</p></div></body></html>`;
  const t0 = performance.now();
  const a = extractArticle(html);
  assert.ok(performance.now() - t0 < 3000, 'took too long');
  assert.match(a.text, /^Residents said/);
});
