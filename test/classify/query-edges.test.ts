import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judge, matches } from './helpers.js';

const SPACED = { 'US military': { type: 'org', aliases: ['Pentagon', 'U.S. forces'] } };

test('an entity name with spaces is written @"US military"', () => {
  assert.equal(matches('@"US military"', 'U.S. forces landed', { entities: SPACED }), true);
  assert.equal(matches('@"US military" AND landed', 'the US military landed', { entities: SPACED }), true);
  assert.equal(matches('@"US military"', 'us military history', { entities: SPACED }), false, 'US in the name keeps its case rule');
});

test('near alone is a word', () => {
  assert.equal(matches('attack near Sirte', 'an attack near Sirte'), true);
  assert.equal(matches('attack near Sirte', 'an attack on Sirte'), false);
});

test('a regex may hold slashes and spaces in classes and escapes', () => {
  assert.equal(matches('/\\d+\\/\\d+ ceasefire/i', 'the 24/7 Ceasefire'), true);
  assert.equal(matches('/[/] x/', 'a / x'), true);
});

test('a field applies inside parentheses and to NEAR sides', () => {
  const item = { title: 'ISIS near Sirte', body: 'Nothing about Sirte.' };
  assert.equal(matches('title:(ISIS NEAR/3 Sirte)', item), true);
  assert.equal(matches('body:(ISIS OR Daesh) AND Sirte', item), false);
});

test('every weight entry counts at most 3 hits; NOT-ed terms do not score', () => {
  const body = 'Sirte Sirte Sirte Sirte Sirte ISIS';
  assert.equal(judge('ISIS AND NOT Benghazi', body, { weights: { Sirte: 1, ISIS: 10 } }).score, 13);
  assert.equal(judge('ISIS AND NOT Benghazi', body).score, 1, 'only ISIS is a positive query term');
});

test('query words split like text: U.S.-led, Libya\'s, 24/7', () => {
  assert.equal(matches('"U.S.-led"', 'the US led coalition'), true);
  assert.equal(matches("Libya's", 'Libya’s coast'), true);
  assert.equal(matches('24/7', 'open 24-7'), true);
});

test('an all-capital word in the text still counts for a lower-case query word', () => {
  assert.equal(matches('troops', 'MORE TROOPS SENT'), true);
  assert.equal(matches('"islamic state"', 'ISLAMIC STATE CLAIMS'), true);
});

test('hits name the field and the term as written, including the field prefix', () => {
  const m = judge('title:@ISIS AND body:Sirte', { title: 'Daesh returns', body: 'Near Sirte.' });
  assert.deepEqual(m.hits.map((h) => [h.term, h.field, h.snippet]), [['title:@ISIS', 'title', 'Daesh returns'], ['body:Sirte', 'body', 'Near Sirte.']]);
});
