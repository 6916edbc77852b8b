import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matches } from './helpers.js';

test('a word matches case-insensitively and ignores accents', () => {
  assert.equal(matches('libya', 'Fighting in LIBYA today'), true);
  assert.equal(matches('egypte', 'Les troupes en Égypte'), true);
  assert.equal(matches('Égypte', 'EGYPTE'), true);
  assert.equal(matches('libya', 'Libyan forces'), false, 'a word is a whole token, not a prefix');
});

test('IS in capitals is the group, not the verb', () => {
  assert.equal(matches('IS', 'The attack is over'), false);
  assert.equal(matches('IS', 'IS claimed the attack'), true);
  assert.equal(matches('is', 'IS claimed the attack'), true, 'a lower-case query word is case-insensitive');
  assert.equal(matches('Is', 'IS claimed'), true, 'only 2-4 capitals are case-sensitive');
});

test('US matches US and U.S. but not us', () => {
  assert.equal(matches('US', 'The US said'), true);
  assert.equal(matches('US', 'The U.S. said'), true);
  assert.equal(matches('US', 'the U.S.-led coalition'), true);
  assert.equal(matches('US', 'they told us'), false);
  assert.equal(matches('U.S.', 'the US military'), true);
  assert.equal(matches('U.S.', 'they told us'), false);
});

test('case-sensitive words run to four capitals; five or more fold', () => {
  assert.equal(matches('NATO', 'Nato allies'), false);
  assert.equal(matches('NATO', 'NATO allies'), true);
  assert.equal(matches('AFRICOM', 'Africom said'), true);
});

test('al-Qaeda in a query is the phrase al qaeda', () => {
  for (const text of ['al Qaeda fighters', 'Al-Qaeda fighters', 'AL QAEDA', 'al-qaeda']) {
    assert.equal(matches('al-Qaeda', text), true, text);
  }
  assert.equal(matches('al-Qaeda', 'al said Qaeda'), false);
  assert.equal(matches('"al Qaeda"', 'Al-Qaeda'), true);
  assert.equal(matches('alqaeda', 'al Qaeda'), false, 'splitting is the same on both sides, joining is not done');
});

test("apostrophes split words, so Libya matches Libya's", () => {
  assert.equal(matches('Libya', "Libya's coast"), true);
  assert.equal(matches('Libya', 'Libya’s coast'), true);
});

test('word* matches tokens that start with the word, at least 3 letters before *', () => {
  assert.equal(matches('airstrike*', 'two airstrikes hit'), true);
  assert.equal(matches('airstrike*', 'an airstrike hit'), true);
  assert.equal(matches('airstrike*', 'air strikes hit'), false);
  assert.equal(matches('mil*', 'Militias'), true);
});

test('phrases match consecutive tokens, across line breaks and punctuation', () => {
  assert.equal(matches('"Islamic State"', 'the Islamic\nState group'), true);
  assert.equal(matches('"Islamic State"', 'the Islamic\r\n   State group'), true);
  assert.equal(matches('"Islamic State"', 'Islamic ideology of the State'), false);
  assert.equal(matches('"special forces"', 'Special Forces, US'), true);
  assert.equal(matches('"special force*"', 'special forces'), true);
});
