import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QueryError } from '../../src/classify/index.js';
import { compileOne } from './helpers.js';

function errorOf(query: string, weights?: Record<string, number>): QueryError {
  try {
    compileOne(query, weights ? { weights } : {});
  } catch (err) {
    assert.ok(err instanceof QueryError, `expected a QueryError, got ${String(err)}`);
    return err;
  }
  assert.fail(`expected ${query} to be refused`);
}

function assertError(query: string, offset: number, message: RegExp): void {
  const err = errorOf(query);
  assert.match(err.detail, message, query);
  assert.equal(err.offset, offset, `${query}: ${err.detail}`);
  assert.equal(err.watchlist, 'w');
  assert.equal(err.field, 'query');
  assert.ok(err.message.startsWith('classify: '));
  assert.equal(err.stage, 'classify');
}

test('NEAR without a distance points at NEAR', () => {
  assertError('ISIS NEAR Sirte', 5, /^NEAR needs a distance, as in NEAR\/5$/);
  assertError('ISIS NEAR/ Sirte', 5, /NEAR needs a distance/);
  assertError('ISIS NEAR/x Sirte', 10, /whole number/);
  assertError('ISIS NEAR/0 Sirte', 10, /from 1 to 1000/);
  assertError('ISIS NEAR/5', 5, /needs a word/);
});

test('a query that can match only by what it excludes is refused', () => {
  assertError('NOT ISIS', 0, /only by what it excludes/);
  assertError('Libya OR NOT ISIS', 9, /only by what it excludes/);
  assertError('NOT (ISIS OR Daesh)', 0, /only by what it excludes/);
  assert.doesNotThrow(() => compileOne('Libya AND NOT ISIS'));
  assert.doesNotThrow(() => compileOne('NOT NOT ISIS'));
});

test('the wildcard needs three letters and goes at the end', () => {
  assertError('ai*', 2, /at least 3 letters before \*/);
  assertError('Libya OR "special fo*"', 20, /at least 3 letters/);
  assertError('wom*n', 3, /only at the end of a word/);
  assertError('*strike', 0, /only at the end/);
  assert.doesNotThrow(() => compileOne('air*'));
});

test('unknown entities and fields are errors at their place', () => {
  assertError('Libya AND @Hamas', 10, /unknown entity @Hamas/);
  assertError('Libya AND Title:ISIS', 10, /unknown field "Title:"/);
  assertError('title: ISIS', 0, /followed directly by a term/);
  assertError('title:body:ISIS', 0, /followed directly by a term/);
  assertError('title:(ISIS OR body:Daesh)', 15, /inside title: can never match/);
});

