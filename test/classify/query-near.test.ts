import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judge, matches } from './helpers.js';

test('A NEAR/n B matches within n tokens, in either order', () => {
  assert.equal(matches('ISIS NEAR/3 Sirte', 'ISIS fighters near Sirte'), true); // positions differ by 3
  assert.equal(matches('ISIS NEAR/2 Sirte', 'ISIS fighters near Sirte'), false);
  assert.equal(matches('ISIS NEAR/4 Sirte', 'Sirte was taken by ISIS'), true);
  assert.equal(matches('ISIS NEAR/1 Sirte', 'Sirte ISIS'), true, 'adjacent words are 1 apart');
});

test('NEAR measures between the nearest ends of phrases', () => {
  assert.equal(matches('"Islamic State" NEAR/2 Sirte', 'the Islamic State in Sirte'), true);
  assert.equal(matches('"Islamic State" NEAR/2 Sirte', 'Sirte, where the Islamic State'), false);
  assert.equal(matches('"Islamic State" NEAR/3 Sirte', 'Sirte, where the Islamic State'), true);
});

test('NEAR takes OR-groups, wildcards and entities on each side', () => {
  const q = '(weapons OR arms) NEAR/5 (diverted OR stolen*)';
  assert.equal(matches(q, 'the arms were later diverted'), true);
  assert.equal(matches(q, 'weapons stolen from a depot'), true);
  assert.equal(matches(q, 'weapons were shipped to a far away depot and later diverted'), false);
  assert.equal(matches('@ISIS NEAR/4 @NorthAfrica', 'Daesh cells in eastern Libya'), true);
});

test('NEAR never matches across two fields', () => {
  const item = { title: 'Attack near Sirte', body: 'ISIS claimed it.' };
  assert.equal(matches('Sirte NEAR/5 ISIS', item), false);
  assert.equal(matches('Sirte AND ISIS', item), true);
  assert.equal(matches('title:Sirte NEAR/5 ISIS', { title: 'ISIS near Sirte', body: '' }), true);
  assert.equal(matches('title:Sirte NEAR/5 ISIS', { title: 'Sirte', body: 'ISIS Sirte' }), false, 'a title: side pins the pair to the title');
});

test('NEAR binds tighter than AND and NOT', () => {
  assert.equal(matches('ISIS NEAR/2 Sirte AND Libya', 'ISIS in Sirte'), false);
  assert.equal(matches('ISIS NEAR/2 Sirte AND Libya', 'ISIS in Sirte, Libya'), true);
  assert.equal(matches('Libya NOT ISIS NEAR/2 Sirte', 'Libya: ISIS far from here, Sirte'), true);
  assert.equal(matches('Libya NOT ISIS NEAR/2 Sirte', 'Libya: ISIS in Sirte'), false);
});

test('one token is never both sides of a NEAR', () => {
  assert.equal(matches('Libya NEAR/3 Lib*', 'Libya'), false);
  assert.equal(matches('Libya NEAR/3 Lib*', 'Libya and Libyan'), true);
});

test('a NEAR hit spans both sides', () => {
  const body = 'Then ISIS fighters entered Sirte.';
  const m = judge('ISIS NEAR/3 Sirte', body);
  assert.equal(body.slice(m.hits[0]!.start, m.hits[0]!.end), 'ISIS fighters entered Sirte');
});
