import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDigest } from '../../src/digest/build-digest.js';
import { makeItem, makeMatch, manyEntries, prose } from './make-items.js';

const base = { name: 'brief', runId: 'brief-1', scheduledFor: '2026-11-21T07:00:00.000Z' };
const wire = prose(42, 150);

function syndicated() {
  const a = makeItem('a', { feedId: 'reuters', title: 'Militants attack checkpoint near Sirte', body: wire });
  const b = makeItem('b', { feedId: 'libya-observer', title: 'Checkpoint near Sirte attacked by militants', body: wire });
  const c = makeItem('c', { feedId: 'aljazeera', title: 'Militants attack checkpoint near Sirte', body: `${wire} Additional reporting by staff.`, url: 'https://aj.example/sirte' });
  return [a, b, c];
}

test('groups entries by watch-list in config order, ranked by score then recency', () => {
  const x = makeItem('x', { published: '2026-11-21T01:00:00Z' });
  const y = makeItem('y', { published: '2026-11-21T04:00:00Z' });
  const z = makeItem('z');
  const d = buildDigest({
    ...base,
    entries: [
      { item: x, match: makeMatch(x, 'libya', 5) },
      { item: y, match: makeMatch(y, 'libya', 5) },
      { item: z, match: makeMatch(z, 'sinai', 9) },
    ],
    watchlists: { libya: { description: 'Libya' }, sinai: {} },
    maxItems: 10,
  });
  assert.deepEqual(d.sections.map((s) => s.watchlist), ['libya', 'sinai']);
  assert.deepEqual(d.sections[0]!.entries.map((e) => e.key), ['y', 'x']);
  assert.equal(d.sections[0]!.description, 'Libya');
  assert.deepEqual([...d.itemKeys].sort(), ['x', 'y', 'z']);
});

test('a syndicated wire story from three feeds becomes one entry listing all three', () => {
  const items = syndicated();
  const d = buildDigest({ ...base, entries: items.map((item, i) => ({ item, match: makeMatch(item, 'libya', 3 + i) })), watchlists: { libya: {} }, maxItems: 10 });
  assert.equal(d.entryCount, 1);
  const entry = d.sections[0]!.entries[0]!;
  assert.deepEqual(entry.sources.map((s) => s.feedId).sort(), ['aljazeera', 'libya-observer', 'reuters']);
  assert.equal(entry.score, 5);
  assert.equal(entry.key, 'c', 'the best-scoring copy represents the story');
  assert.deepEqual([...d.itemKeys].sort(), ['a', 'b', 'c']);
});

test('different stories stay apart', () => {
  const items = Array.from({ length: 20 }, (_, i) => makeItem(`s${i}`, { title: `Report ${i}`, body: prose(1000 + i, 120) }));
  const d = buildDigest({ ...base, entries: items.map((item) => ({ item, match: makeMatch(item, 'libya', 1) })), watchlists: { libya: {} }, maxItems: 50 });
  assert.equal(d.entryCount, 20);
});

test('the cluster threshold changes what counts as one story', () => {
  const a = makeItem('a', { body: prose(7, 100) });
  // Same lede with every sixth word changed: similar, but not a copy.
  const b = makeItem('b', { body: prose(7, 100).split(' ').map((w, i) => (i % 6 === 0 ? `x${i}` : w)).join(' ') });
  const entries = [a, b].map((item) => ({ item, match: makeMatch(item, 'libya', 2) }));
  const loose = buildDigest({ ...base, entries, watchlists: { libya: {} }, maxItems: 10, clusterThreshold: 0.2 });
  const strict = buildDigest({ ...base, entries, watchlists: { libya: {} }, maxItems: 10, clusterThreshold: 0.9 });
  assert.equal(loose.entryCount, 1);
  assert.equal(strict.entryCount, 2);
});

test('items with the same URL are one story even when the text differs', () => {
  const a = makeItem('a', { url: 'https://x.example/1', body: prose(1) });
  const b = makeItem('b', { url: 'https://x.example/1', body: prose(2), feedId: 'feed-b' });
  const d = buildDigest({ ...base, entries: [a, b].map((item) => ({ item, match: makeMatch(item, 'l', 1) })), watchlists: { l: {} }, maxItems: 5 });
  assert.equal(d.entryCount, 1);
});

test('caps at maxItems stories and defers the rest', () => {
  const d = buildDigest({ ...base, entries: manyEntries(30), watchlists: { libya: {} }, maxItems: 10 });
  assert.equal(d.entryCount, 10);
  assert.equal(d.itemKeys.length, 10);
  assert.equal(d.deferredKeys.length, 20);
  assert.equal(d.sections[0]!.entries[0]!.score, 30);
});

test('minScore drops matches under it, and reports items with nothing left', () => {
  const hi = makeItem('hi');
  const lo = makeItem('lo');
  const d = buildDigest({
    ...base,
    entries: [{ item: hi, match: makeMatch(hi, 'libya', 8) }, { item: lo, match: makeMatch(lo, 'libya', 2) }],
    watchlists: { libya: {} },
    maxItems: 10,
    minScore: 5,
  });
  assert.deepEqual(d.itemKeys, ['hi']);
  assert.deepEqual(d.droppedKeys, ['lo']);
});

