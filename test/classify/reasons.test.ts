// Why, ranked: reasons by their share of the score, one per term with a count and the words
// that matched, long groups shortened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyItem, formatReason, rankReasons, shortenTerm } from '../../src/classify/index.js';
import type { WatchlistMatch } from '../../src/types.js';
import { compileOne } from './helpers.js';

const PARTIES = {
  Labour: { type: 'org', aliases: ['Labour Party'] },
  Conservatives: { type: 'org', aliases: ['Conservative', 'Tories'] },
  LibDems: { type: 'org', aliases: ['Liberal Democrats', 'Lib Dems'] },
};
const HOWARD = {
  title: 'Howard unveils election platform',
  body: 'Michael Howard unveiled the Conservative election manifesto on Monday. The manifesto promises lower taxes. '
    + 'Voters who back Labour and the Liberal Democrats were unmoved; Labour called it uncosted, and the Labour Party will reply.',
};

function election(): WatchlistMatch {
  const c = compileOne('(@Labour OR @Conservatives OR @LibDems) AND (election OR manifesto)', {
    entities: PARTIES,
    weights: { '@Labour': 1, '@Conservatives': 1, '@LibDems': 1, 'title:election': 3, manifesto: 2 },
    threshold: 5,
  });
  return classifyItem(c, HOWARD).matches[0]!;
}

test('the strongest reasons come first by their share of the score, each term once with its count and words', () => {
  const m = election();
  assert.equal(m.flagged, true);
  const ranked = rankReasons(m);
  assert.deepEqual(ranked.map((r) => [r.term, r.points, r.count]), [
    ['manifesto', 4, 2], ['@Labour', 3, 3], ['title:election', 3, 1], ['@Conservatives', 1, 1], ['@LibDems', 1, 1], ['election', 0, 2],
  ]);
  assert.equal(ranked[0]!.share, 4 / m.score);
  assert.equal(ranked.reduce((sum, r) => sum + r.points!, 0), m.score, 'the shares add up to the score');
  assert.deepEqual(ranked.map(formatReason).slice(0, 5), [
    'manifesto x2 (+4)',
    '@Labour: "Labour" x2, "Labour Party" (+3)',
    'title:election (+3)',
    '@Conservatives: "Conservative" (+1)',
    '@LibDems: "Liberal Democrats" (+1)',
  ]);
  assert.equal(ranked[1]!.field, 'body');
  assert.match(ranked[1]!.snippet!, /Labour/);
});

test('without weights every term that hit is worth one; a penalty comes last', () => {
  const plain = classifyItem(compileOne('@Labour OR manifesto', { entities: PARTIES }), HOWARD).matches[0]!;
  assert.deepEqual(rankReasons(plain).map((r) => [r.term, r.points]), [['@Labour', 1], ['manifesto', 1]], 'equal points: more occurrences first');
  const penalized = classifyItem(compileOne('manifesto', { weights: { manifesto: 2, taxes: -1 } }), HOWARD).matches[0]!;
  assert.deepEqual(rankReasons(penalized).map(formatReason), ['manifesto x2 (+4)', 'taxes (-1)']);
});

test('a long query group is shortened, keeping the first word of each alternative group', () => {
  const near = '(weapons OR arms OR missiles OR rifles) NEAR/12 (diverted OR diversion OR resurface* OR "re-transferred" OR stolen OR seized)';
  assert.equal(shortenTerm(near), '(weapons OR …) NEAR/12 (diverted OR …)');
  assert.equal(shortenTerm('(alpha OR (beta OR gamma) OR "x OR y") AND something'), '(alpha OR …) AND something', 'nested groups and quoted ORs');
  assert.equal(shortenTerm('short OR term'), 'short OR term');
  const m = classifyItem(compileOne(near), { title: '', body: `The rifles were later stolen from a depot. ${'Months passed. '.repeat(8)}More weapons were diverted.` }).matches[0]!;
  const [r] = rankReasons(m);
  assert.equal(r!.term, '(weapons OR …) NEAR/12 (diverted OR …)');
  assert.equal(r!.fullTerm, near);
  assert.equal(formatReason(r!), '(weapons OR …) NEAR/12 (diverted OR …): "rifles were later stolen", "weapons were diverted" (+1)');
});

test('a flag stored before reasons were kept is ranked from its hits, without points', () => {
  const ranked = rankReasons({
    score: 3,
    hits: [
      { term: '"Islamic State"', field: 'title', start: 0, end: 13, snippet: 'Islamic State claims' },
      { term: 'Sirte', field: 'body', start: 0, end: 5, snippet: 'Sirte fell' },
      { term: '"Islamic State"', field: 'body', start: 9, end: 22, snippet: 'fighters Islamic State' },
    ],
  });
  assert.deepEqual(ranked.map(formatReason), ['"Islamic State" x2', 'Sirte'], 'no doubled quotes');
  assert.equal(ranked[0]!.points, undefined);
});
