import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileWatchlists, type BacktestCase } from '../../src/classify/index.js';
import type { WatchlistsFile } from '../../src/config/schema.js';
import { caseTerms, queryTerm } from '../../src/tune/candidates.js';
import { suggestWatchlist } from '../../src/tune/suggest.js';
import { makeCases } from './fixtures.js';

const file = (query: string, extra: Partial<WatchlistsFile> = {}): WatchlistsFile =>
  ({ entities: {}, watchlists: { w: { query, threshold: 0 } }, ...extra }) as WatchlistsFile;

function labelled(n: number, seed: number): BacktestCase[] {
  return makeCases(n, seed).map((c) => ({ id: c.id, title: c.title, text: c.body, ...(c.relevant ? { must: ['w'] } : { mustNot: ['w'] }) }));
}

test('candidate terms are valid query terms: no operators, phrases quoted, capitals kept only where the texts use them', () => {
  const caps = new Map<string, [number, number]>();
  const terms = caseTerms('Water and power: the EU and NATO near the border. Not now, or never; EU water shortage, Near East.', caps);
  for (const op of ['and', 'or', 'not', 'near']) assert.ok(![...terms].some((t) => t.split(' ').includes(op)), op);
  assert.ok(terms.has('water shortage') && terms.has('eu'));
  assert.equal(queryTerm('water shortage', caps), '"water shortage"');
  assert.equal(queryTerm('eu', caps), 'EU', 'written in capitals, so matched case-sensitively');
  assert.equal(queryTerm('water', caps), 'water');
  const mixed = new Map<string, [number, number]>();
  caseTerms('Cat food. CAT scan. The cat sat. A cat ran.', mixed);
  assert.equal(queryTerm('cat', mixed), 'cat', 'mostly lower case: matched in any case');
});

test('every suggested term compiles and hits several must cases; the gap is closed on cases held back', () => {
  const s = suggestWatchlist(file('drought'), 'w', labelled(80, 11));
  assert.ok(s.terms.length > 0 && s.terms.length <= 8, `a few strong terms: ${s.terms.map((t) => t.term).join(', ')}`);
  for (const t of s.terms) {
    if (t.kind === 'add') assert.ok(t.inPositives >= s.minSupport, `${t.term} in ${t.inPositives} must cases`);
    if (t.kind === 'exclude') assert.equal(t.inPositives, 0, `${t.term} excluded but in a must case`);
    if (t.kind === 'against') assert.ok(t.inNegatives >= s.minSupport, `${t.term} counts against from ${t.inNegatives} mustNot cases`);
    compileWatchlists(file(t.term));
  }
  assert.ok(s.heldOut.after.f1 > s.before.f1 + 0.3, `cross-validated F1 ${s.before.f1.toFixed(2)} -> ${s.heldOut.after.f1.toFixed(2)}`);
  const judged = labelled(60, 12);
  const f1 = (f: WatchlistsFile) => suggestWatchlist(f, 'w', judged).before.f1;
  assert.ok(f1(s.watchlistsFile) > f1(file('drought')) + 0.3);
});

test('a word that separates perfectly but occurs in only two must cases is never suggested', () => {
  const cases = labelled(40, 5);
  const must = cases.filter((c) => c.must);
  for (const c of must.slice(0, 2)) c.text += ' Zanzibarite.';
  const s = suggestWatchlist(file('drought'), 'w', cases);
  assert.ok(!s.terms.some((t) => t.term === 'zanzibarite'), s.terms.map((t) => t.term).join(', '));
});

test('an alias for the watch-list\'s entity is proposed from the names found in its misses', () => {
  const cases: BacktestCase[] = [];
  for (let i = 0; i < 10; i++) {
    cases.push({ id: `old-${i}`, text: `Northwind Traders plans layoffs\nNorthwind Traders said ${100 + i} jobs go at its depot.`, must: ['w'] });
    cases.push({ id: `new-${i}`, text: `Layoffs at Borealis Freight\nBorealis Freight, the company formerly known by another name, will cut ${40 + i} jobs. Borealis Freight blamed fuel costs.`, must: ['w'] });
    cases.push({ id: `other-${i}`, text: `Layoffs at Contoso Mills\nContoso Mills will cut ${20 + i} jobs in the spring.`, mustNot: ['w'] });
  }
  const f = file('@Northwind AND layoffs', { entities: { Northwind: { type: 'org', aliases: ['Northwind Traders'] } } });
  const s = suggestWatchlist(f, 'w', cases);
  assert.deepEqual(s.aliases.map((a) => [a.entity, a.alias]), [['Northwind', 'Borealis Freight']]);
  assert.equal(s.aliases[0]!.inMisses, 10);
  assert.equal(s.after.f1, 1);
  assert.deepEqual(s.watchlistsFile.entities.Northwind!.aliases, ['Northwind Traders', 'Borealis Freight']);
});

test('added terms are ORed onto the whole query and exclusions ANDed off all of it', async () => {
  const { applyMoves } = await import('../../src/tune/suggest.js');
  const { classifyItem } = await import('../../src/classify/index.js');
  const wl = applyMoves({ query: 'harbour AND strike', threshold: 0 }, ['"dock workers"', 'walkout'], ['cinema'], 1);
  assert.equal(wl.query, '(harbour AND strike OR "dock workers" OR walkout) AND NOT cinema');
  const c = compileWatchlists({ entities: {}, watchlists: { w: wl } } as WatchlistsFile);
  const flagged = (text: string) => classifyItem(c, { title: text, body: '' }).matches[0]!.flagged;
  assert.equal(flagged('strike at the harbour'), true);
  assert.equal(flagged('dock workers walk out'), true);
  assert.equal(flagged('harbour without the other word'), false);
  assert.equal(flagged('walkout at the cinema'), false);
  const weighted = applyMoves({ query: 'harbour', weights: { harbour: 2 }, threshold: 2 }, ['walkout'], [], 3);
  assert.deepEqual(weighted.weights, { harbour: 2, walkout: 1 });
  assert.equal(weighted.threshold, 3);
});
