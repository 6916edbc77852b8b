// Names that respect case (README, "Names and case"): a capitalized alias matches only a
// capitalized word, an all-capitals alias only capitals, and where case says nothing (sentence
// starts, Title Case and capitals headlines) the recognizer decides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyItem } from '../../src/classify/index.js';
import { recognize } from '../../src/classify/entities/recognizer.js';
import type { NameSpan, Recognizer } from '../../src/classify/types.js';
import type { ClassifyInput } from '../../src/types.js';
import { compileOne } from './helpers.js';

const ENTITIES = {
  Labour: { type: 'org', aliases: ['Labour Party'] },
  Orange: { type: 'org', aliases: [] },
  Apple: { type: 'org', aliases: [] },
  Reading: { type: 'place', aliases: [] },
  Turkey: { type: 'place', aliases: [] },
  May: { type: 'person', aliases: ['Theresa May'] },
};

interface Case {
  id: string;
  entity: keyof typeof ENTITIES;
  input: ClassifyInput;
  /** Is the entity named (true), or is it the common word (false)? */
  named: boolean;
  /** The gold name span, for the oracle recognizer: the word as it stands in the text. */
  word: string;
}

/** Per entity: [name meaning, common meaning] in a body sentence, at a sentence start, in a Title Case and in a capitals headline. */
const SENTENCES: Record<keyof typeof ENTITIES, { named: string[]; common: string[] }> = {
  Labour: {
    named: ['Voters in the north backed Labour on Thursday.', 'Labour won the seat on Thursday.', 'Labour Wins Seat In By-Election', 'LABOUR WINS SEAT IN BY-ELECTION'],
    common: ['Young people entering the labour market face low pay.', 'Labour shortages hit farms this summer.', 'Labour Shortages Hit Farms', 'LABOUR SHORTAGES HIT FARMS'],
  },
  Orange: {
    named: ['Shares in Orange fell after the results.', 'Orange cut its forecast on Tuesday.', 'Orange Cuts Forecast After Weak Quarter', 'ORANGE CUTS FORECAST AFTER WEAK QUARTER'],
    common: ['She drank a glass of orange juice.', 'Orange juice prices rose again.', 'Orange Juice Prices Soar', 'ORANGE JUICE PRICES SOAR'],
  },
  Apple: {
    named: ['Investors cheered as Apple unveiled a phone.', 'Apple unveiled a new phone on Monday.', 'Apple Unveils New Phone', 'APPLE UNVEILS NEW PHONE'],
    common: ['The apple harvest was poor this year.', 'Apple growers lost half their crop.', 'Apple Harvest Hit By Frost', 'APPLE HARVEST HIT BY FROST'],
  },
  Reading: {
    named: ['The festival returns to Reading in August.', 'Reading hosts the festival every August.', 'Reading Festival Sells Out In Hours', 'READING FESTIVAL SELLS OUT IN HOURS'],
    common: ['Children spend less time reading books.', 'Reading books helps children sleep.', 'Reading Books Helps Children Sleep', 'READING BOOKS HELPS CHILDREN SLEEP'],
  },
  Turkey: {
    named: ['Talks with Turkey resumed on Monday.', 'Turkey closed its border with Syria.', 'Turkey Closes Border With Syria', 'TURKEY CLOSES BORDER WITH SYRIA'],
    common: ['Farmers raised the price of turkey before Christmas.', 'Turkey prices rose before Christmas.', 'Turkey Prices Rise Before Christmas', 'TURKEY PRICES RISE BEFORE CHRISTMAS'],
  },
  May: {
    named: ['Ministers said May would resign.', 'May said the deal was done.', 'May Says Deal Is Done', 'MAY SAYS DEAL IS DONE'],
    common: ['The minister said talks may resume.', 'May brought warmer weather to the north.', 'Rain May Return Next Week', 'RAIN MAY RETURN NEXT WEEK'],
  },
};

