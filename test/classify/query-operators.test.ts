import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judge, matches } from './helpers.js';

test('adjacent terms are ANDed', () => {
  assert.equal(matches('ISIS Libya', 'ISIS in Libya'), true);
  assert.equal(matches('ISIS Libya', 'ISIS in Syria'), false);
});

test('NOT binds tighter than AND, AND tighter than OR', () => {
  // a OR b AND c  ==  a OR (b AND c)
  assert.equal(matches('Syria OR Libya AND Tunisia', 'Syria'), true);
  assert.equal(matches('Syria OR Libya AND Tunisia', 'Libya'), false);
  assert.equal(matches('Syria OR Libya AND Tunisia', 'Libya Tunisia'), true);
  // a AND NOT b OR c  ==  (a AND (NOT b)) OR c
  assert.equal(matches('Libya AND NOT Egypt OR Tunisia', 'Libya Egypt'), false);
  assert.equal(matches('Libya AND NOT Egypt OR Tunisia', 'Egypt Tunisia'), true);
  // a NOT b == a AND NOT b
  assert.equal(matches('Libya NOT Egypt', 'Libya'), true);
  assert.equal(matches('Libya NOT Egypt', 'Libya Egypt'), false);
});

test('parentheses override precedence', () => {
  assert.equal(matches('(Syria OR Libya) AND Tunisia', 'Libya'), false);
  assert.equal(matches('(Syria OR Libya) AND Tunisia', 'Libya and Tunisia'), true);
  assert.equal(matches('Libya AND NOT (Egypt OR Tunisia)', 'Libya and Tunisia'), false);
});

test('quoted, and/or/not are ordinary words', () => {
  assert.equal(matches('war "and" peace', 'peace and war'), true);
  assert.equal(matches('"war or peace"', 'war or peace'), true);
  assert.equal(matches('"war or peace"', 'war'), false);
  assert.equal(matches('war AND "not"', 'war is not peace'), true);
});

test('@Entity matches the name and every alias', () => {
  assert.equal(matches('@ISIS', 'Daesh fighters'), true);
  assert.equal(matches('@ISIS', 'the Islamic State group'), true);
  assert.equal(matches('@ISIS', 'ISIS fighters'), true, 'the name itself');
  assert.equal(matches('@ISIS', 'IS fighters'), true);
  assert.equal(matches('@ISIS', 'this is it'), false, 'the alias IS is case-sensitive');
  assert.equal(matches('@isis', 'Daesh'), true, 'entity names are looked up case-insensitively');
});

test('title: and body: restrict a term to one field; no prefix means either', () => {
  const item = { title: 'Strike in Libya', body: 'ISIS fighters fled.' };
  assert.equal(matches('title:Libya', item), true);
  assert.equal(matches('body:Libya', item), false);
  assert.equal(matches('title:ISIS', item), false);
  assert.equal(matches('ISIS Libya', item), true);
  assert.equal(matches('title:(Libya OR Egypt)', item), true);
  assert.equal(matches('title:@ISIS', item), false);
  assert.equal(matches('body:@ISIS', item), true);
});

test('a phrase never runs from the title into the body', () => {
  assert.equal(matches('"Libya ISIS"', { title: 'Strike in Libya', body: 'ISIS fighters fled.' }), false);
});

test('feed: and tag: compare the feed id and tags', () => {
  const item = { body: 'ISIS', feedId: 'libya-observer', tags: ['Libya', 'north-africa'] };
  assert.equal(matches('ISIS feed:libya-observer', item), true);
  assert.equal(matches('ISIS feed:libya*', item), true);
  assert.equal(matches('ISIS feed:libya', item), false);
  assert.equal(matches('ISIS tag:libya', item), true);
  assert.equal(matches('ISIS tag:"north-africa"', item), true);
  assert.equal(matches('ISIS AND NOT tag:egypt', item), true);
});

test('/regex/i matches the raw text of a field', () => {
  assert.equal(matches('/\\$\\d+ million/i', 'gave $600 million more'), true);
  assert.equal(matches('/\\$\\d+ billion/i', 'gave $600 million more'), false);
  assert.equal(matches('title:/^breaking/i', { title: 'BREAKING: strike', body: 'breaking' }), true);
  assert.equal(matches('body:/^breaking/', { title: 'breaking', body: 'BREAKING' }), false);
});

test('hits carry term, field, offsets and a snippet', () => {
  const m = judge('@ISIS AND Libya', { title: 'Daesh returns', body: 'Fighters loyal to the Islamic State regrouped in Libya.' });
  assert.equal(m.queryMatched, true);
  const body = 'Fighters loyal to the Islamic State regrouped in Libya.';
  const isis = m.hits.find((h) => h.term === '@ISIS' && h.field === 'body')!;
  assert.equal(body.slice(isis.start, isis.end), 'Islamic State');
  assert.match(isis.snippet, /Islamic State regrouped/);
  assert.ok(m.hits.some((h) => h.term === '@ISIS' && h.field === 'title'));
  assert.ok(m.hits.some((h) => h.term === 'Libya'));
});

test('a regex runs on RE2 with JavaScript escapes and the i, s and m flags', () => {
  assert.equal(matches('/caf\\u00e9/', 'the café'), true);
  assert.equal(matches('/CAFÉ/i', 'the café'), true);
  assert.equal(matches('/a.b/', 'a\nb'), false);
  assert.equal(matches('/a.b/s', 'a\nb'), true);
  assert.equal(matches('/^Sirte/m', 'In Libya\nSirte fell'), true);
  assert.equal(matches('/^Sirte/', 'In Libya\nSirte fell'), false);
  assert.equal(matches('/\\bLibya\\b/', 'Libyan'), false);
});
