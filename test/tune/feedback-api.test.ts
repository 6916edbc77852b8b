import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBacktestCases } from '../../src/classify/index.js';
import { postForm, request } from '../dashboard/http.js';
import { makeConfig } from '../helpers/config.js';
import { runCli } from '../helpers/cli.js';
import { TEST_REDIS_URL } from '../helpers/redis.js';
import { startTuneDashboard, storeItem, type TuneDashboard } from './dashboard.js';

const WATCHLISTS = `watchlists:
  harbour:
    query: 'harbour OR "container ship"'
  weather:
    query: storm
`;
const TOKEN = 'a-token-long-enough-for-tests';
let d: TuneDashboard;

before(async () => {
  d = await startTuneDashboard('api', makeConfig({ watchlists: WATCHLISTS }), TOKEN);
  await storeItem(d, 'flagged-1', 'Harbour cranes idle after strike', 'Dock workers at the harbour stopped work on Monday.');
  await storeItem(d, 'quiet-1', 'Ferry timetable changes', 'The island ferry will sail twice a day from the port in winter.');
});
after(async () => { await d?.close(); });

const auth = { authorization: `Bearer ${TOKEN}` };
const post = (body: object, headers: Record<string, string> = auth) => request(`${d.url}/api/feedback`, { body, headers });

test('verdicts on a stored item and on pasted text are kept with the text, beyond retention', async () => {
  const rel = await post({ watchlist: 'harbour', itemKey: 'flagged-1', verdict: 'relevant', by: 'ana' });
  assert.equal(rel.status, 201, rel.body);
  assert.equal(rel.json().verdict.title, 'Harbour cranes idle after strike');
  const missed = await post({ watchlist: 'harbour', itemKey: 'quiet-1', verdict: 'missed' });
  assert.equal(missed.status, 201, missed.body);
  const pasted = await post({ watchlist: 'harbour', verdict: 'not-relevant', text: 'Harbour seals counted\nVolunteers counted seals in the harbour.' });
  assert.equal(pasted.status, 201, pasted.body);
  assert.match(pasted.json().verdict.itemKey, /^text-[0-9a-f]{16}$/);

  const list = await request(`${d.url}/api/feedback?watchlist=harbour`, { headers: auth });
  assert.equal(list.status, 200);
  const { count, verdicts, weeks } = list.json();
  assert.equal(count, 3);
  const byKey = Object.fromEntries(verdicts.map((v: any) => [v.itemKey, v]));
  assert.equal(byKey['quiet-1'].body, 'The island ferry will sail twice a day from the port in winter.');
  assert.equal(byKey['quiet-1'].flagged, false);
  assert.equal(byKey['flagged-1'].by, 'ana');
  assert.equal(byKey['flagged-1'].url, 'https://news.example/flagged-1');
  // This week: the relevant flag and the false alarm are flagged, the miss is not.
  assert.equal(weeks.length, 1);
  assert.deepEqual([weeks[0].truePositives, weeks[0].falsePositives, weeks[0].falseNegatives], [1, 1, 1]);
  assert.equal(weeks[0].precision, 0.5);

  // Verdicts live in the archive (kept whatever the items' retention), not in Redis memory.
  assert.equal(await d.store.redis.exists(d.store.keys.feedback('harbour')), 0);
  assert.ok((await d.store.feedback.list('harbour')).length >= 1);
});

test('a later verdict on the same item replaces the earlier one', async () => {
  assert.equal((await post({ watchlist: 'weather', itemKey: 'flagged-1', verdict: 'missed' })).status, 201);
  assert.equal((await post({ watchlist: 'weather', itemKey: 'flagged-1', verdict: 'missed', by: 'bo' })).status, 201);
  const { verdicts } = (await request(`${d.url}/api/feedback?watchlist=weather`, { headers: auth })).json();
  assert.equal(verdicts.length, 1);
  assert.equal(verdicts[0].by, 'bo');
});

test('bad verdicts are refused at the door with a clear error, and nothing is kept', async () => {
  const cases: Array<[object, number, RegExp]> = [
    [{ watchlist: 'nope', itemKey: 'flagged-1', verdict: 'relevant' }, 404, /no watch-list "nope"/],
    [{ watchlist: 'constructor', itemKey: 'flagged-1', verdict: 'relevant' }, 404, /no watch-list "constructor"/],
    [{ watchlist: '__proto__', itemKey: 'flagged-1', verdict: 'relevant' }, 404, /no watch-list/],
    [{ watchlist: 'harbour', itemKey: 'gone', verdict: 'relevant' }, 404, /no stored item "gone"/],
    [{ watchlist: 'harbour', itemKey: 'flagged-1', verdict: 'maybe' }, 400, /verdict must be one of relevant, not-relevant, missed/],
    [{ watchlist: 'harbour', itemKey: 'quiet-1', verdict: 'relevant' }, 400, /"relevant" is for a flagged item, and harbour did not flag this one: say "missed"/],
    [{ watchlist: 'harbour', verdict: 'missed' }, 400, /give itemKey/],
    [{ watchlist: 'harbour', itemKey: ['x'], verdict: 'missed' }, 400, /itemKey must be a string/],
    [{ verdict: 'missed', text: 'x' }, 400, /watchlist is required/],
  ];
  for (const [body, status, message] of cases) {
    const res = await post(body);
    assert.equal(res.status, status, `${JSON.stringify(body)} -> ${res.body}`);
    assert.match(res.json().error, message);
    assert.match(res.json().error, /^dashboard: /);
  }
  assert.equal((await request(`${d.url}/api/feedback?watchlist=constructor`, { headers: auth })).status, 404);
  assert.deepEqual((await d.store.feedback.watchlists()).filter((w) => !['harbour', 'weather'].includes(w)), []);
});

