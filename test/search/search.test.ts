/**
 * Search over the archive finds exactly the stored items that classify would flag with the
 * query as a watch-list: words, prefixes, phrases, NEAR, fields, entities and regexes, over a
 * real PostgreSQL.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyItem, compileWatchlists } from '../../src/classify/index.js';
import { recognize } from '../../src/classify/entities/recognizer.js';
import type { WatchlistsFile } from '../../src/config/schema.js';
import { compileSearch } from '../../src/search/compile-search.js';
import { packNames, recordingRecognizer } from '../../src/search/names.js';
import { findItems } from '../../src/store/archive/find-items.js';
import { Store } from '../../src/store/store.js';
import type { StoredItem } from '../../src/types.js';
import { testPrefix, testRedis } from '../helpers/redis.js';

const WATCHLISTS: WatchlistsFile = {
  entities: { ISIS: { type: 'org', aliases: ['Islamic State', 'Daesh', 'IS'] } },
  watchlists: {},
} as WatchlistsFile;

const TEXTS: Array<[string, string]> = [
  ['Guantanamo detainees moved', 'The U.S. said on Monday that four detainees left Guantanamo Bay for Oman.'],
  ['Ferrari wins in Monaco', 'Ferrari took first place; the team said the car was quick in the tunnel.'],
  ['Islamic State claims attack in Sinai', 'Daesh fighters attacked a checkpoint near El Arish, officials said.'],
  ['Markets calm', 'Shares rose as the central bank held rates. It is quiet in the United States.'],
  ['Libya talks resume', "Libya's rival governments met in Tunis; special forces were not mentioned at all."],
  ['Special forces raid', 'The special forces of the army raided a compound in northern Iraq at dawn.'],
  ['Cyber attack on port', 'A ransomware attack hit the harbour systems of Rotterdam on Tuesday.'],
  ['Weather', 'Rain across the north; guantanamo is spelled in lower case here for the test.'],
];

const QUERIES = [
  'guantanamo', 'Ferrari', 'ferr*', '"special forces"', 'special NEAR/3 forces', 'title:attack', 'body:attack',
  '@ISIS', 'IS', 'US', 'Libya', 'attack AND NOT ransomware', '/gu[a]ntan.mo/i', 'forces OR harbour', 'ransom*',
  '"united states"', 'feed:wire', 'tag:cyber AND attack', 'org:"Islamic State" OR person:Ferrari',
];

let store: Store;
const stored: StoredItem[] = [];
const redis = testRedis();

before(async () => {
  store = new Store(redis, { prefix: testPrefix('search') });
  for (const [i, [title, body]] of TEXTS.entries()) {
    const names = recordingRecognizer(recognize);
    const classifier = compileWatchlists(WATCHLISTS);
    const c = classifyItem(classifier, { title, body, feedId: i % 2 ? 'wire' : 'desk', tags: i === 6 ? ['cyber'] : [] }, { recognizer: names.recognizer });
    const item: StoredItem = {
      key: `item-${i}`, feedId: i % 2 ? 'wire' : 'desk', title, summary: '', body, bodySource: 'feed',
      processedAt: new Date(Date.UTC(2026, 11, 1, i)).toISOString(), tags: i === 6 ? ['cyber'] : [], entities: c.entities,
    };
    await store.archive.save(item, packNames(names.last()), []);
    stored.push(item);
  }
});
after(async () => {
  await store.purge();
  await store.close();
  redis.disconnect();
});

/** What classify flags with the query as a watch-list, newest first. */
function expected(query: string): string[] {
  const classifier = compileWatchlists({ ...WATCHLISTS, watchlists: { q: { query, threshold: 0 } } } as WatchlistsFile);
  return stored
    .filter((it) => classifyItem(classifier, { title: it.title, body: it.body, feedId: it.feedId, tags: it.tags }).matches[0]!.flagged)
    .map((it) => it.key)
    .reverse();
}

for (const query of QUERIES) {
  test(`search ${query}: exactly the items classify flags`, async () => {
    const page = await findItems(store.search, compileSearch(query, WATCHLISTS), { limit: 100 });
    const want = expected(query);
    assert.deepEqual(page.items.map((f) => f.item.key), want);
  });
}

test('the prefilter narrows a word query to candidates that hold the word', async () => {
  const page = await findItems(store.search, compileSearch('ferrari', WATCHLISTS), { limit: 100 });
  assert.equal(page.items.length, 1);
  assert.equal(page.candidates, 1, 'one candidate read, not the whole archive');
});

test('paging with the cursor neither skips nor repeats', async () => {
  const search = compileSearch('said OR the', WATCHLISTS);
  const all = (await findItems(store.search, search, { limit: 100 })).items.map((f) => f.item.key);
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await findItems(store.search, search, { limit: 2, ...(cursor ? { cursor } : {}) });
    seen.push(...page.items.map((f) => f.item.key));
    cursor = page.next;
  } while (cursor);
  assert.deepEqual(seen, all);
  assert.ok(all.length >= 4);
});

test('time bounds and a feed narrow the results', async () => {
  const search = compileSearch('the OR said', WATCHLISTS);
  const page = await findItems(store.search, search, { limit: 100, feed: 'wire', since: Date.UTC(2026, 11, 1, 3) });
  for (const f of page.items) {
    assert.equal(f.item.feedId, 'wire');
    assert.ok(Date.parse(f.item.processedAt) >= Date.UTC(2026, 11, 1, 3));
  }
  assert.ok(page.items.length >= 1);
});

test('a cursor that was not made here is refused', async () => {
  await assert.rejects(findItems(store.search, compileSearch('ferrari', WATCHLISTS), { cursor: 'nonsense!' }), /cursor/);
});