const PLACES = ['body', 'sentence-start', 'title-case', 'all-caps'] as const;

/**
 * What the rest of an article says about the word, as a real article would: the name written
 * as a name mid-sentence, or the common word written in lower case. Where case says nothing
 * (sentence starts, headlines), this is what lets the configured recognizer decide.
 */
const CONTEXT: Record<keyof typeof ENTITIES, { named: string; common: string }> = {
  Labour: { named: 'Supporters of Labour celebrated in the town hall.', common: 'Farms cannot find enough labour for the harvest.' },
  Orange: { named: 'The French operator Orange said sales fell.', common: 'A carton of orange juice now costs more.' },
  Apple: { named: 'The new phone from Apple goes on sale on Friday.', common: 'Each apple tree gave half its usual crop.' },
  Reading: { named: 'Hotels in Reading are full for the weekend.', common: 'Teachers say reading for pleasure matters.' },
  Turkey: { named: 'The government of Turkey made the announcement.', common: 'Shoppers paid more for a turkey this year.' },
  May: { named: 'Prime Minister Theresa May spoke to reporters.', common: 'Officials said prices may fall next year.' },
};


function cases(): Case[] {
  const out: Case[] = [];
  for (const [entity, s] of Object.entries(SENTENCES) as [keyof typeof ENTITIES, { named: string[]; common: string[] }][]) {
    for (const named of [true, false]) {
      (named ? s.named : s.common).forEach((text, i) => {
        // Headlines are titles, sentences open bodies; the article goes on as a real one would.
        const context = CONTEXT[entity][named ? 'named' : 'common'];
        const input = i < 2 ? { title: '', body: `${text} ${context}` } : { title: text, body: context };
        const word = new RegExp(entity, 'i').exec(text)![0];
        out.push({ id: `${entity} ${named ? 'named' : 'common'}, ${PLACES[i]}`, entity, input, named, word });
      });
    }
  }
  return out;
}

/** The field the case's occurrence stands in, and where. */
function occurrence(c: Case): { field: 'title' | 'body'; start: number } {
  const field = c.input.title ? 'title' : 'body';
  return { field, start: c.input[field].indexOf(c.word) };
}

/** Did the entity count the occurrence under test (not another one elsewhere in the article)? */
function counted(c: Case, recognizer?: Recognizer): boolean {
  const classifier = compileOne(`@${c.entity}`, { entities: ENTITIES });
  const { field, start } = occurrence(c);
  const entity = classifyItem(classifier, c.input, recognizer ? { recognizer } : {}).entities.find((e) => e.name === c.entity);
  return entity?.mentions?.some((m) => m.field === field && m.start === start) ?? false;
}

/** A recognizer that knows the truth: the name where it is one, nothing where it is the word. */
function oracle(c: Case): Recognizer {
  return () => {
    if (!c.named) return [];
    const { field, start } = occurrence(c);
    return [{ field, start, end: start + c.word.length, type: 'misc', text: c.word }];
  };
}

test('with a recognizer that gets names right, all 48 cases come out right (MISC counts as a name)', () => {
  const all = cases();
  assert.equal(all.length, 48);
  for (const c of all) assert.equal(counted(c, oracle(c)), c.named, c.id);
});

test('where case tells, case decides, whatever the recognizer says', () => {
  const none: Recognizer = () => [];
  const everything: Recognizer = (doc) => (['title', 'body'] as const).map((field): NameSpan => ({ field, start: 0, end: doc[field].length, type: 'misc', text: doc[field] }));
  for (const c of cases().filter((x) => x.id.endsWith(', body'))) {
    assert.equal(counted(c, none), c.named, `${c.id}, no names`);
    assert.equal(counted(c, everything), c.named, `${c.id}, names everywhere`);
  }
});

