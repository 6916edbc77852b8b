// Hostile text cannot stall the classifier: for each input built to be slow, time grows at most
// about 2.5x per doubling up to 400,000 characters and stays within a budget there.
import { test } from 'node:test';
import { classifyItem } from '../../src/classify/index.js';
import type { Classifier } from '../../src/classify/index.js';
import { assertLinear, doublings } from './growth.js';
import { compileOne } from './helpers.js';

const SIZES = doublings(25_000, 400_000);
/** CPU milliseconds allowed at 400,000 characters: some ten times what a quiet machine takes. */
const BUDGET_MS = 2_500;

const ENTITIES = {
  US: { type: 'place', aliases: ['United States', 'U.S.'] },
  Apple: { type: 'org', aliases: [] },
  Labour: { type: 'org', aliases: ['Labour Party'] },
};

function repeat(piece: string, n: number): string {
  return piece.repeat(Math.max(1, Math.floor(n / piece.length)));
}

function check(name: string, classifier: Classifier, make: (n: number) => string): void {
  assertLinear(name, SIZES, make, (body) => classifyItem(classifier, { title: 'Hostile input', body }), { budgetMs: BUDGET_MS });
}

test('a user regex that backtracks for ever elsewhere runs in linear time (RE2)', () => {
  const c = compileOne('Libya AND /(\\w+\\s?)+:/i');
  check('regex over one long word', c, (n) => `Libya ${'a'.repeat(n)}`);
  check('regex over words without a colon', c, (n) => `Libya ${repeat('ab ', n)}`);
});

test('NEAR with many far-apart occurrences on both sides', () => {
  const c = compileOne('(weapons OR arms) NEAR/12 (stolen OR diverted)');
  check('NEAR, sides apart', c, (n) => repeat('weapons ', n / 3) + repeat('filler ', n / 3) + repeat('stolen ', n / 3));
  check('NEAR, sides interleaved', c, (n) => repeat('weapons filler stolen ', n));
});

test('the case rule on lines in capitals, Title Case headlines and sentence starts', () => {
  const c = compileOne('@US OR @Apple OR @Labour', { entities: ENTITIES });
  check('a capitals line of US, then prose', c, (n) => repeat('US ', n / 2) + repeat('\nthe US said. ', n / 2));
  check('Title Case lines', c, (n) => repeat('Apple Unveils New Phone As Labour Rises\n', n));
  check('sentence starts', c, (n) => repeat('Apple fell. Labour rose. US held. ', n));
});

test('text without separators, punctuation runs, line breaks and long capitalized runs', () => {
  const c = compileOne('@US AND libya', { entities: ENTITIES });
  check('one word', c, (n) => 'x'.repeat(n));
  check('punctuation', c, (n) => repeat('.,;:!?', n));
  check('line breaks', c, (n) => repeat('\n', n / 2) + repeat('.\r\n', n / 2));
  check('capitalized run', c, (n) => repeat('Alpha Beta Gamma ', n));
  check('words between long gaps', c, (n) => repeat(`US${' '.repeat(500)}Libya${'.'.repeat(500)}\n`, n));
});
