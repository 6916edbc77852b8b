import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isEnglishText } from '../../src/ner/index.js';

test('other Latin-script languages are not English', () => {
  const samples = {
    es: 'El gobierno de la ciudad anunció que los precios de las viviendas subirán por la demanda, según el ministro.',
    it: 'Il governo della regione ha detto che i prezzi delle case sono in aumento per la domanda, secondo il ministro.',
    nl: 'De regering van het land heeft gezegd dat de prijzen van huizen niet zullen dalen, volgens de minister van financiën.',
    pt: 'O governo do país disse que os preços das casas não vão cair, segundo o ministro das finanças em uma entrevista.',
    de: 'Die Regierung hat am Montag gesagt, dass die Preise für Wohnungen nicht sinken werden, sagte der Minister.',
  };
  for (const [lang, text] of Object.entries(samples)) assert.equal(isEnglishText(text), false, lang);
});

test('English, short or odd English text, and language tags', () => {
  assert.equal(isEnglishText('The government said on Monday that house prices would not fall, according to the minister.'), true);
  assert.equal(isEnglishText('Staffan de Mistura met officials of the United Nations in Geneva on Tuesday, and said talks would go on.'), true, 'particles do not make it foreign');
  assert.equal(isEnglishText('1. Tomas Brandt ( Austria ) 1:52.07\n2. Ilse Varga ( Hungary ) 1:52.44'), true, 'a results table');
  assert.equal(isEnglishText('Oslo'), true, 'unsure means English');
  assert.equal(isEnglishText('東京で会議が開かれた。政府は新しい計画を発表した。'), false, 'non-Latin script');
  assert.equal(isEnglishText('The minister spoke.', 'de-AT'), false);
  assert.equal(isEnglishText('Der Minister sprach heute.', 'en-US'), true);
  assert.equal(isEnglishText('The minister spoke.', 'und'), true);
});
