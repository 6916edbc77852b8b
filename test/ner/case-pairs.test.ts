import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recognizeNames } from '../../src/ner/index.js';

/**
 * Six words that are a name in one story and a common word in another. Each story's body says
 * how the document writes the word where case speaks (mid-sentence); the word is then checked
 * in a body sentence, a Title Case headline and an ALL CAPS headline.
 */
interface Pair { word: string; name: { title: string; body: string }; common: { title: string; body: string } }

const PAIRS: Pair[] = [
  {
    word: 'Labour',
    name: { title: 'Labour Party Pledges Higher Minimum Wage', body: 'Leaders of the Labour Party said on Tuesday that they would raise the minimum wage. Voters told Labour to act quickly.' },
    common: { title: 'Young People Struggle In Labour Market', body: 'Young people entering the labour market face low pay, the report said. Pressure on the labour market is easing.' },
  },
  {
    word: 'Orange',
    name: { title: 'Orange Cuts Mobile Prices', body: 'The French operator Orange said it would cut mobile prices. Customers of Orange will pay less from May.' },
    common: { title: 'Orange Juice Prices Rise', body: 'The price of orange juice rose after frost hit the groves. Growers expect orange output to fall.' },
  },
  {
    word: 'Apple',
    name: { title: 'Apple Unveils New Phone', body: 'Shares in Apple rose after the company showed its new phone. Analysts said Apple would sell millions.' },
    common: { title: 'Apple Harvest Hit By Frost', body: 'Farmers said the apple harvest was the worst in a decade. Many apple growers lost half their crop.' },
  },
  {
    word: 'Reading',
    name: { title: 'Reading Council Approves Budget', body: 'Councillors in Reading approved the budget on Monday. The town of Reading will build two new schools.' },
    common: { title: 'Reading Habits Change Among Children', body: 'Children spend less time reading books, a survey found. Parents said reading at home had declined.' },
  },
  {
    word: 'Turkey',
    name: { title: 'Turkey Hosts Regional Summit', body: 'Leaders will meet in Turkey next week, officials said. The government of Turkey invited ten countries.' },
    common: { title: 'Turkey Prices Soar Before Christmas', body: 'The price of a turkey has doubled, farmers said. Shoppers paid more for turkey this year.' },
  },
  {
    word: 'May',
    name: { title: 'May Meets European Leaders', body: 'Prime Minister Theresa May met European leaders in Brussels on Friday. Aides to May said the talks went well.' },
    common: { title: 'Interest Rates May Rise Again', body: 'Interest rates may rise again this year, the bank said. Borrowers may face higher costs.' },
  },
];

const NAME_TYPES = new Set(['person', 'org', 'place']);

/** Is `word` (in any case) found as, or inside, a person/org/place name in that field? */
function named(title: string, body: string, field: 'title' | 'body', word: string): boolean {
  const found = recognizeNames({ title, body });
  assert.ok(found);
  const w = word.toLowerCase();
  return found.some((n) => n.field === field && NAME_TYPES.has(n.type) && n.text.toLowerCase().split(/\s+/).includes(w));
}

for (const p of PAIRS) {
  test(`${p.word}: a name in its own story, in the body and in both kinds of headline`, () => {
    assert.ok(named(p.name.title, p.name.body, 'body', p.word), 'body');
    assert.ok(named(p.name.title, p.name.body, 'title', p.word), 'Title Case headline');
    assert.ok(named(p.name.title.toUpperCase(), p.name.body, 'title', p.word), 'ALL CAPS headline');
  });
  test(`${p.word.toLowerCase()}: a common word in the other story, in the body and in both kinds of headline`, () => {
    assert.ok(!named(p.common.title, p.common.body, 'body', p.word), 'body');
    assert.ok(!named(p.common.title, p.common.body, 'title', p.word), 'Title Case headline');
    assert.ok(!named(p.common.title.toUpperCase(), p.common.body, 'title', p.word), 'ALL CAPS headline');
  });
}
