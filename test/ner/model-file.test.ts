import { test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import assert from 'node:assert/strict';
import { decodeModel, encodeModel, type ModelContent } from '../../src/ner/model.js';
import { FeatureTable } from '../../src/ner/table.js';
import { Gazetteer } from '../../src/ner/gazetteer.js';
import { LABELS } from '../../src/ner/labels.js';
import { NerModelError } from '../../src/ner/index.js';

function tiny(): ModelContent {
  const keys = Int32Array.of(11, -7, 123456789);
  const weights = new Int8Array(keys.length * LABELS).map((_, i) => (i % 7) - 3);
  const stage = { keys, scales: Float32Array.of(0.5, 1, 2), weights, trans: new Float32Array(LABELS * LABELS).fill(0.25), table: new FeatureTable(keys) };
  return {
    header: { format: 'wirewatch-ner 1', created: '2031-01-01', data: [], unlabeled: [], settings: { seed: 3 }, figures: {}, stages: 1 },
    stages: [stage],
    resources: { prior: new Map([['river', 1], ['oslo', 5]]), gazetteer: new Gazetteer(Int32Array.of(42, -5), Uint8Array.of(3, 8), Int32Array.of(7), 4) },
  };
}

test('a model survives encoding and decoding unchanged', () => {
  const back = decodeModel(encodeModel(tiny()));
  const s = back.stages[0]!;
  assert.deepEqual(Array.from(s.keys), [11, -7, 123456789]);
  assert.deepEqual(Array.from(s.scales), [0.5, 1, 2]);
  assert.deepEqual(Array.from(s.weights), Array.from(tiny().stages[0]!.weights));
  assert.equal(s.table.get(-7), 1);
  assert.equal(s.table.get(99), -1);
  assert.deepEqual([...back.resources.prior], [['river', 1], ['oslo', 5]]);
  const gaz = back.resources.gazetteer;
  assert.deepEqual([gaz.typesOf(42), gaz.typesOf(-5), gaz.typesOf(43)], [3, 8, 0]);
  assert.deepEqual([gaz.startsWith(7), gaz.startsWith(8)], [true, false]);
  assert.equal(gaz.maxLen, 4);
  assert.deepEqual(back.header.settings, { seed: 3 });
});

test('a damaged model file is refused with a clear error', () => {
  assert.throws(() => decodeModel(Buffer.from('not a model')), (e: unknown) => e instanceof NerModelError && /^ner: model file is not gzip/.test(e.message));
  const good = encodeModel(tiny());
  const raw = gunzipSync(good);
  assert.throws(() => decodeModel(gzipSync(raw.subarray(0, raw.length - 40))), /ner: model file truncated/);
  const wrong = Buffer.from(raw); wrong.write('xx', 0);
  assert.throws(() => decodeModel(gzipSync(wrong)), /magic/);
});
