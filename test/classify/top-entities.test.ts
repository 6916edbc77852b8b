// Top-entities chips: one thing counted once under one name, typed as most mentions were.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyItem, topEntities } from '../../src/classify/index.js';
import type { EntityMention } from '../../src/types.js';
import { compileOne } from './helpers.js';

const entitiesOf = (body: string) => classifyItem(compileOne('placeholder'), { title: '', body }).entities;

test('variants an item merged are one chip across items, under the name written most', () => {
  const lists = [
    entitiesOf('Defense Secretary Lloyd Austin arrived. Austin said the mission would grow.'),
    entitiesOf('On Monday, Austin said the talks went well.'),
    entitiesOf('Lloyd Austin met troops in Kuwait.'),
    entitiesOf('Critics of Moammar Gadhafi were jailed.'),
    entitiesOf('Colonel Qaddafi ruled for decades.'),
  ];
  const chips = topEntities(lists, 8);
  const austin = chips.find((c) => c.names.includes('Austin'))!;
  assert.deepEqual([austin.name, austin.type, austin.items], ['Lloyd Austin', 'person', 3]);
  assert.equal(chips.filter((c) => c.names.includes('Austin')).length, 1, 'one chip');
  const gaddafi = chips.find((c) => c.name === 'Muammar Gaddafi')!;
  assert.equal(gaddafi.items, 2, 'known spellings are one person');
});

test('a chip has the type most mentions had; a name typed two ways is still one chip', () => {
  const e = (name: string, type: EntityMention['type'], count: number, names?: string[]): EntityMention => ({ name, type, count, ...(names ? { names } : {}) });
  const lists = [
    [e('Liberal Democrats', 'person', 1)],
    [e('Liberal Democrats', 'org', 4, ['Liberal Democrats', 'Lib Dems'])],
    [e('Lib Dems', 'org', 2, ['Lib Dems'])],
    [e('Kyrgyz Republic', 'person', 1), e('Kyrgyz Republic', 'place', 3)],
    [e('Kyrgyz Republic', 'place', 1)],
  ];
  const chips = topEntities(lists, 8);
  assert.deepEqual(chips.map((c) => [c.name, c.type, c.items]), [['Liberal Democrats', 'org', 3], ['Kyrgyz Republic', 'place', 2]]);
});

test('different things that share a word stay apart, and MISC never shows', () => {
  const lists: EntityMention[][] = [
    [{ name: 'George Washington', type: 'person', count: 2, names: ['George Washington', 'Washington'] }],
    [{ name: 'Washington', type: 'place', count: 1 }, { name: 'British', type: 'misc' as EntityMention['type'], count: 5 }],
    [{ name: 'Washington', type: 'place', count: 2, names: ['Washington'] }],
  ];
  const chips = topEntities(lists, 8);
  assert.deepEqual(chips.map((c) => [c.name, c.type, c.items]), [['Washington', 'place', 2], ['George Washington', 'person', 1]]);
});

test('at most `top` chips, most items first', () => {
  const lists = Array.from({ length: 12 }, (_, i) => Array.from({ length: i + 1 }, (_, j): EntityMention => ({ name: `Name${j}`, type: 'org', count: 1 })));
  const chips = topEntities(lists, 3);
  assert.deepEqual(chips.map((c) => [c.name, c.items]), [['Name0', 12], ['Name1', 11], ['Name2', 10]]);
});
