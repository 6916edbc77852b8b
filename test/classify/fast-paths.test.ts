// The hot path looks plain ASCII words up by offsets and hashes, without cutting strings;
// other tokens carry their forms. These tests pin that both agree with the spelled-out forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashWord, tokenizeText } from '../../src/classify/normalize.js';
import { matches } from './helpers.js';

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
