import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nerModelInfo, recognizeNames, type RecognizedName } from '../../src/ner/index.js';

function names(title: string, body: string): RecognizedName[] {
  const found = recognizeNames({ title, body });
  assert.ok(found, 'English text gets names, not null');
  return found;
}

function has(found: RecognizedName[], text: string, type?: string, field?: 'title' | 'body'): boolean {
  return found.some((n) => n.text === text && (!type || n.type === type) && (!field || n.field === field));
}

test('the model loads once, lazily, on the first recognition', () => {
  assert.equal(nerModelInfo().loads, 0, 'nothing loaded before the first call');
  const t0 = performance.now();
  names('Ministers meet', 'Finance minister Petra Lindqvist met bankers in Stockholm.');
  const first = performance.now() - t0;
  const info = nerModelInfo();
  assert.equal(info.loads, 1);
  assert.ok(info.loadMs !== null && info.loadMs > 0);
  assert.ok(info.header?.data.some((d) => d.file.endsWith('eng.train') && /^[0-9a-f]{64}$/.test(d.sha256)), 'the header records its training data');
  const t1 = performance.now();
  names('Ministers meet again', 'Petra Lindqvist met bankers in Gothenburg.');
  const second = performance.now() - t1;
  assert.equal(nerModelInfo().loads, 1, 'the second call does not load again');
  assert.ok(second < first, `second call ${second.toFixed(1)} ms, first ${first.toFixed(1)} ms`);
});

test('every name cuts exactly its text out of its field, through CRLF, NBSP and astral characters', () => {
  const title = '🚀🚀 Rocket firm Skyward Dynamics hires Nadia Benali';
  const body = 'Line one.\r\n🛰️ The company , based in Toulouse , said\u00a0Nadia Benali would start in June.\r\n'
    + 'Skyward Dynamics chief executive Marco Ferri said: “We are delighted.”';
  const found = names(title, body);
  assert.ok(found.length >= 4, JSON.stringify(found));
  for (const n of found) assert.equal((n.field === 'title' ? title : body).slice(n.start, n.end), n.text);
  assert.ok(has(found, 'Nadia Benali', 'person', 'body'));
  assert.ok(has(found, 'Toulouse', 'place', 'body'));
  assert.ok(has(found, 'Marco Ferri', 'person', 'body'));
  assert.ok(has(found, 'Skyward Dynamics', 'org', 'body'));
});

test('possessives leave the clitic out; particles stay inside the name', () => {
  const body = "Syria's foreign minister met the envoy Staffan de Mistura in Geneva on Monday. "
    + "The whereabouts of militant leader Abu Bakr al-Baghdadi's deputy are unknown, while Crown Prince Mohammed bin Salman visited Washington. "
    + 'Officials said Nigeria ’s army had moved north.';
  const found = names('Envoy holds talks', body);
  assert.ok(has(found, 'Syria', 'place'), JSON.stringify(found));
  assert.ok(has(found, 'Staffan de Mistura', 'person'));
  assert.ok(has(found, 'Abu Bakr al-Baghdadi', 'person'));
  assert.ok(has(found, 'Mohammed bin Salman', 'person'));
  assert.ok(has(found, 'Nigeria', 'place'));
  assert.ok(has(found, 'Washington', 'place'));
  assert.ok(!found.some((n) => /['’]s$/.test(n.text)));
});

test('headlines in Title Case and ALL CAPS, and a dateline', () => {
  const body = 'NAIROBI 2031-03-02\nKenyan President Wanjiru Kamau met World Bank officials in Nairobi on Tuesday to discuss a new loan.';
  for (const title of ['Kenya Seeks World Bank Loan For Railway', 'KENYA SEEKS WORLD BANK LOAN FOR RAILWAY']) {
    const found = names(title, body);
    const head = found.filter((n) => n.field === 'title').map((n) => n.text.toLowerCase());
    assert.ok(head.includes('kenya'), `${title}: ${JSON.stringify(found)}`);
    assert.ok(head.includes('world bank'), `${title}: ${JSON.stringify(found)}`);
    assert.ok(!head.some((h) => /seeks|loan|railway/.test(h)), `${title}: ${JSON.stringify(found)}`);
    assert.ok(has(found, 'NAIROBI', 'place', 'body'), 'the dateline city is a place');
    assert.ok(has(found, 'Wanjiru Kamau', 'person', 'body'));
  }
});

test('a sports results table is English and gets its names', () => {
  const body = '1. Tomas Brandt ( Austria ) 1:52.07\n2. Ilse Varga ( Hungary ) 1:52.44\n3. Kenji Mori ( Japan ) 1:53.10';
  const found = names('SKIING - WORLD CUP RESULTS', body);
  for (const p of ['Tomas Brandt', 'Ilse Varga', 'Kenji Mori']) assert.ok(has(found, p, 'person'), `${p}: ${JSON.stringify(found)}`);
  for (const c of ['Austria', 'Hungary', 'Japan']) assert.ok(has(found, c, 'place'), c);
});

test('text that is not English returns null', () => {
  assert.equal(recognizeNames({ title: 'Regierung plant neue Steuern', body: 'Die Regierung in Berlin hat am Dienstag angekündigt, dass die Steuern für Unternehmen steigen werden, sagte der Minister.' }), null);
  assert.equal(recognizeNames({ title: 'Le gouvernement', body: 'Le président a annoncé mardi que les impôts des entreprises vont augmenter dans les prochains mois, a dit le ministre.' }), null);
  assert.equal(recognizeNames({ title: 'Новости', body: 'Президент встретился с министрами в Москве во вторник.' }), null);
  assert.equal(recognizeNames({ title: 'Talks', body: 'Officials met in Paris.', lang: 'fr' }), null, 'a language tag other than English is respected');
  assert.ok(recognizeNames({ title: 'Talks', body: 'Officials met in Paris.', lang: 'en-GB' }));
});

test('British titles without a period are left out of the name; full-width letters read as ASCII, offsets exact', () => {
  const found = names('Talks at Number 10', 'Mr Blair met Mrs Thatcher and Dr Reid in Downing Street on Monday.');
  for (const p of ['Blair', 'Thatcher', 'Reid']) assert.ok(has(found, p, 'person'), `${p}: ${JSON.stringify(found)}`);
  assert.ok(!found.some((n) => /^(Mr|Mrs|Dr) /.test(n.text)), JSON.stringify(found));
  const wide = 'Ｔｏｎｙ Ｂｌａｉｒ met officials of Ｍｉｃｒｏｓｏｆｔ in London on Monday.';
  const ascii = 'Tony Blair met officials of Microsoft in London on Monday.';
  const a = names('', wide), b = names('', ascii);
  assert.deepEqual(a.map((n) => [n.start, n.end, n.type]), b.map((n) => [n.start, n.end, n.type]), 'same names, same places');
  for (const n of a) assert.equal(wide.slice(n.start, n.end), n.text);
  assert.ok(has(a, 'Ｔｏｎｙ Ｂｌａｉｒ', 'person'), JSON.stringify(a));
});