test('POST /api/feedback needs the token and refuses cross-site requests', async () => {
  const body = { watchlist: 'harbour', itemKey: 'quiet-1', verdict: 'missed' };
  assert.equal((await post(body, {})).status, 401);
  const cross = await post(body, { ...auth, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
  assert.equal(cross.status, 403);
  assert.match(cross.json().error, /cross-site/);
});

test('feedback export writes the verdicts as a cases file backtest reads', async () => {
  const env = { REDIS_URL: TEST_REDIS_URL, WIREWATCH_PREFIX: d.prefix };
  const r = await runCli(['feedback', 'export', '--watchlist', 'harbour'], { env });
  assert.equal(r.code, 0, r.stderr);
  const cases = parseBacktestCases(r.stdout, 'export.yaml');
  const byId = Object.fromEntries(cases.map((c) => [c.id, c]));
  assert.deepEqual(byId['flagged-1']!.must, ['harbour']);
  assert.deepEqual(byId['quiet-1']!.must, ['harbour']);
  assert.equal(byId['quiet-1']!.title, 'Ferry timetable changes');
  const pasted = cases.find((c) => c.id.startsWith('text-'))!;
  assert.deepEqual([pasted.must, pasted.mustNot], [[], ['harbour']]);
  assert.match(r.stdout, /# https:\/\/news\.example\/flagged-1\n\s+# harbour: relevant by ana at /);

  const all = await runCli(['feedback', 'export'], { env });
  const both = parseBacktestCases(all.stdout, 'all.yaml').find((c) => c.id === 'flagged-1')!;
  assert.deepEqual([both.must, both.mustNot], [['harbour', 'weather'], []]);

  const unknown = await runCli(['feedback', 'export', '--watchlist', 'nope'], { env });
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /no verdicts for watch-list "nope" \(watch-lists with verdicts: harbour, weather\)/);
});

test('the pages\' verdict form: POST-redirect-GET back to the page, same origin only, bad verdicts shown as errors', async () => {
  const form = { watchlist: 'weather', itemKey: 'quiet-1', verdict: 'not-relevant', next: '/items?q=ferry#unflagged-0' };
  const ok = await postForm(`${d.url}/feedback`, form, auth);
  assert.equal(ok.status, 303, ok.body);
  assert.equal(ok.headers.location, '/items?q=ferry#unflagged-0');
  const listed = await request(`${d.url}/api/feedback?watchlist=weather`, { headers: auth });
  assert.ok(listed.json().verdicts.some((v: { itemKey: string; verdict: string }) => v.itemKey === 'quiet-1' && v.verdict === 'not-relevant'));

  const offsite = await postForm(`${d.url}/feedback`, { ...form, next: 'https://evil.example/' }, auth);
  assert.equal(offsite.headers.location, '/', 'never redirected off the dashboard');
  const cross = await postForm(`${d.url}/feedback`, form, { ...auth, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
  assert.equal(cross.status, 403);
  const wrong = await postForm(`${d.url}/feedback`, { ...form, verdict: 'relevant' }, { ...auth, accept: 'text/html' });
  assert.equal(wrong.status, 400);
  assert.match(wrong.body, /<main>[\s\S]*did not flag this one/, 'an error page inside the frame');
  const picked = await postForm(`${d.url}/feedback`, { pick: 'missed:weather', title: 'Gale warning', body: 'A gale is due at the coast.\r\nWinds of 80 km/h.' }, auth);
  assert.equal(picked.status, 303, picked.body);
  assert.equal(picked.headers.location, '/watchlists/weather#verdicts', 'a "try it" verdict lands on its watch-list\'s page');
  const page = await request(`${d.url}/watchlists/weather`, { headers: auth });
  assert.match(page.body, /Gale warning/);
  const gale = (await request(`${d.url}/api/feedback?watchlist=weather`, { headers: auth })).json().verdicts.find((v: { title: string }) => v.title === 'Gale warning');
  assert.equal(gale.body, 'A gale is due at the coast.\nWinds of 80 km/h.', 'a form\'s CRLF line ends are kept as \\n');
  assert.equal(page.status, 200);
  assert.match(page.body, /id="verdict-list"[\s\S]*Ferry timetable changes/);
  assert.equal((await request(`${d.url}/watchlists/nope`, { headers: auth })).status, 404);
});
