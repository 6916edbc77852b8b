// The hot path looks plain ASCII words up by offsets and hashes, without cutting strings;
// other tokens carry their forms. These tests pin that both agree with the spelled-out forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashWord, tokenizeText } from '../../src/classify/tokenize/normalize.js';
import { watchlistsFileSchema } from '../../src/config/schema.js';
import { compileWatchlists } from '../../src/classify/index.js';
import type { CompiledNode } from '../../src/classify/types.js';
import { judge, matches } from './helpers.js';

test('lazy forms of ASCII tokens line up with stored forms of the others', () => {
  const t = tokenizeText('The U.S. ISIS Égypte al-Qaeda 利比亚 STRASSE Straße');
  assert.deepEqual(t.raw, ['The', 'US', 'ISIS', 'Egypte', 'al', 'Qaeda', '利比亚', 'STRASSE', 'Straße']);
  assert.deepEqual(t.folded, ['the', 'us', 'isis', 'egypte', 'al', 'qaeda', '利比亚', 'strasse', 'strasse']);
  assert.equal(t.length, 9);
  t.folded.forEach((f, k) => assert.equal(t.hashes[k], hashWord(f), `hash of ${f}`));
});

test('case-sensitive words compare the text as written, ASCII or not', () => {
  assert.equal(matches('IS', 'fighters of IS attacked'), true);
  assert.equal(matches('IS', 'this is it'), false);
  assert.equal(matches('IS', 'this Is it'), false);
  assert.equal(matches('US', 'U.S. troops'), true);
  assert.equal(matches('US', 'us troops'), false);
  assert.equal(matches('ΗΠΑ', 'οι ΗΠΑ είπαν'), true);
  assert.equal(matches('ΗΠΑ', 'οι ηπα είπαν'), false);
});

test('a word, its case-sensitive twin and prefixes all hit one token', () => {
  assert.equal(matches('IS AND isis AND isi*', 'ISIS'), false, 'IS is not ISIS');
  assert.equal(matches('ISIS AND isis AND isi*', 'ISIS'), true);
  assert.equal(matches('airstrike* AND airstr* AND air*', 'AIRSTRIKES hit'), true);
  assert.equal(matches('airstrike*', 'AIRSTRIK hit'), false);
  assert.equal(matches('égyp*', 'EGYPTIAN troops'), true);
});

test('prefixes of several lengths and phrases after a prefix', () => {
  assert.equal(matches('"special force*" AND milit*', 'Special Forces and MILITIAS'), true);
  assert.equal(matches('"special force*"', 'special units, forces'), false);
  assert.equal(matches('bengh* OR tripolitania*', 'in Tripolitania'), true);
});

test('a phrase at the very end of the text, and one cut off by it', () => {
  assert.equal(matches('"islamic state"', 'said the Islamic State'), true);
  assert.equal(matches('"islamic state group"', 'said the Islamic State'), false);
});

test('a query that repeats a term needs it once', () => {
  assert.equal(matches('ISIS ISIS', 'ISIS'), true);
  assert.equal(matches('ISIS AND (ISIS OR Daesh)', 'ISIS'), true);
  assert.equal(matches('(Sirte OR Daesh) AND (Daesh OR Derna)', 'Daesh'), true);
});

test('scores of repeated texts, excluded terms and shared leaves', () => {
  assert.equal(judge('Libya OR libya', 'Libya').score, 2, 'two texts of one word both count');
  const excluded = judge('ISIS AND NOT Daesh', 'ISIS and Daesh');
  assert.equal(excluded.queryMatched, false);
  assert.equal(excluded.score, 1, 'an excluded term does not score');
});

/** A tiny deterministic generator, so a failure can be replayed. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
}

function randomQuery(rand: () => number, words: string[], depth = 0): string {
  const word = () => words[Math.floor(rand() * words.length)]!;
  const r = rand();
  if (depth > 2 || r < 0.35) return r < 0.05 ? `"${word()} ${word()}"` : r < 0.1 ? `title:${word()}` : word();
  const parts = Array.from({ length: 2 + Math.floor(rand() * 2) }, () => randomQuery(rand, words, depth + 1));
  if (r < 0.6) return `(${parts.join(' OR ')})`;
  if (r < 0.8) return `(${parts.join(' AND ')})`;
  return `(${parts[0]} AND NOT ${parts[1]})`;
}

/** The query tree evaluated the plain way, as a reference for the flat code. */
function evaluateTree(node: CompiledNode, hit: (id: number) => boolean): boolean {
  switch (node.op) {
    case 'leaf': return hit(node.id);
    case 'not': return !evaluateTree(node.item, hit);
    case 'and': return node.items.every((item) => evaluateTree(item, hit));
    case 'or': return node.items.some((item) => evaluateTree(item, hit));
  }
}

