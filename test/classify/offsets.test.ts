// Entity mentions and hits are JavaScript string offsets into each field exactly as given: no
// shift from line endings, NFKC, diacritics or characters outside the Basic Multilingual Plane.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyItem } from '../../src/classify/index.js';
import type { ClassifyInput, EntityMention } from '../../src/types.js';
import { compileOne } from './helpers.js';

const TRICKY: ClassifyInput = {
  title: '😀 Ｌｉｂｙａ: ISIS Fighters Near Sirte',
  body: [
    'FIrst, 𝐀𝐁𝐂 reports 😀😀 that Pentagon spokesman Peter Cook said on Monday\r\n',
    'that the Islamic\r\nState had left Sirte. Secretary of State John Kerry met officials in Vienna.\r\n',
    'Critics of Moammar Gadhafi ① said the Free Syrian Army (FSA) agreed; E\u0301gypte and Égypte too.',
  ].join(''),
};

function fieldOf(input: ClassifyInput, field: string): string {
  return field === 'title' ? input.title : input.body;
}

function assertMentionsCut(input: ClassifyInput, entities: EntityMention[]): number {
  let checked = 0;
  for (const e of entities) {
    assert.ok(e.names && e.mentions, `${e.name} has names and mentions`);
    assert.equal(e.mentions!.length, e.count, `${e.name}: one mention per count`);
    assert.equal(e.names![0], e.name, 'the canonical name comes first');
    for (const m of e.mentions!) {
      const cut = fieldOf(input, m.field).slice(m.start, m.end);
      assert.ok(e.names!.includes(cut.replace(/\s+/g, ' ')), `${e.name}: ${m.field}[${m.start}, ${m.end}) is ${JSON.stringify(cut)}, not one of ${JSON.stringify(e.names)}`);
      checked++;
    }
  }
  return checked;
}

test('every mention cuts exactly its name out of its field', () => {
  const c = compileOne('Sirte', { entities: { ISIS: { type: 'org', aliases: ['Islamic State', 'IS'] }, NorthAfrica: { type: 'place', aliases: ['Libya', 'Sirte', 'Egypte'] } } });
  const { entities } = classifyItem(c, TRICKY);
  const byName = new Map(entities.map((e) => [e.name, e]));
  for (const name of ['ISIS', 'NorthAfrica', 'Peter Cook', 'John Kerry', 'Vienna', 'Muammar Gaddafi', 'Free Syrian Army', 'Pentagon']) {
    assert.ok(byName.has(name), `${name} among ${[...byName.keys()].join(', ')}`);
  }
  assert.ok(assertMentionsCut(TRICKY, entities) >= 14);
  const place = byName.get('NorthAfrica')!;
  assert.ok(place.names!.includes('Ｌｉｂｙａ'), 'the full-width name as written');
  assert.ok(place.names!.includes('E\u0301gypte') && place.names!.includes('Égypte'), 'decomposed and composed as written');
  assert.ok(byName.get('ISIS')!.names!.includes('Islamic State'), 'a phrase across CRLF, whitespace collapsed');
});

test('hits point into their field as given', () => {
  const c = compileOne('@ISIS AND (Vienna OR Kerry) AND title:Sirte');
  const m = classifyItem(c, TRICKY).matches[0]!;
  assert.equal(m.flagged, true);
  for (const h of m.hits) {
    const cut = fieldOf(TRICKY, h.field).slice(h.start, h.end).replace(/\s+/g, ' ');
    assert.ok(['ISIS', 'Islamic State', 'Vienna', 'Kerry', 'Sirte'].includes(cut), `${h.term}: ${JSON.stringify(cut)}`);
  }
});