test('an item matched by two watch-lists appears once, under its best, noting the other', () => {
  const it = makeItem('both');
  const d = buildDigest({
    ...base,
    entries: [{ item: it, match: makeMatch(it, 'libya', 3) }, { item: it, match: makeMatch(it, 'sinai', 6) }],
    watchlists: { libya: {}, sinai: {} },
    maxItems: 10,
  });
  assert.equal(d.entryCount, 1);
  assert.equal(d.sections[0]!.watchlist, 'sinai');
  assert.deepEqual(d.sections[0]!.entries[0]!.alsoMatched, ['libya']);
  assert.deepEqual(d.itemKeys, ['both']);
});

test('a flag stored before reasons were kept says why from its hits, each term once with its count', () => {
  const it = makeItem('w', { title: 'ISIS claims attack in Sirte' });
  const match = makeMatch(it, 'libya', 4);
  match.hits = [
    { term: '@ISIS', field: 'title', start: 0, end: 4, snippet: 'ISIS claims attack' },
    { term: '@ISIS', field: 'title', start: 0, end: 4, snippet: 'ISIS claims attack' },
    { term: 'Sirte', field: 'body', start: 10, end: 15, snippet: 'in Sirte on Monday' },
  ];
  const d = buildDigest({ ...base, entries: [{ item: it, match }], watchlists: { libya: {} }, maxItems: 10 });
  assert.deepEqual(d.sections[0]!.entries[0]!.why, [
    { term: '@ISIS', detail: ' x2', field: 'title', snippet: 'ISIS claims attack' },
    { term: 'Sirte', detail: '', field: 'body', snippet: 'in Sirte on Monday' },
  ]);
});

test('a copy whose feed stripped the accents is still the same story', () => {
  const body = 'Le ministère de la Défense a annoncé mercredi que des frappes aériennes près de Syrte avaient visé un dépôt. Selon le porte-parole, trois véhicules ont été détruits et les opérations se poursuivent dans la région côtière.';
  const a = makeItem('fr1', { feedId: 'lemonde', title: 'Frappes aériennes près de Syrte', body });
  const b = makeItem('fr2', { feedId: 'wire', title: 'Frappes aeriennes pres de Syrte', body: body.normalize('NFKD').replace(/\p{M}/gu, '') });
  const d = buildDigest({ ...base, entries: [a, b].map((item) => ({ item, match: makeMatch(item, 'libya', 2) })), watchlists: { libya: {} }, maxItems: 5 });
  assert.equal(d.entryCount, 1);
});

test('a copy trimmed to its lede joins the full story', () => {
  const full = prose(77, 600);
  const a = makeItem('full', { feedId: 'agency', title: 'Port closed after storm', body: full });
  const b = makeItem('short', { feedId: 'aggregator', title: 'Port closed after storm', body: '', summary: full.split(' ').slice(0, 90).join(' ') });
  const d = buildDigest({ ...base, entries: [a, b].map((item) => ({ item, match: makeMatch(item, 'libya', 2) })), watchlists: { libya: {} }, maxItems: 5 });
  assert.equal(d.entryCount, 1);
});

test('build is deterministic: the same claimed entries give the same digest', () => {
  const entries = manyEntries(50);
  const one = buildDigest({ ...base, entries, watchlists: { libya: {} }, maxItems: 20 });
  const two = buildDigest({ ...base, entries: [...entries].reverse(), watchlists: { libya: {} }, maxItems: 20 });
  assert.deepEqual(two, one);
});

test('different stories that share a boilerplate body stay apart', () => {
  const boilerplate = 'Subscribe to continue reading. ' + prose(5, 120);
  const items = ['Port of Tripoli reopens', 'Elections postponed in Tunisia', 'Drought hits Moroccan farmers'].map((title, i) => makeItem(`bp${i}`, { title, body: boilerplate }));
  const d = buildDigest({ ...base, entries: items.map((item) => ({ item, match: makeMatch(item, 'libya', 1) })), watchlists: { libya: {} }, maxItems: 10 });
  assert.equal(d.entryCount, 3);
});

test('two thousand copies of one story cluster quickly into one entry', () => {
  const body = prose(3, 200);
  const entries = Array.from({ length: 2000 }, (_, i) => {
    const item = makeItem(`dup${i}`, { feedId: `f${i}`, title: 'Ceasefire agreed in Sirte', body });
    return { item, match: makeMatch(item, 'libya', 1) };
  });
  const started = performance.now();
  const d = buildDigest({ ...base, entries, watchlists: { libya: {} }, maxItems: 10 });
  assert.equal(d.entryCount, 1);
  assert.equal(d.itemKeys.length, 2000);
  assert.ok(performance.now() - started < 10_000, 'linear, not quadratic, in a crowded bucket');
});
