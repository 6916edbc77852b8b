import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FeedRow } from '../../src/dashboard/data/feeds.js';
import { niceTicks, stackedBars } from '../../src/dashboard/views/chart.js';
import { feedOrder } from '../../src/dashboard/views/feeds.js';
import { markRanges, reasonList, wordRanges } from '../../src/dashboard/views/format.js';
import { pager } from '../../src/dashboard/views/pager.js';
import { absoluteTime, hourAxis, relativeTag, relativeTime, timeTag, withClock } from '../../src/dashboard/views/time.js';

test('axis ticks are round steps from 0 to at least the maximum', () => {
  assert.deepEqual(niceTicks(3), [0, 1, 2, 3]);
  assert.deepEqual(niceTicks(7), [0, 2, 4, 6, 8]);
  assert.deepEqual(niceTicks(95), [0, 50, 100]);
  assert.deepEqual(niceTicks(1234), [0, 500, 1000, 1500]);
  assert.deepEqual(niceTicks(0), [0, 1], 'an empty chart still has an axis');
  assert.deepEqual(niceTicks(0.07, 4, false), [0, 0.02, 0.04, 0.06, 0.08]);
  assert.deepEqual(niceTicks(0.4), [0, 1], 'counts never get fractional ticks');
});

test('a chart labels every tick and keeps bar text out of the stretched drawing', () => {
  const svg = stackedBars([{ start: '2026-11-21T10:00:00.000Z', counts: { a: 5, b: 2 } }], ['a', 'b'], { title: 'T', label: () => 'x', name: () => 'n' }).value;
  assert.deepEqual([...svg.matchAll(/<text class="yl"[^>]*>([^<]+)<\/text>/g)].map((m) => m[1]), ['0', '2', '4', '6', '8']);
  assert.match(svg, /preserveAspectRatio="none">[^]*<\/svg>\n<text/, 'labels sit outside the stretched inner drawing');
  const grouped = stackedBars([{ start: '2026-11-21T10:00:00.000Z', counts: { a: 5, b: 2 } }], ['a', 'b'], { title: 'T', label: () => '', name: () => 'n', grouped: true }).value;
  assert.deepEqual([...grouped.matchAll(/<text class="yl"[^>]*>([^<]+)<\/text>/g)].map((m) => m[1]), ['0', '2', '4', '6'], 'grouped bars top at the tallest single value');
});

test('times render in the page\'s zone, with the zone on hover; relative times read as a person says them', () => {
  const at = '2026-11-21T06:30:00.000Z';
  const now = Date.parse('2026-11-21T07:00:00.000Z');
  withClock({ zone: 'Europe/Brussels', now }, () => {
    assert.equal(timeTag(at).value, '<time datetime="2026-11-21T06:30:00.000Z" title="2026-11-21 07:30:00 Europe/Brussels">2026-11-21 07:30</time>');
    assert.equal(relativeTag(at).value, '<time datetime="2026-11-21T06:30:00.000Z" title="2026-11-21 07:30:00 Europe/Brussels">30 min ago</time>');
    assert.equal(relativeTag(undefined, 'not yet').value, '<span class="muted">not yet</span>');
  });
  withClock({ zone: 'UTC', now }, () => assert.equal(absoluteTime(Date.parse(at)), '2026-11-21 06:30'));
  const t = (ms: number) => relativeTime(now + ms, now);
  assert.deepEqual([t(-10_000), t(-90_000), t(-3_580_000), t(5 * 3_600_000), t(-47 * 3_600_000), t(-49 * 3_600_000)],
    ['just now', '2 min ago', '1 h ago', 'in 5 h', '47 h ago', '2 d ago']);
});

test('hour labels follow the page\'s zone, half-hour zones included', () => {
  const start = (h: number) => new Date(Date.UTC(2026, 10, 21, h)).toISOString();
  withClock({ zone: 'Asia/Kolkata', now: 0 }, () => {
    assert.deepEqual([0, 1, 2, 3, 4].map((h) => hourAxis(3)(start(h))), ['', '06:30', '', '', '09:30']);
  });
  withClock({ zone: 'America/New_York', now: 0 }, () => assert.equal(hourAxis(6)(start(11)), '06:00'));
});

