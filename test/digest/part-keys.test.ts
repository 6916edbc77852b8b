/**
 * Which items each message of a split digest carries: what a channel that accepted the first
 * N messages has delivered. An entry spread over several messages counts in the last of them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDigest } from '../../src/digest/build-digest.js';
import { digestDocument } from '../../src/digest/document.js';
import { packMessages } from '../../src/digest/pack.js';
import { RENDER_FORMATS, renderDocument, renderDocumentParts } from '../../src/digest/render-document.js';
import { makeItem, makeMatch, manyEntries, prose } from './make-items.js';

const base = { name: 'brief', runId: 'brief-20261121T070000Z-abc123', scheduledFor: '2026-11-21T07:00:00Z', watchlists: { libya: {}, tunisia: {} } };

test('packing: an entry spread over three messages is completed by the third; the others by the message holding them', () => {
  const sections = [
    { heading: () => ['H'], entries: [['a'], ['b1', 'b2', 'b3', 'b4', 'b5'], ['c']] },
    { heading: () => ['K'], entries: [['d']] },
  ];
  const packed = packMessages(sections, { maxItems: 3, maxChars: Infinity }, () => 1);
  assert.deepEqual(packed.map((m) => m.items), [['H', 'a'], ['H', 'b1', 'b2'], ['H', 'b3', 'b4'], ['H', 'b5', 'c'], ['K', 'd']]);
  assert.deepEqual(packed.map((m) => m.ends), [[[0, 0]], [], [], [[0, 1], [0, 2]], [[1, 0]]]);
});

test('every format: the same messages as the renderer, and each item in exactly one of them', () => {
  const story = prose(7, 40);
  // 260 stories in two watch-lists, and one story carried by 200 feeds (spread over messages).
  const copies = Array.from({ length: 200 }, (_, i) => {
    const item = makeItem(`copy-${i}`, { feedId: `feed-${i}`, title: `Wire story, edition ${i}`, body: story });
    return { item, match: makeMatch(item, 'tunisia', 500) };
  });
  const digest = buildDigest({ ...base, entries: [...manyEntries(160), ...manyEntries(100, 'tunisia').map((e, i) => {
    const item = { ...e.item, key: `t-${i}`, url: `https://news.example/t-${i}`, title: `Tunisia ${i}: ${prose(i + 5000, 6)}`, body: prose(i * 104_729 + 77, 120) };
    return { item, match: { ...e.match, itemKey: item.key } };
  }), ...copies], maxItems: 1000 });
  assert.equal(digest.entryCount, 261);
  const doc = digestDocument(digest);
  for (const format of RENDER_FORMATS) {
    const parts = renderDocumentParts(format, doc, 42);
    assert.deepEqual(parts.map((p) => p.message), renderDocument(format, doc, 42), `${format}: the messages a channel sends`);
    const keys = parts.flatMap((p) => p.itemKeys);
    assert.equal(keys.length, digest.itemKeys.length, `${format}: no item twice`);
    assert.deepEqual([...keys].sort(), [...digest.itemKeys].sort(), `${format}: every item once`);
    if (['slack', 'discord', 'teams', 'telegram'].includes(format)) {
      assert.ok(parts.length > 2, `${format} splits (${parts.length})`);
      // The 200 copies are one entry, listed in the first messages: it counts where its last source is.
      const last = parts.findIndex((p) => p.itemKeys.includes('copy-0'));
      const sources = digest.sections.flatMap((sec) => sec.entries).find((e) => e.itemKeys.includes('copy-0'))!.sources;
      const url = (i: number) => JSON.stringify(sources.at(i)!.url).slice(1, -1);
      assert.ok(JSON.stringify(parts[last]!.message).includes(url(-1)), `${format}: the story's keys go with its last source`);
      assert.ok(!JSON.stringify(parts[last]!.message).includes(url(0)), `${format}: its first source is in an earlier message`);
    }
  }
});

test('a webhook part lists the same keys the worker counts for it', () => {
  const digest = buildDigest({ ...base, entries: manyEntries(30), maxItems: 100 });
  const parts = renderDocumentParts('webhook', digestDocument(digest));
  assert.deepEqual(parts.map((p) => p.itemKeys), parts.map((p) => p.message.itemKeys));
});
