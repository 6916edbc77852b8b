import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judge } from './helpers.js';

test('score is the sum of weight x hits, each entry counting at most 3 hits', () => {
  const body = 'ISIS ISIS ISIS ISIS ISIS in Libya, with special forces.';
  const m = judge('@ISIS AND Libya', { title: 'ISIS', body }, { weights: { '@ISIS': 2, 'title:@ISIS': 3, '"special forces"': 1 } });
  // @ISIS: 6 hits counted as 3 -> 6; title:@ISIS: 1 -> 3; special forces: 1 -> 1
  assert.equal(m.score, 10);
});

test('without weights the score is the number of distinct query terms that hit', () => {
  const m = judge('ISIS AND (Libya OR Egypt OR Tunisia)', 'ISIS ISIS in Libya and Egypt');
  assert.equal(m.score, 3);
});

test('flagged needs the query to match and the score to reach the threshold', () => {
  const weights = { '@ISIS': 1 };
  assert.equal(judge('@ISIS', 'ISIS', { weights, threshold: 2 }).flagged, false);
  assert.equal(judge('@ISIS', 'ISIS and Daesh', { weights, threshold: 2 }).flagged, true);
  const notMatched = judge('@ISIS AND Libya', 'ISIS ISIS ISIS', { weights: { '@ISIS': 5 }, threshold: 1 });
  assert.equal(notMatched.score, 15);
  assert.equal(notMatched.flagged, false);
  assert.equal(notMatched.queryMatched, false);
});

test('threshold and alert are reported with every verdict', () => {
  const m = judge('ISIS', 'nothing here', { threshold: 3, alert: 8 });
  assert.deepEqual({ flagged: m.flagged, score: m.score, threshold: m.threshold, alert: m.alert, hits: m.hits }, { flagged: false, score: 0, threshold: 3, alert: 8, hits: [] });
});

test('a weight may be a NEAR or an OR of terms', () => {
  const m = judge('ISIS', 'ISIS fighters near Sirte; airstrikes in Libya', { weights: { 'ISIS NEAR/3 Sirte': 2, 'Libya OR Egypt': 1 } });
  assert.equal(m.score, 3);
});

test('term hits of one article stay right after the classifier has read another', async () => {
  const { classifyDetailed } = await import('../../src/classify/index.js');
  const { compileOne } = await import('./helpers.js');
  const classifier = compileOne('ISIS OR Sirte');
  const first = classifyDetailed(classifier, { title: '', body: 'ISIS' });
  const second = classifyDetailed(classifier, { title: '', body: 'Sirte' });
  const ids = (d: typeof first) => [0, 1].filter((id) => d.hits.has(id));
  assert.deepEqual(ids(first), [0]);
  assert.deepEqual(ids(second), [1]);
  assert.deepEqual(ids(first), [0], 'still the first article after the second');
});

test('a negative weight is a penalty: it lowers the score, at most 3 hits counted', () => {
  const m = judge('virus', 'virus virus hoax hoax hoax hoax', { weights: { virus: 3, hoax: -1 }, threshold: 4 });
  assert.equal(m.score, 3, '3 x 2 - 1 x 3');
  assert.equal(m.flagged, false);
});

test('defaultWeight gives each query term without a weight of its own that many points a hit; the hits name them', () => {
  const body = 'Iraq, Iraq and Iraq again: militants and an insurgency, and more militants.';
  const weights = { '@NorthAfrica': 2 };
  const query = '(@NorthAfrica OR Iraq) AND (militant* OR insurgen*)';
  // Without it, the terms with no weight add nothing: the complaint this key answers.
  assert.equal(judge(query, body, { weights }).score, 0);
  const m = judge(query, body, { weights, defaultWeight: 1, threshold: 3 });
  // Iraq: 3 hits -> 3; militant*: 2 -> 2; insurgen*: 1 -> 1; @NorthAfrica keeps its own 2 (no hit here).
  assert.equal(m.score, 6);
  assert.equal(m.flagged, true);
  assert.equal(judge(query, 'Libya: militants', { weights, defaultWeight: 1 }).score, 3);
  // Without weights, defaultWeight weights every term: hits count, up to 3 a term.
  assert.equal(judge('Iraq OR Syria', 'Iraq Iraq Syria', { defaultWeight: 2 }).score, 6);
  // A term under NOT never scores.
  assert.equal(judge('Iraq AND NOT Syria', 'Iraq', { weights: { Iraq: 1 }, defaultWeight: 5 }).score, 1);
});
