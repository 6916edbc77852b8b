/** The items page explains each flag per term, strongest first, and marks a body cut at the cap. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyItem } from '../../src/classify/index.js';
import type { StoredItem, StoredMatch } from '../../src/types.js';
import { request } from './http.js';
import { seedDashboard, type Seeded } from './seed.js';

let s: Seeded;

before(async () => {
  s = await seedDashboard('itemspage');
  // An item that names ISIS three ways and Libya twice, and whose body was cut at the cap.
  const title = 'Zanzibarquest: ISIS regroups in Libya';
  const body = 'ISIS fighters moved south. Islamic State commanders met in Sirte, Libya, where ISIS holds ground. ' + 'More text. '.repeat(50);
  const at = new Date().toISOString();
  const item: StoredItem = {
    key: 'cut-1', feedId: 'wire', url: 'https://example.org/cut/1', title, summary: body.slice(0, 100), body, bodySource: 'page',
    truncated: true, processedAt: at, tags: [], entities: [],
  };
  const result = classifyItem(s.pipeline.ctx.live.current().classifier, { title, body });
  item.entities = result.entities;
  const matches: StoredMatch[] = result.matches.filter((m) => m.flagged)
    .map((m) => ({ itemKey: item.key, watchlist: m.watchlist, score: m.score, hits: m.hits, ...(m.reasons ? { reasons: m.reasons } : {}), flaggedAt: at }));
  assert.ok(matches.some((m) => m.watchlist === 'isis-libya'), 'the fixture item is flagged');
  await s.pipeline.ctx.store.items.saveProcessed(item, matches, new Map());
});
after(async () => { await s?.close(); });

function card(page: string, title: string): string {
  const start = page.indexOf(title);
  assert.ok(start >= 0, `the page shows "${title}"`);
  const from = page.lastIndexOf('<li class="item"', start);
  const next = page.indexOf('<li class="item"', start);
  return page.slice(from, next < 0 ? undefined : next);
}

test('hits are grouped per term with a count, strongest first, the alias words named', async () => {
  const res = await request(`${s.dashboard.url}/items?watchlist=isis-libya&q=Zanzibarquest`);
  assert.equal(res.status, 200);
  const c = card(res.body, 'regroups in Libya');
  const terms = [...c.matchAll(/<code class="term"[^>]*>([^<]+)<\/code>/g)].map((m) => m[1]);
  assert.deepEqual([...terms].sort(), [...new Set(terms)].sort(), 'each term once');
  assert.deepEqual(terms, ['@ISIS', '@NorthAfrica'], 'weight 2 before weight 1');
  assert.match(c, /@ISIS<\/code> <span class="matched">[^<]*&quot;ISIS&quot; x\d[^<]*&quot;Islamic State&quot;/);
  const points = [...c.matchAll(/class="points"[^>]*>\+(\d+)/g)].map((m) => Number(m[1]));
  assert.deepEqual(points, [...points].sort((a, b) => b - a), 'points descend');
});

test('a body cut at the cap is marked on its card, and only there', async () => {
  const res = await request(`${s.dashboard.url}/items`);
  assert.match(card(res.body, 'regroups in Libya'), /class="small muted truncated">Body cut at the body cap \(limits\.bodyChars\)/);
  assert.equal(res.body.match(/class="small muted truncated"/g)?.length, 1);
  const api = (await request(`${s.dashboard.url}/api/items?q=Zanzibarquest`)).json();
  assert.equal(api.items[0].item.truncated, true);
  assert.ok(api.items[0].reasons.length >= 2, 'the API gives the reasons too');
});

test('the Atom entry explains the flag per term, strongest first', async () => {
  const xml = (await request(`${s.dashboard.url}/feeds/isis-libya.atom`)).body;
  const entry = xml.split('<entry>').find((e) => e.includes('Zanzibarquest'));
  assert.ok(entry);
  const summary = /<summary type="text">([^]*?)<\/summary>/.exec(entry)![1]!;
  const lines = summary.split('\n');
  assert.match(lines[0]!, /^Score \d+ on isis-libya\.$/);
  assert.match(lines[2]!, /^@ISIS: .*\(\+\d+\) \(\w+\): /);
  assert.match(lines[3]!, /^@NorthAfrica/);
});
