import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { compileWatchlists, classifyItem, type BacktestCase } from '../../src/classify/index.js';
import type { WatchlistsFile } from '../../src/config/schema.js';
import { fitLogistic, solveSpd } from '../../src/tune/logistic.js';
import { suggestWatchlist } from '../../src/tune/suggest.js';
import { suggestionEdit } from '../../src/tune/suggestion-edit.js';
import { editWatchlistsYaml } from '../../src/tune/edit-watchlists.js';

import { prng as rng } from '../helpers/prng.js';

/** Word -> chance in a port-strike story, chance in other news. No word alone tells them apart. */
const WORDS: Array<[string, number, number]> = [
  ['dockers', 0.55, 0.04], ['walkout', 0.5, 0.06], ['cranes', 0.45, 0.1], ['pickets', 0.4, 0.05],
  ['harbour', 0.5, 0.3], ['union', 0.45, 0.25], ['cargo', 0.4, 0.2], ['wages', 0.4, 0.2],
  ['concert', 0.03, 0.3], ['festival', 0.03, 0.3], ['yachts', 0.03, 0.25],
];
const FILLER = ['council', 'weather', 'market', 'school', 'river', 'bridge', 'museum', 'station', 'garden', 'library'];

function makeCases(n: number, seed: number): BacktestCase[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const positive = i % 5 < 2;
    const words = WORDS.filter(([, p, q]) => r() < (positive ? p : q)).map(([w]) => w);
    if (positive && r() < 0.3) words.push('strike');
    else if (!positive && r() < 0.08) words.push('strike');
    for (let k = 0; k < 4; k++) words.push(FILLER[Math.floor(r() * FILLER.length)]!);
    const body = words.sort(() => r() - 0.5).map((w) => `The ${w} was mentioned.`).join(' ');
    return { id: `case-${seed}-${i}`, title: `Report ${i}`, text: body, ...(positive ? { must: ['port'] } : { mustNot: ['port'] }) };
  });
}

const FILE = `watchlists:
  port:
    query: strike   # first draft
`;

test('several moderate terms flag together: a learned weighted list, with terms for and against, that holds on unseen cases', () => {
  const file = { entities: {}, watchlists: { port: { query: 'strike', threshold: 0 } } } as WatchlistsFile;
  const s = suggestWatchlist(file, 'port', makeCases(300, 1));
  assert.equal(s.scoring, 'learned', `held back: ${s.heldOut.path.map((p) => `${p.terms}:${p.figures.f1.toFixed(2)}`).join(' ')}`);
  const wl = s.watchlistsFile.watchlists.port!;
  const weights = wl.weights!;
  for (const w of Object.values(weights)) assert.ok(Number.isInteger(w), `whole-number weights: ${JSON.stringify(weights)}`);
  assert.ok(Number.isInteger(wl.threshold - 0.5), `a threshold between two sums: ${wl.threshold}`);
  assert.ok(weights.dockers! > 0 && weights.walkout! > 0, JSON.stringify(weights));
  assert.ok(weights.concert! < 0 && weights.festival! < 0, JSON.stringify(weights));
  assert.ok(wl.query.startsWith('strike OR ') && /\bdockers\b/.test(wl.query), wl.query);
  assert.ok(!/\bconcert\b/.test(wl.query), 'a term that counts against stays out of the query');
  assert.ok(s.terms.some((t) => t.kind === 'against' && t.weight! < 0));
  assert.ok(s.terms.every((t, k) => k === 0 || Math.abs(t.weight!) <= Math.abs(s.terms[k - 1]!.weight!)), 'strongest first');

  // Judged on cases it never saw, through the classifier itself.
  const unseen = makeCases(300, 2);
  const f1 = (f: WatchlistsFile) => suggestWatchlist(f, 'port', unseen).before.f1;
  const before = f1(file), after = f1(s.watchlistsFile);
  assert.ok(after >= 0.8 && after > before + 0.3, `F1 on unseen cases ${before.toFixed(2)} -> ${after.toFixed(2)}`);

  // The edit writes every weight and reads back as the suggestion.
  const edited = editWatchlistsYaml(FILE, ...suggestionEdit(file, s));
  assert.deepEqual(parse(edited).watchlists.port, { query: wl.query, weights, threshold: wl.threshold });
  assert.match(edited, /# first draft/);
  const c = compileWatchlists(s.watchlistsFile);
  assert.equal(classifyItem(c, { title: 'Port', body: 'Dockers at the harbour began a walkout; cranes stood still.' }).matches[0]!.flagged, true);
  assert.equal(classifyItem(c, { title: 'Summer', body: 'A festival and a concert at the harbour.' }).matches[0]!.flagged, false);
});

test('the logistic fit gives a word of the topic a positive weight and a word of other news a negative one', () => {
  const x = solveSpd(Float64Array.from([4, 2, 2, 3]), Float64Array.from([2, 1]), 2);
  assert.ok(Math.abs(x[0]! - 0.5) < 1e-9 && Math.abs(x[1]!) < 1e-9, `solves a 2x2 system: ${Array.from(x)}`);
  const label = Uint8Array.from([1, 1, 1, 1, 0, 0, 0, 0]);
  const topic = Uint8Array.from([2, 1, 1, 0, 0, 0, 1, 0]);
  const other = Uint8Array.from([0, 0, 1, 0, 2, 1, 1, 3]);
  const fit = fitLogistic([topic, other], [0, 1, 2, 3, 4, 5, 6, 7], label, 1);
  assert.ok(fit.weights[0]! > 0 && fit.weights[1]! < 0, `weights ${Array.from(fit.weights)}`);
  const strong = fitLogistic([topic, other], [0, 1, 2, 3, 4, 5, 6, 7], label, 100);
  assert.ok(Math.abs(strong.weights[0]!) < Math.abs(fit.weights[0]!), 'a stronger penalty keeps weights smaller');
});
