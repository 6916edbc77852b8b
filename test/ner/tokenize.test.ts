import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpuMs } from './helpers.js';
import { tokenize } from '../../src/ner/tokenize.js';

function words(text: string): string[] {
  const t = tokenize(text);
  return Array.from(t.starts, (s, k) => text.slice(s, t.ends[k]));
}

function sentences(text: string): string[] {
  const t = tokenize(text);
  const out: string[] = [];
  for (let k = 0; k < t.length; k++) {
    if (t.sentStart[k]) out.push('');
    out[out.length - 1] += (out[out.length - 1] ? ' ' : '') + text.slice(t.starts[k], t.ends[k]);
  }
  return out;
}

test('splits clitics and punctuation off words, keeps names with apostrophes and hyphens whole', () => {
  assert.deepEqual(words("Qatar's envoy met al-Tamimi's aides; O'Hara didn't."), ['Qatar', "'s", 'envoy', 'met', 'al-Tamimi', "'s", 'aides', ';', "O'Hara", 'did', "n't", '.']);
  assert.deepEqual(words('Oslo ’s port and D’Amato’s firm'), ['Oslo', '’s', 'port', 'and', 'D’Amato', '’s', 'firm']);
  assert.deepEqual(words("they 're here , we 've n't"), ['they', "'re", 'here', ',', 'we', "'ve", "n't"]);
});

test('keeps dotted abbreviations, initials, titles and company suffixes with their period', () => {
  assert.deepEqual(words('The U.N. and U.S. envoy Dr. K. Larsen of Brightwave Corp. arrived at 9 a.m. today.'),
    ['The', 'U.N.', 'and', 'U.S.', 'envoy', 'Dr.', 'K.', 'Larsen', 'of', 'Brightwave', 'Corp.', 'arrived', 'at', '9', 'a.m.', 'today', '.']);
});

test('keeps numbers, dates, scores and times whole', () => {
  assert.deepEqual(words('Sales rose 1,250.75 on 2031-04-17 ; won 6-3 in 2:04.331 , 3/4 of it'),
    ['Sales', 'rose', '1,250.75', 'on', '2031-04-17', ';', 'won', '6-3', 'in', '2:04.331', ',', '3/4', 'of', 'it']);
});

test('offsets survive CRLF, NBSP, curly quotes and astral characters', () => {
  const text = 'Hello\r\n😀\u00a0“Marta Quill” said\u00a0yes';
  const t = tokenize(text);
  const got = Array.from(t.starts, (s, k) => [s, t.ends[k]!, text.slice(s, t.ends[k])]);
  assert.deepEqual(got.map((g) => g[2]), ['Hello', '😀', '“', 'Marta', 'Quill', '”', 'said', 'yes']);
  for (const [s, e, w] of got) assert.equal(text.slice(s as number, e as number), w);
  assert.equal(t.sentStart[1], 1, 'a line break opens a sentence');
});

test('sentences: line breaks, final marks before capitals, not after abbreviations, after a dateline date', () => {
  assert.deepEqual(sentences('Talks ended. Mr. Vance left at 5 p.m. Then rain.\nNew line here'), ['Talks ended .', 'Mr. Vance left at 5 p.m. Then rain .', 'New line here']);
  assert.deepEqual(sentences('OSLO 2031-04-17 Police said "stop." Nobody did!'), ['OSLO 2031-04-17', 'Police said " stop . "', 'Nobody did !']);
});

test('rank numbers of a table line stay with their period', () => {
  assert.deepEqual(words('1. Lena Ortiz ( Chile ) 2:31.04'), ['1.', 'Lena', 'Ortiz', '(', 'Chile', ')', '2:31.04']);
});

test('hostile input: time grows linearly with the size of the input', () => {
  const makers: [string, (n: number) => string][] = [
    ['one long word', (n) => 'a'.repeat(n)],
    ['hyphen chain', (n) => 'ab-'.repeat(n / 3)],
    ['punctuation', (n) => '!?.,'.repeat(n / 4)],
    ['quote runs', (n) => '"\''.repeat(n / 2)],
    ['apostrophes', (n) => "o'".repeat(n / 2)],
    ['dotted', (n) => 'A.'.repeat(n / 2)],
  ];
  for (const [name, make] of makers) {
    const small = make(1 << 19), big = make(1 << 20);
    const a = cpuMs(() => tokenize(small)), b = cpuMs(() => tokenize(big));
    assert.ok(b < Math.max(a, 20) * 2.5, `${name}: ${a.toFixed(1)} ms then ${b.toFixed(1)} ms for twice the input`);
    assert.ok(b < 3000, `${name}: ${b.toFixed(0)} ms for 1 MB`);
  }
});
