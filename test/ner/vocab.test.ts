import { test } from 'node:test';
import assert from 'node:assert/strict';
import { S_HLOW, S_ID, S_LOW, S_PACKED, P_PLAIN, P_UPPER, Vocabulary } from '../../src/ner/vocab.js';
import { hashString } from '../../src/ner/hash.js';

test('a word is found by its characters wherever it stands, and entered once', () => {
  const v = new Vocabulary(new Map([['oslo', 5]]));
  v.startDocument();
  const text = 'Oslo and oslo, then Oslo again';
  const a = v.find(text, 0, 4), size = v.size;
  const b = v.find(text, 20, 24);
  assert.equal(v.slots[b + S_ID], v.slots[a + S_ID], 'the same word at another offset is the same entry');
  assert.equal(v.size, size, 'nothing new entered');
  const lower = v.find(text, 9, 13);
  assert.notEqual(v.slots[lower + S_ID], v.slots[b + S_ID], '"oslo" and "Oslo" are two entries');
  assert.equal(v.slots[lower + S_LOW], v.slots[b + S_LOW], 'with one lower-cased form');
  assert.equal(v.slots[b + S_HLOW], hashString('oslo'));
  assert.ok(v.slots[b + S_PACKED]! & P_UPPER);
  assert.ok(v.slots[lower + S_PACKED]! & P_PLAIN);
  assert.equal(v.words[v.slots[b + S_ID]! - 1]!.prior, 5);
});

test('the vocabulary grows past its table and starts over only between documents', () => {
  const v = new Vocabulary(new Map());
  const words = Array.from({ length: 70_000 }, (_, i) => `w${i.toString(36)}`).join(' ');
  v.startDocument();
  const ids = new Set<number>();
  let at = 0;
  for (const w of words.split(' ')) {
    const slot = v.find(words, at, at + w.length);
    ids.add(v.slots[slot + S_ID]!);
    at += w.length + 1;
  }
  assert.equal(ids.size, 70_000, 'every word its own entry within one document, past the bound');
  assert.equal(v.generation, 0);
  v.startDocument();
  assert.equal(v.generation, 1, 'over the bound: the next document starts afresh');
  assert.equal(v.size, 0);
});
