// The recognizer seam: any function with the signature of recognizeNames can give the classifier
// its names; today's rules are one, and MISC names are names but never entities.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recognizeByRules } from '../../src/classify/entities/rules/recognize.js';
import { withTokens } from '../../src/classify/entities/doc-tokens.js';
import { entitiesFromSpans } from '../../src/classify/entities/recognized.js';
import { tokenizeText } from '../../src/classify/tokenize/normalize.js';
import type { NameSpan, Recognizer } from '../../src/classify/types.js';

const DOC = {
  title: 'Pentagon Sends Envoy To Sirte',
  body: 'Pentagon spokesman Peter Cook said on Monday that Secretary of State John Kerry would visit Vienna.\r\nCook added more.',
};

test('the rules answer as a Recognizer: typed spans whose offsets cut their text out of the field', () => {
  const recognizer: Recognizer = recognizeByRules;
  const spans = recognizer(DOC)!;
  assert.ok(spans.length >= 4, JSON.stringify(spans));
  for (const s of spans) {
    assert.equal(DOC[s.field].slice(s.start, s.end), s.text);
    assert.ok(['person', 'org', 'place', 'misc'].includes(s.type));
  }
  const body = spans.filter((s) => s.field === 'body').map((s) => [s.text, s.type]);
  assert.deepEqual(body.slice(0, 4), [['Pentagon', 'org'], ['Peter Cook', 'person'], ['John Kerry', 'person'], ['Vienna', 'place']]);
});

test('tokens handed along by the classifier give the same names as tokenizing afresh', () => {
  const fresh = recognizeByRules(DOC);
  const handed = recognizeByRules(withTokens(DOC, { title: tokenizeText(DOC.title), body: tokenizeText(DOC.body) }));
  assert.deepEqual(handed, fresh);
  // Tokens of other texts are not trusted: the recognizer reads the texts it is given.
  const stale = withTokens(DOC, { title: tokenizeText('Other'), body: tokenizeText('Nothing here') });
  assert.deepEqual(recognizeByRules(stale), fresh);
});

test('MISC names never become entities; the others merge by variant', () => {
  const text = 'Gadhafi and the Libyan Moammar Gadhafi met British officials.';
  const span = (word: string, type: NameSpan['type'], from = 0): NameSpan => {
    const start = text.indexOf(word, from);
    return { field: 'body', start, end: start + word.length, type, text: word };
  };
  const spans = [span('Gadhafi', 'person'), span('Libyan', 'misc'), span('Moammar Gadhafi', 'person'), span('British', 'misc')];
  const found = entitiesFromSpans(spans, { title: tokenizeText(''), body: tokenizeText(text) });
  assert.deepEqual(found.map((e) => [e.name, e.type, e.count]), [['Muammar Gaddafi', 'person', 2]]);
});

test('a span that does not fall on token boundaries is still keyed by its words (a known variant here)', () => {
  const text = 'the QaddafiLoyalists said';
  const start = text.indexOf('Qaddafi');
  const found = entitiesFromSpans([{ field: 'body', start, end: start + 7, type: 'person', text: 'Qaddafi' }], { title: tokenizeText(''), body: tokenizeText(text) });
  assert.deepEqual(found.map((e) => [e.name, e.mentions]), [['Muammar Gaddafi', [{ field: 'body', start, end: start + 7 }]]]);
});

test('the rules find names their word lists do not hold, from their context alone', () => {
  // Invented names: a title before a name, a speech verb after it, a preposition before a
  // place, a word that heads organizations ("Monitor"); none of the names is in the lexicon.
  const body = 'Defense Secretary Odell Brantley arrived on Monday. Brantley said the mission would grow. '
    + 'Alliance chief Tormod Vassbakk met officials. Gunmen attacked a hotel in Qalbiya, the news site Desert Monitor reported.';
  const found = recognizeByRules({ title: '', body })!.map((s) => [s.text, s.type]);
  assert.deepEqual(found, [['Odell Brantley', 'person'], ['Brantley', 'person'], ['Tormod Vassbakk', 'person'], ['Qalbiya', 'place'], ['Desert Monitor', 'org']]);
});
