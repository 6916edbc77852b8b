import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withParticles } from '../../src/ner/train/particles.js';

const DOC = {
  sentences: [
    { words: ['Minister', 'Ahmed', 'Zaki', 'said', 'so'], tags: ['O', 'I-PER', 'I-PER', 'O', 'O'] },
    { words: ['Zaki', 'left', 'Cairo'], tags: ['I-PER', 'O', 'I-LOC'] },
  ],
};

test('a particle word goes before the last word of a person name, tagged as part of it', () => {
  const out = withParticles(DOC, () => 0.1);
  assert.deepEqual(out.sentences[0]!.words, ['Minister', 'Ahmed', 'ibn', 'Zaki', 'said', 'so']);
  assert.deepEqual(out.sentences[0]!.tags, ['O', 'I-PER', 'I-PER', 'I-PER', 'O', 'O']);
  assert.deepEqual(out.sentences[1], DOC.sentences[1], 'the surname alone stays as it was');
});

test('a particle prefix joins the surname in every mention of it', () => {
  const out = withParticles(DOC, () => 0.7);
  assert.deepEqual(out.sentences[0]!.words, ['Minister', 'Ahmed', 'Al-Zaki', 'said', 'so']);
  assert.deepEqual(out.sentences[1]!.words, ['Al-Zaki', 'left', 'Cairo']);
  assert.deepEqual(out.sentences[1]!.tags, DOC.sentences[1]!.tags);
});
