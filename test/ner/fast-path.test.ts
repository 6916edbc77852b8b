import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDoc } from '../../src/ner/doc.js';
import { baseEmissions } from '../../src/ner/fast.js';
import { BASE_SLOTS, baseFeatures } from '../../src/ner/features.js';
import { LABELS } from '../../src/ner/labels.js';
import { loadNerModel } from '../../src/ner/index.js';

const DOCS: [string, string][] = [
  ['STOCKS - NORDIC BANKS LEAD GAINS', 'OSLO 2031-05-06\nShares in Fjordbank rose 3.2 percent on Tuesday. Fjordbank chief Ola Nygaard said the bank would pay more.\n"We are strong," Nygaard said.'],
  ['Talks In Vienna End Without Deal', 'Diplomats from Iran and the United States met in Vienna. The talks ended on Friday without a deal, the envoy said. Talks may resume in May.'],
  ['', 'a b c. D e F g H. i'],
];

test('the run-time emissions equal the reference features looked up one by one', () => {
  const m = loadNerModel();
  for (const [title, body] of DOCS) {
    const doc = buildDoc(title, body, m.resources);
    const keys = new Int32Array(doc.n * BASE_SLOTS);
    baseFeatures(doc, m.resources, keys);
    const ref1 = new Float32Array(doc.n * LABELS), ref2 = new Float32Array(doc.n * LABELS);
    m.joint.add(keys, BASE_SLOTS, doc.n, ref1, ref2);
    const fast1 = new Float32Array(doc.n * LABELS), fast2 = new Float32Array(doc.n * LABELS);
    baseEmissions(doc, m.resources, m.joint, fast1, fast2);
    for (let i = 0; i < ref1.length; i++) {
      assert.ok(Math.abs(ref1[i]! - fast1[i]!) < 1e-3 * (1 + Math.abs(ref1[i]!)), `stage 1, token ${Math.floor(i / LABELS)} of "${title}": ${ref1[i]} vs ${fast1[i]}`);
      assert.ok(Math.abs(ref2[i]! - fast2[i]!) < 1e-3 * (1 + Math.abs(ref2[i]!)), `stage 2, token ${Math.floor(i / LABELS)} of "${title}": ${ref2[i]} vs ${fast2[i]}`);
    }
  }
});
