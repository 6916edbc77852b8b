import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileWatchlists, classifyItem, type BacktestCase } from '../../src/classify/index.js';
import type { WatchlistsFile } from '../../src/config/schema.js';
import { orOperands } from '../../src/tune/near.js';
import { suggestWatchlist } from '../../src/tune/suggest.js';

const REGIONS = ['Murcia', 'Castile', 'Aragon', 'Valencia', 'Navarre', 'Rioja', 'Galicia', 'Asturias', 'Cantabria', 'Leon', 'Soria', 'Teruel',
  'Huesca', 'Lleida', 'Girona', 'Tarragona', 'Cuenca', 'Toledo', 'Avila', 'Segovia', 'Burgos', 'Palencia', 'Zamora', 'Salamanca'];
const TEAMS = ['Rovers', 'Albion', 'Harriers', 'Saints', 'Athletic', 'Wanderers', 'Rangers', 'Thistle', 'Dynamo', 'Olympic'];

/**
 * Water stories speak of a "severe 3-year drought"; sports reports of a title drought that is
 * over, and later of something severe. Nothing else repeats (each place once, each team
 * twice: too few for a term or an exclusion), so no term, exclusion or weight tells them apart:
 * only "drought" near "severe" does.
 */
function cases(): BacktestCase[] {
  const out: BacktestCase[] = [];
  REGIONS.forEach((r, i) => out.push({ id: `water-${i}`, title: r, text: `${r}: a severe ${2 + (i % 5)}-year drought.`, must: ['w'] }));
  for (let i = 0; i < 20; i++) {
    const t = TEAMS[i % TEAMS.length]!;
    out.push({ id: `sport-${i}`, title: t, text: `${t}: the drought, they say, is over for now; it was severe.`, mustNot: ['w'] });
  }
  for (let i = 0; i < 12; i++) out.push({ id: `other-${i}`, title: 'Council approves tram line', text: `The tram will link the station with the hospital by ${2030 + i}.`, mustNot: ['w'] });
  return out;
}

test('a term that brings false alarms is made to count only near another, when no exclusion can do it', () => {
  const file = { entities: {}, watchlists: { w: { query: 'drought', threshold: 0 } } } as WatchlistsFile;
  const s = suggestWatchlist(file, 'w', cases());
  const near = s.terms.find((t) => t.kind === 'near');
  assert.ok(near, `a NEAR is proposed: ${s.terms.map((t) => `${t.kind} ${t.term}`).join(', ')}`);
  assert.match(near.term, /^drought NEAR\/\d+ \S+$/);
  assert.ok(!s.terms.some((t) => t.kind === 'exclude'), 'no exclusion could do it');
  assert.equal(near.after.falseNegatives, 0, 'no hit lost');
  assert.equal(near.after.falsePositives, 0, 'the title droughts are gone');
  assert.ok(s.heldOut.after.f1 > s.before.f1 + 0.2, `NEARs chosen without the held-back cases work on them: ${s.before.f1.toFixed(2)} -> ${s.heldOut.after.f1.toFixed(2)}`);
  const wl = s.watchlistsFile.watchlists.w!;
  assert.ok(wl.query.includes(`(${near.term})`), wl.query);
  const c = compileWatchlists(s.watchlistsFile);
  const flagged = (title: string, body: string) => classifyItem(c, { title, body }, { watchlists: ['w'] }).matches[0]!.flagged;
  assert.equal(flagged('Dry year', 'Farmers fear a severe drought this summer.'), true);
  assert.equal(flagged('Cup final', 'United: the drought, they say, is over for now; it was severe.'), false);
});

test('only a query of ORed terms is rewritten with a NEAR', () => {
  assert.deepEqual(orOperands('drought OR "water shortage" OR title:rationing'), { operands: ['drought', '"water shortage"', 'title:rationing'], rest: '' });
  assert.deepEqual(orOperands('(drought OR hosepipe) AND NOT cinema'), { operands: ['drought', 'hosepipe'], rest: ' AND NOT cinema' });
  assert.equal(orOperands('drought AND spain'), undefined);
  assert.equal(orOperands('(drought OR rain) AND spain'), undefined);
  assert.equal(orOperands('drought NEAR/5 severe OR rain'), undefined);
});
