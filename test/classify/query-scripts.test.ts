import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenizeText } from '../../src/classify/tokenize/normalize.js';
import { matches } from './helpers.js';

test('accents and case fold in Latin, Greek and Cyrillic', () => {
  assert.equal(matches('egypte', 'Les troupes en Égypte'), true);
  assert.equal(matches('Bengasi', 'Bengasì'), true);
  assert.equal(matches('Москва', 'в МОСКВЕ и москва'), true);
  assert.equal(matches('ελλάδα', 'ΕΛΛΑΔΑ'), true);
  assert.equal(matches('Οδυσσέας', 'ΟΔΥΣΣΕΑΣ'), true, 'final sigma folds with sigma');
  assert.equal(matches('Straße', 'STRASSE'), true);
});

test('Arabic matches with or without harakat and tatweel', () => {
  assert.equal(matches('ليبيا', 'هجوم في لِيبْيَا اليوم'), true);
  assert.equal(matches('داعش', 'مقاتلو داعـــش'), true);
  assert.equal(matches('"الدولة الإسلامية"', 'تنظيم الدولة الإسلامية في سرت'), true);
});

test('Chinese and Japanese are split into words without spaces', () => {
  assert.equal(matches('利比亚', '伊斯兰国在利比亚发动袭击'), true);
  assert.equal(matches('リビア', 'イスラム国がリビアで攻撃'), true);
  assert.equal(matches('利比亚 AND 袭击', '伊斯兰国在利比亚发动袭击'), true);
  assert.equal(matches('利比亚', '伊斯兰国在叙利亚发动袭击'), false);
});

test('compatibility forms normalize (full-width letters, ligatures)', () => {
  assert.equal(matches('ISIS', 'ＩＳＩＳ fighters'), true);
  assert.equal(matches('fighters', 'ﬁghters'), true);
});

test('offsets point into the original text', () => {
  const text = 'Égypte: le «Daesh» à Benghazi';
  const t = tokenizeText(text);
  assert.deepEqual(t.folded, ['egypte', 'le', 'daesh', 'a', 'benghazi']);
  assert.equal(text.slice(t.starts[2]!, t.ends[2]!), 'Daesh');
  const zh = tokenizeText('在利比亚');
  assert.equal('在利比亚'.slice(zh.starts[1]!, zh.ends[1]!), '利比亚');
});

test('dotted abbreviations are one token; hyphens and apostrophes split', () => {
  assert.deepEqual(tokenizeText("U.S.-led U.N. Libya's al-Qaeda").raw, ['US', 'led', 'UN', 'Libya', 's', 'al', 'Qaeda']);
  assert.deepEqual(tokenizeText('N. Africa, Sept. 22').raw, ['N', 'Africa', 'Sept', '22']);
});

test('soft hyphens and word joiners inside a word are ignored', () => {
  assert.equal(matches('Libya', 'Liby\u00ADa'), true);
  assert.equal(matches('Benghazi', 'Beng\u2060hazi'), true);
});

test('hit offsets stay right around emoji and in unspaced scripts', async () => {
  const { judge } = await import('./helpers.js');
  const body = '🔥🔥 Breaking: 利比亚 ISIS attack 🚨 near Sirte';
  const m = judge('ISIS NEAR/3 Sirte AND 利比亚', body);
  assert.equal(m.queryMatched, true);
  const near = m.hits.find((h) => h.term === 'ISIS NEAR/3 Sirte')!;
  assert.equal(body.slice(near.start, near.end), 'ISIS attack 🚨 near Sirte');
  const zh = m.hits.find((h) => h.term === '利比亚')!;
  assert.equal(body.slice(zh.start, zh.end), '利比亚');
});