test('searched words are marked case-insensitively; a hit overlapping a word stays one mark; the rest is escaped', () => {
  const text = 'Libya & LIBYAN <forces> near Sirte';
  const words = wordRanges(text, ['libya', 'sirte', '(']);
  assert.deepEqual(words.map((r) => text.slice(r.start, r.end)), ['Libya', 'LIBYA', 'Sirte']);
  const marked = markRanges(text, [...words, { start: 0, end: 7, kind: 'hit' }]).value;
  assert.equal(marked, '<mark>Libya &amp;</mark> <mark class="q">LIBYA</mark>N &lt;forces&gt; near <mark class="q">Sirte</mark>');
});

test('failing feeds come first, the longest streak first; then feeds never polled; config order otherwise', () => {
  const row = (id: string, status: string, consecutiveErrors = 0) => ({ id, status, consecutiveErrors } as unknown as FeedRow);
  const order = feedOrder([row('a', 'ok'), row('b', 'failing', 1), row('c', 'never'), row('d', 'failing', 4), row('e', 'ok')]).map((f) => f.id);
  assert.deepEqual(order, ['d', 'b', 'c', 'a', 'e']);
});

test('the pager links the neighbours and a few numbers, keeping the query', () => {
  const nav = pager({ path: '/items', query: { q: 'a b', page: '5' }, page: 5, pageSize: 10, total: 95 }).value;
  assert.deepEqual([...nav.matchAll(/>(\d+|…)</g)].map((m) => m[1]), ['1', '…', '3', '4', '5', '6', '7', '…', '10']);
  assert.match(nav, /href="\/items\?q=a\+b&amp;page=4" rel="prev"/);
  assert.match(nav, /href="\/items\?q=a\+b">1</, 'page 1 has no page parameter');
  assert.equal(pager({ path: '/items', query: {}, page: 1, pageSize: 10, total: 10 }).value, '', 'one page: no pager');
});

test('a flag is explained per term, strongest first, with counts, the alias words and the first snippet marked', () => {
  const body = 'The Labour Party said Labour would win. Election day is near; Labour Party leaders agree.';
  const at = (w: string, from = 0) => body.indexOf(w, from);
  const hit = (term: string, start: number, len: number) => ({ term, field: 'body', start, end: start + len, snippet: body.slice(Math.max(0, start - 10), start + len + 10) });
  const hits = [
    hit('@Labour', at('Labour Party'), 12), hit('@Labour', at('Labour would'), 6), hit('@Labour', at('Labour Party', 50), 12),
    hit('election', at('Election'), 8),
  ];
  const match = {
    score: 10, hits,
    reasons: [
      { term: 'election', points: 6, count: 1, matched: [{ text: 'Election', count: 1 }] },
      { term: '@Labour', points: 4, count: 3, matched: [{ text: 'Labour Party', count: 2 }, { text: 'Labour', count: 1 }] },
    ],
  };
  const out = reasonList(match, { title: '', body }).value;
  const lines = out.split('<li>').slice(1);
  assert.equal(lines.length, 2, 'one line per term, not one per occurrence');
  assert.match(lines[0]!, /<code class="term">election<\/code>.*\+6 · 60%/);
  assert.match(lines[1]!, /<code class="term">@Labour<\/code> <span class="matched">&quot;Labour Party&quot; x2, &quot;Labour&quot;<\/span>.*\+4 · 40%/);
  assert.match(lines[1]!, /<mark>Labour Party<\/mark>/);
  // Stored before reasons were kept: grouped from the hits, with a count and no points.
  const old = reasonList({ score: 3, hits }, { title: '', body }).value;
  assert.equal(old.split('<li>').length - 1, 2);
  assert.match(old, /@Labour<\/code> <span class="count">x3<\/span>/);
  assert.doesNotMatch(old, /class="points"/);
});

test('long query groups are shortened in the list, the whole term on hover', () => {
  const term = '(weapons OR arms OR missiles OR rockets OR ammunition) NEAR/12 (diverted OR stolen OR smuggled)';
  const out = reasonList({ score: 1, hits: [], reasons: [{ term, points: 1, count: 1, matched: [] }] }, { title: '', body: '' }).value;
  assert.match(out, /title="\(weapons OR arms/);
  assert.match(out, />\(weapons OR …\) NEAR\/12 \(diverted OR …\)<\/code>/);
});
