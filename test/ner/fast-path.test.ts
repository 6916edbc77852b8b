import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labelDoc, labelDocFast } from '../../src/ner/decode.js';
import { loadNerModel } from '../../src/ner/index.js';

const DOCS: [string, string][] = [
  ['STOCKS - NORDIC BANKS LEAD GAINS', 'OSLO 2031-05-06\nShares in Fjordbank rose 3.2 percent on Tuesday. Fjordbank chief Ola Nygaard said the bank would pay more.\n"We are strong," Nygaard said.'],
  ['Talks In Vienna End Without Deal', 'Diplomats from Iran and the United States met in Vienna. The talks ended on Friday without a deal, the envoy said. Talks may resume in May.'],
  ['', 'a b c. D e F g H. i'],
  ['Envoy meets rebels', 'Staffan de Mistura met Abu Bakr al-Baghdadi \'s envoy and the Bank of England chief. bin Laden was not there.'],
];

test('the run-time emissions equal the reference features looked up one by one', () => {
  const m = loadNerModel();
  // Twice: the second pass reads every sum from the process-wide caches.
  for (let pass = 0; pass < 2; pass++) {
    for (const [title, body] of DOCS) {
      const ref = labelDoc(title, body, m.resources, m.stages[0]!, m.stages[1] ?? null);
      const fast = labelDocFast(title, body, 'en', m.resources, m.fast, m.stages)!;
      for (let i = 0; i < ref.emit1.length; i++) {
        assert.ok(Math.abs(ref.emit1[i]! - fast.emit1[i]!) < 1e-3 * (1 + Math.abs(ref.emit1[i]!)), `token ${Math.floor(i / 17)} of "${title}": ${ref.emit1[i]} vs ${fast.emit1[i]}`);
      }
      assert.ok(ref.emit1.some((v) => Math.abs(v) > 1), `the emissions of "${title}" are not all zero`);
      assert.deepEqual(Array.from(fast.first), Array.from(ref.first), `stage 1 labels of "${title}"`);
      assert.deepEqual(Array.from(fast.final), Array.from(ref.final), `final labels of "${title}"`);
    }
  }
});
