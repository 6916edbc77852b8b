import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDoc } from '../../src/ner/doc.js';
import { EMPTY_GAZETTEER } from '../../src/ner/gazetteer.js';
import { ALLOWED, LABELS, canEnd, canStart, label, B, I, L, U } from '../../src/ner/labels.js';
import { viterbi } from '../../src/ner/viterbi.js';
import { decodeWindows, insideWindows, windowsOf } from '../../src/ner/windows.js';
import { prng as rng } from '../../src/prng.js';

const RES = { prior: new Map<string, number>(), gazetteer: EMPTY_GAZETTEER };

function activeWords(title: string, body: string): string {
  const d = buildDoc(title, body, RES);
  const w = windowsOf(d.n, d.sentStart, d.cased);
  return Array.from({ length: d.n }, (_, k) => (w.active[k] ? d.texts[d.field[k]!].slice(d.starts[k], d.ends[k]) : '_')).join(' ');
}

test('windows hold the capitalized words, the word before each, and the word after unless it is a plain lower-case word', () => {
  assert.equal(activeWords('', 'officials met bin Laden , the Bank of England said on Friday .'),
    '_ _ bin Laden , the Bank of England _ on Friday .');
  assert.equal(activeWords('', "the envoy saw Lord 's and Euro 96 yesterday"), "_ _ saw Lord 's and Euro 96 _");
  // A window never crosses a sentence: the period before "Police" is not its neighbour.
  assert.equal(activeWords('', 'it rained all day . Police said so'), '_ _ _ _ _ Police _ _');
  assert.equal(activeWords('', 'no capital letter here at all .'), '_ _ _ _ _ _ _');
});

/** Viterbi by brute force over every label sequence the BILOU grammar allows. */
function bruteForce(emit: Float32Array, trans: Float32Array, n: number, afterO: boolean, beforeO: boolean): number[] {
  let best = -Infinity, arg: number[] = [];
  const seq = new Array<number>(n).fill(0);
  const walk = (k: number, score: number) => {
    if (k === n) {
      if (!canEnd(seq[n - 1]!)) return;
      const s = score + (beforeO ? trans[seq[n - 1]! * LABELS]! : 0);
      if (s > best) { best = s; arg = seq.slice(); }
      return;
    }
    for (let l = 0; l < LABELS; l++) {
      if (k === 0 ? !canStart(l) : ALLOWED[seq[k - 1]! * LABELS + l] !== 1) continue;
      seq[k] = l;
      walk(k + 1, score + emit[k * LABELS + l]! + (k === 0 ? (afterO ? trans[l]! : 0) : trans[seq[k - 1]! * LABELS + l]!));
    }
  };
  walk(0, 0);
  return arg;
}

test('Viterbi finds the best well-formed path, after and before an O or not', () => {
  const random = rng(11);
  for (let trial = 0; trial < 40; trial++) {
    const n = 1 + (trial % 3);
    const emit = Float32Array.from({ length: n * LABELS }, () => random() * 10 - 5);
    const trans = Float32Array.from({ length: LABELS * LABELS }, () => random() * 6 - 3);
    const afterO = trial % 2 === 0, beforeO = trial % 4 < 2;
    const out = new Uint8Array(n);
    viterbi(emit, trans, 0, n, out, afterO, beforeO);
    assert.deepEqual(Array.from(out), bruteForce(emit, trans, n, afterO, beforeO), `trial ${trial}`);
  }
});

test('tokens outside the windows are O, and training drops names cut by a window edge', () => {
  const d = buildDoc('', 'rain fell on Paris and on quiet towns .', RES);
  const w = windowsOf(d.n, d.sentStart, d.cased);
  const emit = new Float32Array(d.n * LABELS).fill(5);
  const out = new Uint8Array(d.n).fill(9);
  decodeWindows(w, d.sentStart, emit, new Float32Array(LABELS * LABELS), out);
  for (let k = 0; k < d.n; k++) if (!w.active[k]) assert.equal(out[k], 0, `token ${k}`);
  // "Paris and on" lies in one window ("on" before, "and" after): a gold name reaching "quiet" is cut.
  const gold = new Uint8Array(d.n);
  gold[3] = label(2, B); gold[4] = label(2, I); gold[5] = label(2, I); gold[6] = label(2, L);
  gold[1] = label(0, U);
  const kept = insideWindows(w, gold);
  assert.equal(kept[1], 0, 'a name outside every window is dropped');
  assert.deepEqual(Array.from(kept.subarray(3, 7)), [0, 0, 0, 0], 'a name cut by the window edge is dropped whole');
});
