/**
 * Over HTTP: items a page at a time and by score, the hourly ingestion counters the workers
 * write (as the overview and feeds pages read them), the job browser's actions and their
 * refusals, and the time-zone switch.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { QUEUES } from '../../src/jobs/definitions.js';
import { postForm, request } from './http.js';
import { seedDashboard, type Seeded } from './seed.js';

let s: Seeded;
let url: string;

before(async () => {
  s = await seedDashboard('paging');
  url = s.dashboard.url;
});
after(async () => { await s?.close(); });

test('/api/items pages: a total, disjoint pages in a stable order, sort by score, clear 400s', async () => {
  const get = async (qs: string) => (await request(`${url}/api/items?${qs}`)).json();
  const all = await get('limit=1000');
  assert.equal(all.total, all.count);
  assert.ok(all.total >= 9);
  const pages = [];
  for (let p = 1; p <= Math.ceil(all.total / 4); p++) pages.push(await get(`limit=4&page=${p}`));
  assert.ok(pages.every((p) => p.total === all.total && p.limit === 4));
  const keys = (items: any[]) => items.map((e) => `${e.watchlist}|${e.item.key}`);
  assert.deepEqual(pages.flatMap((p) => keys(p.items)), keys(all.items), 'the pages, joined, are the whole list in order');
  const past = await get(`limit=4&page=${pages.length + 1}`);
  assert.deepEqual([past.count, past.total], [0, all.total]);
  const byScore = await get('sort=score&limit=1000');
  const scores = byScore.items.map((e: any) => e.score);
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
  assert.equal(byScore.sort, 'score');
  const firstTwo = await get('sort=score&limit=2');
  assert.deepEqual(keys(firstTwo.items), keys(byScore.items).slice(0, 2));
  const words = await get('q=sirte%20AIRSTRIKE');
  assert.ok(words.items.length >= 1 && words.items.every((e: any) => /sirte/i.test(`${e.item.title} ${e.item.body}`) && /airstrike/i.test(`${e.item.title} ${e.item.body}`)), 'every word must occur');
  for (const [qs, msg] of [['sort=size', /bad sort "size"/], ['page=0', /bad page "0"/], ['limit=10&page=5000', /bad page "5000" \(1 to 2000\)/]] as const) {
    const res = await request(`${url}/api/items?${qs}`);
    assert.equal(res.status, 400, qs);
    assert.match(res.json().error, msg);
  }
});

test('the items page shows where it is and links the pages around it', async () => {
  const res = await request(`${url}/items?limit=2&page=2&watchlist=isis-libya`);
  assert.equal(res.status, 200);
  assert.match(res.body, /<p class="muted" id="result-count">3–4 of \d+ flagged items, newest first<\/p>/);
  assert.match(res.body, /<a href="\/items\?limit=2&amp;watchlist=isis-libya" rel="prev">← Previous<\/a>/);
  assert.match(res.body, /<a href="\/items\?limit=2&amp;watchlist=isis-libya&amp;page=3" rel="next">Next →<\/a>/);
  assert.match(res.body, /<strong aria-current="page">2<\/strong>/);
});

test('the workers count ingestion per hour: entries, new, stored, flagged, errors, jobs', async () => {
  const o = (await request(`${url}/api/overview`)).json();
  assert.equal(o.ingestion.length, 24);
  const sum = (f: (h: any) => number) => o.ingestion.reduce((n: number, h: any) => n + f(h), 0);
  // wire.xml has 3 entries, monitor.atom 2; broken answers 404. Three of the five are flagged.
  assert.equal(sum((h) => h.counts.polls), 3);
  assert.equal(sum((h) => h.counts.fetched), 5);
  assert.equal(sum((h) => h.counts.new), 5);
  assert.equal(sum((h) => h.counts.stored), 5);
  assert.equal(sum((h) => h.counts.extracted), 0, 'these feeds do not fetch pages');
  assert.equal(sum((h) => h.counts.flagged), 3);
  assert.equal(sum((h) => h.counts.fetchErrors), 1);
  assert.equal(sum((h) => h.queues['process-article']?.jobs ?? 0), 5);
  assert.equal(sum((h) => h.queues['send-digest']?.failed ?? 0), 1);
  const { feeds } = (await request(`${url}/api/feeds`)).json();
  assert.deepEqual(feeds.map((f: any) => [f.id, f.items24h]), [['wire', 3], ['monitor', 2], ['broken', 0]], 'stored 24 h per feed, whatever the other feeds stored');
});

test('job actions: same-origin POSTs that redirect; cross-site, wrong-state and unknown jobs refused', async () => {
  const digestQueue = s.pipeline.queues[QUEUES.sendDigest];
  const [failed] = await digestQueue.getFailed(0, 0);
  const id = failed!.id!;
  const retry = `${url}/queues/send-digest/jobs/${encodeURIComponent(id)}/retry`;
  const evil = await postForm(retry, {}, { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' });
  assert.equal(evil.status, 403);
  assert.equal(await (await digestQueue.getJob(id))!.getState(), 'failed', 'a refused POST changes nothing');
  const [done] = await s.pipeline.queues[QUEUES.pollFeed].getCompleted(0, 0);
  const notFailed = await postForm(`${url}/queues/poll-feed/jobs/${encodeURIComponent(done!.id!)}/retry`, {});
  assert.equal(notFailed.status, 409);
  assert.match(notFailed.body, /is completed; only a failed job can be retried/);
  const [next] = await s.pipeline.queues[QUEUES.pollFeed].getDelayed(0, 0);
  const scheduled = await postForm(`${url}/queues/poll-feed/jobs/${encodeURIComponent(next!.id!)}/remove`, {});
  assert.equal(scheduled.status, 409, 'a schedule\'s next run belongs to its scheduler');
  assert.ok(await s.pipeline.queues[QUEUES.pollFeed].getJob(next!.id!), 'and it is still there');
  const ok = await postForm(retry, {});
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.location, `/queues/send-digest/jobs/${encodeURIComponent(id)}?done=retried`);
  assert.notEqual(await (await digestQueue.getJob(id))?.getState(), undefined);
  assert.equal((await request(`${url}/queues/nope`)).status, 404);
  assert.equal((await request(`${url}/queues/send-digest/jobs/no-such-job`)).status, 404);
  const badState = await request(`${url}/queues/send-digest?state=bogus`);
  assert.equal(badState.status, 400);
  assert.match(badState.body, /bad state &quot;bogus&quot;/);
});

test('the time-zone switch sets a cookie and sends the browser back to a page of this server', async () => {
  const utc = await postForm(`${url}/prefs/time-zone`, { zone: 'utc', next: '/feeds?x=1' });
  assert.equal(utc.status, 303);
  assert.equal(utc.headers.location, '/feeds?x=1');
  assert.match(String(utc.headers['set-cookie']), /^ww_tz=utc; Path=\/; SameSite=Strict; Max-Age=\d+$/);
  const back = await postForm(`${url}/prefs/time-zone`, { zone: 'local', next: '//evil.example/' });
  assert.equal(back.headers.location, '/');
  assert.match(String(back.headers['set-cookie']), /^ww_tz=; .*Max-Age=0$/);
  const page = await request(`${url}/feeds`, { headers: { cookie: 'ww_tz=utc' } });
  assert.match(page.body, /Times in <strong id="page-zone">UTC<\/strong>/);
});

test('a page that does not exist is a 404 inside the frame, with the navigation', async () => {
  const res = await request(`${url}/no/such/page`, { headers: { accept: 'text/html' } });
  assert.equal(res.status, 404);
  assert.match(res.body, /<h1>Not found<\/h1>/);
  assert.match(res.body, /<nav><a href="\/">Overview<\/a><a href="\/items">Items<\/a>/);
  assert.match(res.body, /no page \/no\/such\/page/);
});
