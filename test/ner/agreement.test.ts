import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agreeTypes } from '../../src/ner/agreement.js';
import { buildDoc } from '../../src/ner/doc.js';
import { EMPTY_GAZETTEER } from '../../src/ner/gazetteer.js';
import { encodeSpan } from '../../src/ner/labels.js';
import { spansOf } from '../../src/ner/decode.js';

const RES = { prior: new Map<string, number>(), gazetteer: EMPTY_GAZETTEER };
const PER = 0, ORG = 1, LOC = 2;

/** Labels the given token ranges (in body token order) with types, runs agreeTypes, returns each name's type. */
function agreed(body: string, names: [number, number, number][]): string[] {
  const doc = buildDoc('', body, RES);
  const labels = new Uint8Array(doc.n);
  for (const [from, to, type] of names) encodeSpan(labels, from, to, type);
  agreeTypes(doc, labels);
  return spansOf(doc, labels).map((s) => `${body.slice(s.start, s.end)}:${['PER', 'ORG', 'LOC', 'MISC'][s.type]}`);
}

test('a name typed two ways in one article takes the type most of its mentions got', () => {
  // Yukos: a person once, an organization three times.
  const body = 'Shares in Yukos fell . Yukos said no . Yukos will pay . the deal for Yukos ended .';
  assert.deepEqual(agreed(body, [[2, 3, PER], [5, 6, ORG], [9, 10, ORG], [16, 17, ORG]]), ['Yukos:ORG', 'Yukos:ORG', 'Yukos:ORG', 'Yukos:ORG']);
});

test('a weak majority changes nothing, and a lone surname follows the full name', () => {
  const tie = 'They met Jordan in May . Then Jordan left .';
  assert.deepEqual(agreed(tie, [[2, 3, LOC], [7, 8, PER]]), ['Jordan:LOC', 'Jordan:PER']);
  const surname = 'Prime Minister Tony Blair spoke . later Blair left for Blair , he said .';
  assert.deepEqual(agreed(surname, [[2, 4, PER], [7, 8, ORG], [10, 11, PER]]), ['Tony Blair:PER', 'Blair:PER', 'Blair:PER']);
});
