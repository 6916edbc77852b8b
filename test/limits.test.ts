import { test } from 'node:test';
import assert from 'node:assert/strict';
import { capStoredItem, cutText, DEFAULT_LIMITS } from '../src/limits.js';
import type { StoredItem } from '../src/types.js';
import { makeConfig } from './helpers/config.js';
import { ConfigError } from '../src/errors.js';

test('cutText cuts at a paragraph, else a word, never inside a surrogate pair', () => {
  assert.deepEqual(cutText('short', 10), { text: 'short', truncated: false });
  const paragraphs = `${'a'.repeat(95)}\n\n${'b'.repeat(50)}`;
  assert.deepEqual(cutText(paragraphs, 100), { text: 'a'.repeat(95), truncated: true });
  assert.equal(cutText(`${'word '.repeat(30)}`, 100).text.endsWith('word'), true);
  const emoji = `${'x'.repeat(99)}😀tail`;
  assert.equal(cutText(emoji, 100).text, 'x'.repeat(99));
});

test('a stored item is capped field by field, whatever produced it', () => {
  const item: StoredItem = {
    key: 'k', feedId: 'f', url: `https://e.example/${'u'.repeat(9_000)}`, title: 't'.repeat(5_000), summary: 's '.repeat(20_000),
    body: 'b '.repeat(300_000), bodySource: 'page', byline: 'n'.repeat(1_000), processedAt: '2026-01-01T00:00:00.000Z',
    tags: Array.from({ length: 500 }, (_, i) => `t${i}`), entities: Array.from({ length: 2_000 }, (_, i) => ({ name: `E${i}${'e'.repeat(300)}`, type: 'org' as const, count: 1 })),
  };
  const capped = capStoredItem(item);
  assert.ok(capped.body.length <= DEFAULT_LIMITS.bodyChars);
  assert.equal(capped.truncated, true);
  assert.equal(capped.url, undefined);
  assert.ok(capped.title.length <= 1_000 && capped.summary.length <= 20_000 && capped.byline!.length <= 300);
  assert.equal(capped.tags.length, 100);
  assert.equal(capped.entities.length, 500);
  assert.ok(capped.entities.every((e) => e.name.length <= 200));
  assert.ok(JSON.stringify(capped).length < DEFAULT_LIMITS.bodyChars + 160_000);
  const small = { ...item, url: 'https://e.example/a', title: 't', summary: 's', body: 'b', byline: 'n', tags: [], entities: [] };
  assert.deepEqual(capStoredItem(small), small);
});

test('feeds.yaml limits: defaults, overrides, and refusals at file:line:col', () => {
  assert.deepEqual(makeConfig({}).feeds.limits, { ...DEFAULT_LIMITS });
  const config = makeConfig({ feeds: 'limits: { bodyChars: 50000, itemsPerPoll: 10, classifyChars: 20000 }\nfeeds: []\n' });
  assert.deepEqual(config.feeds.limits, { bodyChars: 50_000, itemsPerPoll: 10, classifyChars: 20_000 });
  assert.throws(() => makeConfig({ feeds: 'limits:\n  bodyChars: 10\n  itemsPerPol: 5\nfeeds: []\n' }), (err: unknown) => {
    assert.ok(err instanceof ConfigError);
    assert.match(err.message, /feeds\.yaml:2:\d+: .*bodyChars/);
    assert.match(err.message, /feeds\.yaml:3:\d+: unknown key "itemsPerPol".*did you mean "itemsPerPoll"/);
    return true;
  });
});