test('with the configured recognizer: all 48 occurrences counted or not as their meaning says', () => {
  const wrong = cases().filter((c) => counted(c) !== c.named).map((c) => c.id);
  assert.deepEqual(wrong, []);
  assert.equal(recognize.length, 1, 'the configured recognizer takes one document');
});

test('where case says nothing and the recognizer sees no name, a word that is no common word is still the name', () => {
  const none: Recognizer = () => [];
  const c = compileOne('@ISIS OR @Labour OR @Turkey', { entities: { ISIS: { type: 'org', aliases: ['Daesh'] }, Labour: { type: 'org', aliases: [] }, Turkey: { type: 'place', aliases: [] } } });
  const hit = (input: ClassifyInput) => classifyItem(c, input, { recognizer: none }).matches[0]!.queryMatched;
  assert.equal(hit({ title: 'Daesh returns', body: 'Near the coast.' }), true, 'never written in lower case: a name');
  assert.equal(hit({ title: 'DAESH RETURNS TO THE COAST', body: 'Near the coast.' }), true);
  assert.equal(hit({ title: '', body: 'Labour shortages hit farms.' }), false, 'labour is a common word of news');
  assert.equal(hit({ title: 'Turkey Prices Rise', body: 'Shoppers paid more for a turkey.' }), false, 'the article writes turkey in lower case');
  assert.equal(hit({ title: 'Turkey Closes Border', body: 'The border was closed.' }), true, 'nothing says turkey is a word here');
});

test('an all-capitals alias fires on capitals only, and in a capitals headline only where a name is seen', () => {
  const isis = { ISIS: { type: 'org', aliases: ['IS', 'Islamic State'] } };
  const c = compileOne('@ISIS', { entities: isis });
  const hit = (input: ClassifyInput, recognizer?: Recognizer) => classifyItem(c, input, recognizer ? { recognizer } : {}).matches[0]!.queryMatched;
  assert.equal(hit({ title: 'CHINA IS READY', body: 'Beijing said it was ready for talks.' }), false);
  assert.equal(hit({ title: '', body: 'IS claimed the attack on Sunday.' }), true, 'capitals in ordinary text are the name');
  assert.equal(hit({ title: '', body: 'The goddess Isis is worshipped there.' }), false, 'ISIS, the name itself, in capitals only');
  assert.equal(hit({ title: '', body: 'Fighters of the islamic state left.' }), false, 'a capitalized alias needs its capitals');
  const sees = (word: string): Recognizer => (doc) => {
    const start = doc.title.indexOf(word);
    return [{ field: 'title', start, end: start + word.length, type: 'org', text: word }];
  };
  assert.equal(hit({ title: 'IS FIGHTERS ATTACK CHECKPOINT', body: '' }, sees('IS')), true);
  assert.equal(hit({ title: 'CHINA IS READY', body: '' }, sees('CHINA')), false, 'a name elsewhere in the line does not count');
});

test('case: insensitive lets an alias match any case; a lower-case alias always does', () => {
  const insensitive = { Labour: { type: 'org', aliases: ['Labour Party'], case: 'insensitive' } };
  assert.equal(classifyItem(compileOne('@Labour', { entities: insensitive }), { title: '', body: 'the labour market' }).matches[0]!.queryMatched, true);
  const lower = { Sinai: { type: 'place', aliases: ['sinai'] } };
  for (const body of ['in sinai today', 'in Sinai today', 'IN SINAI TODAY']) {
    assert.equal(classifyItem(compileOne('@Sinai', { entities: lower }), { title: '', body }).matches[0]!.queryMatched, true, body);
  }
});

test('case tells after an abbreviation, across a wrapped line, and inside a phrase that starts a sentence', () => {
  const c = compileOne('@May OR @Labour', { entities: ENTITIES });
  const none: Recognizer = () => [];
  const hit = (body: string) => classifyItem(c, { title: '', body }, { recognizer: none }).matches[0]!.queryMatched;
  assert.equal(hit('Reporters asked Mrs. May about it.'), true, 'the dot of Mrs. ends no sentence');
  assert.equal(hit('The result left voters who backed\nLabour unhappy.'), true, 'a hard-wrapped line continues its sentence');
  assert.equal(hit('Labour Party officials met on Monday.'), true, 'Party is capitalized mid-sentence');
  assert.equal(hit('It rained.\n\nMay brought sun.'), false, 'a paragraph starts a sentence');
  assert.equal(hit('It rained. May brought sun.'), false);
});