test('the flat evaluation and score agree with the query tree on random queries and texts', async () => {
  const { classifyDetailed } = await import('../../src/classify/index.js');
  const words = ['alpha', 'beta', 'gamma', 'delta', 'omega', 'sigma'];
  const rand = lcg(5);
  const watchlists: Record<string, { query: string }> = {};
  for (let i = 0; i < 150; i++) watchlists[`w${i}`] = { query: randomQuery(rand, words) };
  const c = compileWatchlists(watchlistsFileSchema.parse({ watchlists }));
  let matched = 0, touchedOnly = 0;
  for (let n = 0; n < 200; n++) {
    const pick = () => Array.from({ length: Math.floor(rand() * 5) }, () => words[Math.floor(rand() * words.length)]).join(' ');
    const { classification, hits } = classifyDetailed(c, { title: pick(), body: pick() }, { recognize: false });
    c.watchlists.forEach((wl, i) => {
      const m = classification.matches[i]!;
      const hit = (id: number) => hits.has(id);
      assert.equal(m.queryMatched, evaluateTree(wl.query, hit), `${wl.id}: ${wl.query.text}`);
      assert.equal(m.score, wl.terms.filter((t) => hit(t.id)).length, `${wl.id} score`);
      if (m.queryMatched) matched++;
      else if (m.score > 0) touchedOnly++;
    });
  }
  assert.ok(matched > 1000 && touchedOnly > 1000, `both kinds occur (${matched} matched, ${touchedOnly} touched only)`);
});

test('snippets collapse every kind of whitespace as before', async () => {
  const { makeSnippet } = await import('../../src/classify/judge/snippets.js');
  const pieces = ['word', ' ', '  ', '\n', '\t', '\u00a0', '\u2003', '\u3000', '\ufeff', 'Égypte', '.', '利比亚'];
  const rand = lcg(9);
  for (let n = 0; n < 2000; n++) {
    const text = Array.from({ length: 1 + Math.floor(rand() * 60) }, () => pieces[Math.floor(rand() * pieces.length)]).join('');
    const start = Math.floor(rand() * text.length);
    const end = Math.min(text.length, start + 1 + Math.floor(rand() * 10));
    const reference = (() => {
      // The former snippet code, spelled out.
      let from = Math.max(0, start - 60);
      let to = Math.min(text.length, end + 60);
      if (from > 0) { const sp = text.indexOf(' ', from); if (sp >= 0 && sp < start) from = sp + 1; }
      if (to < text.length) { const sp = text.lastIndexOf(' ', to); if (sp > end) to = sp; }
      const body = text.slice(from, to).replace(/\s+/g, ' ').trim();
      return (from > 0 ? '…' : '') + body + (to < text.length ? '…' : '');
    })();
    assert.equal(makeSnippet(text, start, end), reference, JSON.stringify(text));
  }
});

test('NEAR finds the same occurrences as the former scan of every right-hand occurrence', async () => {
  const { classifyDetailed } = await import('../../src/classify/index.js');
  const words = ['alpha', 'beta', 'gamma', 'delta', 'x', 'y'];
  const rand = lcg(11);
  for (let n = 0; n < 300; n++) {
    const distance = 1 + Math.floor(rand() * 4);
    const c = compileWatchlists(watchlistsFileSchema.parse({ watchlists: { w: { query: `(alpha OR beta) NEAR/${distance} (gamma OR beta)` } } }));
    const tokens = Array.from({ length: 1 + Math.floor(rand() * 40) }, () => words[Math.floor(rand() * words.length)]!);
    const body = tokens.join(' ');
    const { hits } = classifyDetailed(c, { title: '', body }, { recognize: false });
    const got = hits.get(c.watchlists[0]!.terms[0]!.id).map((o) => [o.start, o.end]);
    // The former code, spelled out on one-word spans: for each left word in order, the first
    // right word (in text order) within the distance, not the same token; overlapping pairs skipped.
    const starts: number[] = [];
    tokens.reduce((at, t) => (starts.push(at), at + t.length + 1), 0);
    const lefts = tokens.flatMap((t, i) => (t === 'alpha' || t === 'beta' ? [i] : []));
    const rights = tokens.flatMap((t, i) => (t === 'gamma' || t === 'beta' ? [i] : []));
    const want: number[][] = [];
    let lastEnd = -1;
    for (const a of lefts) {
      const b = rights.find((r) => r !== a && Math.abs(r - a) <= distance);
      if (b === undefined) continue;
      const s = Math.min(a, b), e = Math.max(a, b) + 1;
      if (s < lastEnd) continue;
      lastEnd = e;
      want.push([starts[s]!, starts[e - 1]! + tokens[e - 1]!.length]);
    }
    assert.deepEqual(got, want.slice(0, 50), `${body} NEAR/${distance}`);
  }
});
