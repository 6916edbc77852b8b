import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';

type Json = Record<string, unknown>;
interface JsonEntity { name: string; type: string; count: number; names: string[]; mentions: { field: 'title' | 'body'; start: number; end: number }[] }

const STORY = 'ISIS fighters regroup near Sirte\nPentagon spokesman Peter Cook said on Monday that 😀 Islamic State fighters left Sirte. Cook added that John Kerry would visit Vienna.\n';

test('classify --json: every entity has its names and mentions, offsets into the title and body it prints', async () => {
  const r = await runCli(['classify', '--json', '-'], { input: STORY });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as Json;
  const text = { title: out.title as string, body: out.body as string };
  assert.equal(text.title, 'ISIS fighters regroup near Sirte');
  const entities = out.entities as JsonEntity[];
  const people = entities.filter((e) => e.type === 'person').map((e) => e.name);
  assert.ok(people.includes('Peter Cook') && people.includes('John Kerry'), JSON.stringify(people));
  for (const e of entities) {
    assert.equal(e.mentions.length, e.count);
    for (const m of e.mentions) assert.ok(e.names.includes(text[m.field].slice(m.start, m.end)), `${e.name}: ${text[m.field].slice(m.start, m.end)}`);
  }
});

const CLOSE = 'Tunisia tourism booms\nHotels in Tunisia are full, and the Pentagon said nothing about ISIS.\n';

test('classify says, for every watch-list that did not flag, which part of the query found nothing', async () => {
  const json = await runCli(['classify', '--json', '-'], { input: CLOSE });
  assert.equal(json.code, 0, json.stderr);
  const matches = (JSON.parse(json.stdout) as Json).matches as Array<{ watchlist: string; flagged: boolean; reason?: string }>;
  assert.equal(matches.length, 3);
  for (const m of matches) assert.equal(m.reason === undefined, m.flagged, `${m.watchlist}: a reason exactly when not flagged`);
  const aid = matches.find((m) => m.watchlist === 'us-military-aid')!;
  assert.equal(aid.reason, 'query did not match: nothing found for ("security assistance" OR …)', 'a long group shortened');
  const arms = matches.find((m) => m.watchlist === 'arms-diversion')!;
  assert.match(arms.reason!, /nothing found for \(weapons OR/);
  const text = await runCli(['classify', '-'], { input: CLOSE });
  assert.match(text.stdout, /us-military-aid: no match, score \d+ \(threshold 4\)\n {4}query did not match: nothing found for \("security assistance" OR …\)\n/);
});
