import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpuMs } from './helpers.js';
import { recognizeNames } from '../../src/ner/index.js';

const CASES: [string, (n: number) => string, number][] = [
  ['a line with no spaces', (n) => 'Xq'.repeat(n / 2), 1 << 20],
  ['repeated punctuation', (n) => '!?,;'.repeat(n / 4), 100_000],
  ['deep quote runs', (n) => '“"\'‘«'.repeat(n / 5) + ' Oslo', 100_000],
  ['capitalized words without end', (n) => 'Abc Def '.repeat(n / 8), 200_000],
];

for (const [name, make, size] of CASES) {
  test(`hostile input, ${name}: linear time, within budget at ${size} characters`, () => {
    recognizeNames({ title: '', body: 'Warm up in London.' });
    const half = make(size / 2), full = make(size);
    const a = cpuMs(() => recognizeNames({ title: 'Title', body: half, lang: 'en' }));
    const b = cpuMs(() => recognizeNames({ title: 'Title', body: full, lang: 'en' }));
    assert.ok(b < Math.max(a, 30) * 2.5, `${a.toFixed(0)} ms then ${b.toFixed(0)} ms for twice the input`);
    assert.ok(b < 8000, `${b.toFixed(0)} ms at ${size} characters`);
  });
}
