import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyItem } from '../../src/classify/index.js';
import { compileOne, matches } from './helpers.js';

function entitiesOf(body: string, title = '') {
  return classifyItem(compileOne('placeholder'), { title, body }).entities;
}

test('recognizes people, organizations and places from titles, heads and gazetteer', () => {
  const body = 'Pentagon spokesman Peter Cook said the Government of National Accord would get help. '
    + 'Secretary of State John Kerry met officials in Vienna on Monday, and the Free Syrian Army (FSA) agreed.';
  const found = entitiesOf(body);
  const byName = new Map(found.map((e) => [e.name, e.type]));
  assert.equal(byName.get('Peter Cook'), 'person');
  assert.equal(byName.get('John Kerry'), 'person');
  assert.equal(byName.get('Government of National Accord'), 'org');
  assert.equal(byName.get('Pentagon'), 'org');
  assert.equal(byName.get('Vienna'), 'place');
  assert.equal(byName.get('Free Syrian Army'), 'org');
  assert.equal(byName.has('FSA'), false, 'the acronym is merged into the name it abbreviates');
  assert.equal(byName.has('Monday'), false);
  assert.equal(byName.has('Secretary'), false);
});

test('name variants merge into one entity: Muammar Gaddafi, Moammar Gadhafi, Gadhafi', () => {
  const body = 'Colonel Muammar Gaddafi ruled until 2011. Critics of Moammar Gadhafi were jailed, and Gadhafi never left.';
  const people = entitiesOf(body).filter((e) => e.type === 'person');
  assert.deepEqual(people.map((e) => ({ name: e.name, count: e.count })), [{ name: 'Muammar Gaddafi', count: 3 }]);
});

test('surnames merge into the full name; spellings that sound alike merge', () => {
  const body = 'Defense Secretary Lloyd Austin arrived. Austin said the mission would grow. Later Austin added more.';
  const people = entitiesOf(body).filter((e) => e.type === 'person');
  assert.deepEqual(people.map((e) => [e.name, e.count]), [['Lloyd Austin', 3]]);
});

test('gazetteer entities are reported with their counts; recognized duplicates fold into them', () => {
  const found = entitiesOf('The Islamic State and ISIS fighters left Sirte for Libya’s south.');
  const isis = found.find((e) => e.name === 'ISIS')!;
  assert.equal(isis.type, 'org');
  assert.equal(isis.count, 2);
  assert.equal(found.some((e) => e.name === 'Islamic State'), false);
  assert.equal(found.find((e) => e.name === 'NorthAfrica')?.count, 2);
});

test('person:, org: and place: match recognized entities by any of their names', () => {
  const body = 'Colonel Muammar Gaddafi ruled Libya. Pentagon spokesman Peter Cook spoke in Vienna.';
  assert.equal(matches('person:Gadhafi', body), true, 'a known variant');
  assert.equal(matches('person:Qaddafi', body), true);
  assert.equal(matches('person:"Peter Cook"', body), true);
  assert.equal(matches('person:Cook', body), true, 'part of the name');
  assert.equal(matches('person:Kook', body), true, 'sounds alike');
  assert.equal(matches('person:Vienna', body), false, 'Vienna is a place, not a person');
  assert.equal(matches('place:Vienna', body), true);
  assert.equal(matches('org:Pentagon', body), true);
  assert.equal(matches('org:"Defense Department"', body), true, 'a known variant of the Pentagon');
  assert.equal(matches('place:@NorthAfrica', body), true, 'Libya, through the gazetteer');
  assert.equal(matches('person:Vien*', body), false);
});

test('an entity-field hit points at a mention in the text', () => {
  const body = 'Critics say Colonel Muammar Gaddafi ruled Libya.';
  const classifier = compileOne('person:Gadhafi');
  const hit = classifyItem(classifier, { title: '', body }).matches[0]!.hits[0]!;
  assert.equal(hit.term, 'person:Gadhafi');
  assert.equal(body.slice(hit.start, hit.end), 'Muammar Gaddafi');
});

test('headlines in Title Case only yield names the article confirms', () => {
  const found = entitiesOf('Officials in Sirte met Peter Cook on Monday.', 'Libyan Army Advances On Sirte As Peter Cook Visits');
  const names = found.map((e) => e.name);
  assert.ok(names.includes('Peter Cook'));
  assert.equal(names.includes('Advances'), false);
  assert.equal(names.includes('Visits'), false);
});

test('an entity field matches what the article named, not every alias of a grouping entity', () => {
  const body = 'Fighting resumed in Libya on Sunday.';
  assert.equal(matches('place:Libya', body), true);
  assert.equal(matches('place:Tunisia', body), false, 'Tunisia is another alias of NorthAfrica, not named here');
  assert.equal(matches('place:NorthAfrica', body), true, 'the gazetteer key names the entity');
  assert.equal(matches('place:@NorthAfrica', body), true);
  assert.equal(matches('org:@ISIS', 'the Islamic State said'), true);
});