test('parentheses, quotes and operators out of place', () => {
  assertError('(ISIS OR Daesh', 0, /this \( is never closed/);
  assertError('ISIS OR Daesh)', 13, /this \) has no matching \(/);
  assertError('ISIS AND "Islamic State', 9, /quote is never closed/);
  assertError('ISIS AND', 5, /AND needs a term/);
  assertError('OR ISIS', 0, /OR needs a term before it/);
  assertError('ISIS ()', 5, /empty parentheses/);
  assertError('""', 0, /empty phrase/);
  assertError('   ', 0, /empty query/);
  assertError('ISIS /(unclosed/i', 5, /invalid regex/);
  assertError('ISIS /abc/x', 10, /unknown regex flag "x"/);
  assertError('@ISIS NEAR/5 person:Gaddafi', 13, /NEAR joins/);
  assertError('title:ISIS NEAR/5 body:Sirte', 11, /one field/);
});

test('weights are checked too, with the key named', () => {
  const err = errorOf('ISIS', { 'ISIS AND Libya': 2 });
  assert.equal(err.field, 'weights');
  assert.equal(err.weightKey, 'ISIS AND Libya');
  assert.match(err.detail, /one term/);
  const near = errorOf('ISIS', { 'ISIS NEAR Sirte': 2 });
  assert.equal(near.field, 'weights');
  assert.equal(near.offset, 5);
});

test('checkWatchlists reports every bad watch-list, and a bad alias once with its entity', async () => {
  const { checkWatchlists } = await import('../../src/classify/index.js');
  const { watchlistsFileSchema } = await import('../../src/config/schema.js');
  const file = watchlistsFileSchema.parse({
    entities: { ISIS: { type: 'org', aliases: ['Daesh'] } },
    watchlists: { a: { query: 'ISIS NEAR Sirte' }, b: { query: 'Libya' }, c: { query: 'NOT x' } },
  });
  assert.deepEqual(checkWatchlists(file).map((e) => [e.watchlist, e.offset]), [['a', 5], ['c', 0]]);
  const bad = watchlistsFileSchema.parse({ entities: { ISIS: { type: 'org', aliases: ['Daesh', 'wo*rd'] } }, watchlists: { a: { query: '@ISIS' } } });
  const [alias] = checkWatchlists(bad);
  assert.equal(alias!.entity, 'ISIS');
  assert.equal(alias!.alias, 1);
  assert.equal(alias!.watchlist, '');
  assert.match(alias!.detail, /entity ISIS, alias "wo\*rd": a wildcard \* goes only at the end/);
});

test('a lower-case operator is refused at its place, with the operator meant and how to mean the word', () => {
  assertError('virus or worm', 6, /^"or" is not an operator \(operators are written in capitals\): did you mean OR\? To search for the word, quote it: "or"$/);
  assertError('virus and worm', 6, /did you mean AND\?/);
  assertError('virus AND not worm', 10, /did you mean NOT\?.*quote it: "not"/);
  assertError('(Libya Or Tunisia)', 7, /"Or" is not an operator.*did you mean OR\?/);
  assertError('ISIS near/5 Sirte', 5, /^"near\/5" is not an operator.*did you mean NEAR\/5\?/);
  assertError('ISIS Near/12 Sirte', 5, /did you mean NEAR\/12\?/);
  assertError('title:or', 6, /did you mean OR\?/);
  assert.doesNotThrow(() => compileOne('virus "or" worm'));
  assert.doesNotThrow(() => compileOne('"and/or" OR andor OR order'));
});

test('a lower-case operator in a weights key is refused there', () => {
  const err = errorOf('virus', { 'virus or worm': 2 });
  assert.equal(err.field, 'weights');
  assert.equal(err.weightKey, 'virus or worm');
  assert.equal(err.offset, 6);
  assert.match(err.detail, /did you mean OR\?/);
});

test('a regex RE2 cannot run is refused at the construct, saying why', () => {
  assertError('Libya AND /(?<=al-)Qaeda/', 11, /^RE2 runs in linear time and has no lookbehind; rewrite without \(\?<=\.\.\.\)$/);
  assertError('Libya AND /(?<!x)y/', 11, /no lookbehind; rewrite without \(\?<!\.\.\.\)/);
  assertError('Libya AND /x(?=y)/', 12, /no lookahead; rewrite without \(\?=\.\.\.\)/);
  assertError('Libya AND /(a)\\1/', 14, /no backreferences; rewrite without \\1/);
  assertError('Libya AND /(?<w>a)\\k<w>/', 18, /no backreferences/);
  assertError('Libya AND /(?>ab)c/', 11, /no atomic groups/);
  assertError('Libya AND /a++b/', 12, /no possessive quantifiers; write \+ instead of \+\+/);
  assertError('Libya AND /x*/', 10, /matches empty text/);
  assertError('Libya AND /a{1,5000}/', 10, /invalid regex for RE2.*repeat count/);
  assert.doesNotThrow(() => compileOne('Libya AND /[(?=]x\\(?<=/'), 'inside a class or escaped, these are characters');
  assert.doesNotThrow(() => compileOne('Libya AND /(?<year>\\d{4})/'), 'a named group is fine');
});