test('in a headline, a name counts only when a body that speaks names the entity too; a title alone leaves it to the recognizer', () => {
  const entities = { ...ENTITIES, Bush: { type: 'person', aliases: ['George Bush'] } };
  const c = compileOne('@Labour OR @Apple OR @Turkey OR @May OR @Bush', { entities });
  // The watch-list's hits in the title (the recognizer's own entities are listed either way).
  const named = (input: ClassifyInput) => [...new Set(classifyItem(c, input).matches[0]!.hits.filter((h) => h.field === 'title').map((h) => h.term.slice(1)))];
  // Twenty words in ordinary case that name none of them.
  const silent = 'Officials said the figures were the worst in a decade, and that they expected little change over the coming months.';
  for (const title of ['Labour Market Tightens', 'LABOUR MARKET TIGHTENS', 'Apple Harvest Falls Short', 'APPLE HARVEST FALLS SHORT', 'Bush Fire Threatens Homes', 'BUSH FIRE THREATENS HOMES', 'May Brings Rain', 'Reading Habits Change']) {
    assert.deepEqual(named({ title, body: silent }), [], `${title}: the body never names it`);
  }
  // No common word: news writes turkey capitalized 98 times in 100, so only the article can say otherwise.
  assert.deepEqual(named({ title: 'Turkey Closes Border With Syria', body: silent }), ['Turkey']);
  assert.deepEqual(named({ title: 'Turkey Prices Rise Before Christmas', body: `Shoppers paid more for a turkey. ${silent}` }), []);
  const speaks = (s: string) => `${s} ${silent}`;
  assert.deepEqual(named({ title: 'May Says Deal Is Done', body: speaks('Prime Minister Theresa May told reporters the deal was done.') }), ['May'], 'another alias of the entity');
  assert.deepEqual(named({ title: 'LABOUR WINS SEAT', body: speaks('Labour took the seat from the Conservatives.') }), ['Labour'], 'named at a sentence start of the body, which the recognizer settles first');
  assert.deepEqual(named({ title: 'Bush Meets Blair', body: speaks('The talks with George Bush went well, aides said.') }), ['Bush']);
  assert.deepEqual(named({ title: 'Apple Unveils New Phone', body: '' }), ['Apple'], 'no body: the recognizer decides');
  assert.deepEqual(named({ title: 'Apple Unveils New Phone', body: 'Shares rose.' }), ['Apple'], 'a line of summary says too little to weigh against it');
});

test('the recognizer\'s own names in a headline are held to the same test when they are common words', () => {
  const c = compileOne('anything', {});
  const names = (title: string, body: string) => classifyItem(c, { title, body }).entities.map((e) => e.name);
  const silent = 'Officials said the figures were the worst in a decade, and that they expected little change over the coming months.';
  for (const title of ['Labour Market Tightens', 'LABOUR MARKET TIGHTENS', 'Bush Fire Threatens Homes', 'Apple Harvest Falls Short']) {
    assert.deepEqual(names(title, silent), [], title);
  }
  assert.deepEqual(names('LABOUR WINS VOTE', `Labour won the vote on Tuesday. ${silent}`), ['Labour'], 'named in the body (a sentence start the recognizer reads as a name)');
  assert.deepEqual(names('Apple Unveils New Phone', ''), ['Apple'], 'no body: the recognizer\'s word stands');
  assert.deepEqual(names('Germany Beats France', silent), ['Germany', 'France'], 'names that are no common word stand without the body');
});
