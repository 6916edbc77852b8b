import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DashboardError } from '../../src/dashboard/errors.js';
import { startDashboard } from '../../src/dashboard/server.js';
import { silentLogger } from '../../src/log.js';
import { connectRedis } from '../../src/store/redis.js';
import { Store } from '../../src/store/store.js';
import { postForm, request } from './http.js';
import { parseExposition, type Family } from './prometheus.js';
import { seedDashboard, type Seeded } from './seed.js';

let s: Seeded;
let url: string;
let families: Map<string, Family>;

before(async () => {
  s = await seedDashboard('api');
  url = s.dashboard.url;
  // Scraped before any test acts (a retry, a classify), so the counts are the seed's.
  const res = await request(`${url}/metrics`);
  assert.equal(res.status, 200);
  assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
  families = parseExposition(res.body);
});
after(async () => { await s?.close(); });

test('/api/items lists flagged items newest first, with score, hits and the item', async () => {
  const res = await request(`${url}/api/items`);
  assert.equal(res.status, 200);
  assert.match(String(res.headers['content-type']), /application\/json/);
  const { count, items } = res.json();
  assert.equal(count, items.length);
  const titles = items.map((e: any) => e.item.title);
  assert.ok(titles.includes('Islamic State fighters regroup south of Sirte in Libya'), titles.join(' | '));
  assert.ok(!titles.includes('City council approves new bicycle lanes'));
  const times = items.map((e: any) => e.flaggedAt);
  assert.deepEqual(times, [...times].sort().reverse());
  const first = items[0];
  assert.equal(typeof first.score, 'number');
  assert.ok(first.hits.length > 0 && typeof first.hits[0].snippet === 'string');
});

test('/api/items filters by watch-list, feed, entity, text and time', async () => {
  const get = async (qs: string) => (await request(`${url}/api/items?${qs}`)).json().items as any[];
  const strikes = await get('watchlist=us-strikes');
  assert.ok(strikes.length >= 2 && strikes.every((e) => e.watchlist === 'us-strikes'));
  const monitor = await get('feed=monitor');
  assert.deepEqual(monitor.map((e) => e.item.title), ['Daesh claims attack on checkpoint in Tunisia']);
  const benghazi = await get('entity=benghazi');
  assert.deepEqual(benghazi.map((e) => e.item.title), ['Daesh cell arrested in Benghazi, Libya']);
  const text = await get('q=BORDER%20POST');
  assert.deepEqual(text.map((e) => e.item.title), ['Islamic State attack in Tunisia']);
  const lastDay = await get('watchlist=isis-libya&since=24h');
  assert.ok(lastDay.every((e) => Date.parse(e.flaggedAt) >= Date.now() - 86_400_000 - 5_000));
  assert.ok(!lastDay.some((e) => e.item.title === 'Islamic State attack in Tunisia'), 'six days old: outside 24h');
  const older = await get(`until=${new Date(Date.now() - 3 * 86_400_000).toISOString()}`);
  assert.deepEqual(older.map((e) => e.item.title).sort(), ['ISIL fighters cross from Libya', 'Islamic State attack in Tunisia']);
  assert.equal((await get('limit=2')).length, 2);
});

test('/api/items refuses a bad time or limit with 400 and says why', async () => {
  const bad = await request(`${url}/api/items?since=yesterday-ish`);
  assert.equal(bad.status, 400);
  assert.match(bad.json().error, /^dashboard: bad time "yesterday-ish"/);
  assert.equal((await request(`${url}/api/items?limit=0`)).status, 400);
});

test('/api/feeds shows each feed with its health, and the broken one failing', async () => {
  const { feeds } = (await request(`${url}/api/feeds`)).json();
  const byId = Object.fromEntries(feeds.map((f: any) => [f.id, f]));
  assert.deepEqual(Object.keys(byId), ['wire', 'monitor', 'broken']);
  assert.equal(byId.wire.status, 'ok');
  assert.equal(byId.wire.itemsSeen, 3);
  assert.ok(byId.wire.lastSuccess && byId.wire.nextAttempt);
  assert.equal(byId.broken.status, 'failing');
  assert.match(byId.broken.lastError, /404/);
  assert.equal(byId.broken.consecutiveErrors, 1);
});

test('credentials in feed URLs are masked wherever the dashboard shows them', async () => {
  const { feeds } = (await request(`${url}/api/feeds`)).json();
  const broken = feeds.find((f: any) => f.id === 'broken');
  assert.match(broken.url, /missing\.xml\?apikey=\*\*\*$/);
  assert.match(broken.lastError, /apikey=\*\*\*/);
  for (const path of ['/', '/feeds', '/api/overview']) assert.ok(!(await request(url + path)).body.includes('s3cret'), path);
});

test('/api/watchlists gives queries, counts and top entities', async () => {
  const { watchlists } = (await request(`${url}/api/watchlists`)).json();
  const isis = watchlists.find((w: any) => w.id === 'isis-libya');
  assert.equal(isis.query, '@ISIS AND @NorthAfrica');
  assert.equal(isis.threshold, 2);
  assert.equal(isis.flagged, isis.flagged30d);
  assert.ok(isis.flagged24h >= 4 && isis.flagged24h < isis.flagged30d);
  assert.equal(isis.topEntities[0].name, 'ISIS');
  assert.equal(watchlists.find((w: any) => w.id === 'bread').flagged, 0);
});

test('/api/digests shows runs with delivery status per channel', async () => {
  const { digests } = (await request(`${url}/api/digests`)).json();
  const brief = digests[0];
  assert.equal(brief.name, 'brief');
  const run = brief.runs[0];
  assert.equal(run.runId, s.runId);
  assert.equal(run.channels.outbox.attempts, 1, 'delivered on its first attempt');
  assert.ok(run.channels.outbox.items > 0 && run.channels.outbox.items === run.channels.outbox.claimed);
  assert.equal(run.channels.outbox.status, 'delivered');
  assert.equal(run.channels.jammed.status, 'failed');
  assert.match(run.channels.jammed.error, /ENOTDIR/);
  assert.deepEqual(brief.failedChannels, ['jammed']);
  assert.equal(new Date(brief.nextRun).getUTCHours(), 7, 'the next 07:00 UTC, from the scheduler');
  assert.ok(brief.pending > 0, 'the failed channel released its items back to pending');
});

test('/api/queues gives counts per state, workers and the latest failed jobs', async () => {
  const { queues } = (await request(`${url}/api/queues`)).json();
  assert.deepEqual(queues.map((q: any) => q.name), ['poll-feed', 'process-article', 'send-digest', 'send-alert']);
  for (const q of queues) assert.equal(q.workers, 1, `${q.name} has its worker`);
  const digest = queues.find((q: any) => q.name === 'send-digest');
  assert.equal(digest.counts.failed, 1);
  assert.match(digest.failed[0].failedReason, /^digest: no digest/);
});

test('/api/overview has 24 hourly and 30 daily buckets, queue depths, failing feeds and last runs', async () => {
  const o = (await request(`${url}/api/overview`)).json();
  assert.equal(o.trends.hours.length, 24);
  assert.equal(o.trends.days.length, 30);
  const sumDays = o.trends.days.reduce((n: number, b: any) => n + (b.counts['isis-libya'] ?? 0), 0);
  assert.equal(sumDays, (await request(`${url}/api/watchlists`)).json().watchlists[0].flagged);
  assert.deepEqual(o.failingFeeds.map((f: any) => f.id), ['broken']);
  assert.equal(o.digests[0].lastRun.runId, s.runId);
  assert.ok('waiting' in o.queues['poll-feed']);
});

test('/api/classify judges text, title+body and a fetched URL, with hits', async () => {
  const text = await request(`${url}/api/classify`, { body: { text: 'Daesh fighters seen in Sirte\nLocal sources in Libya report movements.' } });
  assert.equal(text.status, 200);
  const t = text.json();
  assert.equal(t.title, 'Daesh fighters seen in Sirte');
  const isis = t.matches.find((m: any) => m.watchlist === 'isis-libya');
  assert.equal(isis.flagged, true);
  assert.ok(isis.hits.some((h: any) => h.term === '@ISIS' && h.field === 'title'));
  const tb = (await request(`${url}/api/classify`, { body: { title: 'Bread', body: 'A new sourdough recipe' } })).json();
  assert.equal(tb.matches.find((m: any) => m.watchlist === 'bread').flagged, true);
  const page = (await request(`${url}/api/classify`, { body: { url: `${s.feedServer.url}/try.html` } })).json();
  assert.equal(page.source, 'url');
  assert.equal(page.title, 'Pentagon confirms airstrike in Libya');
  assert.equal(page.matches.find((m: any) => m.watchlist === 'us-strikes').flagged, true);
});

test('/api/classify answers bad input with a 4xx and a message', async () => {
  const empty = await request(`${url}/api/classify`, { body: {} });
  assert.equal(empty.status, 400);
  assert.match(empty.json().error, /nothing to classify/);
  const missing = await request(`${url}/api/classify`, { body: { url: `${s.feedServer.url}/nope.html` } });
  assert.equal(missing.status, 422);
  assert.match(missing.json().error, /^dashboard: fetch: HTTP 404/);
  const ftp = await request(`${url}/api/classify`, { body: { url: 'ftp://example.org/x' } });
  assert.equal(ftp.status, 400);
});

test('/api/digests/:name/retry enqueues one run and answers at once with its run id; a second ask returns the same run', async () => {
  const res = await request(`${url}/api/digests/brief/retry`, { method: 'POST' });
  assert.equal(res.status, 200);
  const result = res.json();
  assert.match(result.runId, /^brief-\d{8}T\d{6}Z-[a-z0-9]{6}$/);
  assert.equal(result.status, 'queued');
  const again = (await request(`${url}/api/digests/brief/retry`, { method: 'POST' })).json();
  assert.deepEqual([again.runId, again.status], [result.runId, 'already queued'], 'at most one queued run per digest');
  // The workers run it: the failed channel is tried again.
  const deadline = Date.now() + 15_000;
  let run: any;
  while (Date.now() < deadline) {
    const { digests } = (await request(`${url}/api/digests`)).json();
    run = digests[0].runs.find((r: any) => r.runId === result.runId);
    if (run?.channels.jammed?.attempts >= 1) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(run, 'the queued run ran');
  assert.ok(run.channels.jammed.error, 'the jammed channel failed again');
  for (const name of ['nope', 'constructor', '__proto__', 'toString']) {
    assert.equal((await request(`${url}/api/digests/${name}/retry`, { method: 'POST' })).status, 404, name);
  }
});

test('the digests page retry button posts a form, and is sent on to the page that says which run was queued', async () => {
  const res = await postForm(`${url}/digests/brief/retry`, {});
  assert.equal(res.status, 303);
  const location = String(res.headers.location);
  assert.match(location, /^\/digests\?digest=brief&queued=brief-\d{8}T\d{6}Z-[a-z0-9]{6}&status=/);
  const page = await request(url + location);
  assert.equal(page.status, 200);
  assert.match(page.body, /id="retry-result">Queued <strong>brief<\/strong> as <a href="\/digests\/brief\/runs\/brief-\d{8}T\d{6}Z-[a-z0-9]{6}">/);
});

test('an unknown API path is a JSON 404', async () => {
  const res = await request(`${url}/api/nothing`);
  assert.equal(res.status, 404);
  assert.match(res.json().error, /no page/);
});

const family = (name: string) => {
  const f = families.get(name);
  assert.ok(f, `metric family ${name} is exposed`);
  return f;
};
const find = (f: Family, labels: Record<string, string>, name = f.name) =>
  f.samples.find((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v));

test('/metrics: every family has HELP and TYPE, and every sample belongs to one', () => {
  for (const f of families.values()) {
    assert.ok(f.help.length > 0, `${f.name} has HELP`);
    assert.ok(['counter', 'gauge', 'histogram', 'summary'].includes(f.type), `${f.name} has a TYPE (${f.type})`);
  }
});

test('/metrics: fetches by feed and status, items seen, new and flagged by watch-list', () => {
  const fetches = family('wirewatch_fetches_total');
  assert.equal(fetches.type, 'counter');
  assert.equal(find(fetches, { feed: 'wire', status: 'ok' })?.value, 1);
  assert.equal(find(fetches, { feed: 'broken', status: 'error' })?.value, 1);
  assert.equal(find(family('wirewatch_items_seen_total'), { feed: 'wire' })?.value, 3);
  assert.equal(find(family('wirewatch_items_new_total'), { feed: 'monitor' })?.value, 2);
  assert.ok((find(family('wirewatch_items_flagged_total'), { watchlist: 'isis-libya' })?.value ?? 0) >= 3);
});

test('/metrics: histograms have increasing buckets ending in +Inf equal to their count', () => {
  for (const name of ['wirewatch_fetch_duration_seconds', 'wirewatch_classify_duration_seconds', 'wirewatch_job_latency_seconds']) {
    const f = family(name);
    assert.equal(f.type, 'histogram');
    const labels: Record<string, string> = name === 'wirewatch_job_latency_seconds' ? { queue: 'poll-feed' } : name === 'wirewatch_fetch_duration_seconds' ? { feed: 'wire' } : {};
    const buckets = f.samples.filter((x) => x.name === `${name}_bucket` && Object.entries(labels).every(([k, v]) => x.labels[k] === v));
    assert.ok(buckets.length > 3, `${name} has buckets`);
    const counts = buckets.map((b) => b.value);
    assert.deepEqual(counts, [...counts].sort((a, b) => a - b), `${name} buckets are cumulative`);
    assert.equal(buckets.at(-1)!.labels.le, '+Inf');
    assert.equal(find(f, labels, `${name}_count`)?.value, counts.at(-1));
    assert.ok(counts.at(-1)! >= 1);
  }
});

test('/metrics: queue depth per queue and state, deliveries by channel and outcome, process metrics', () => {
  const depth = family('wirewatch_queue_jobs');
  assert.equal(depth.type, 'gauge');
  for (const q of ['poll-feed', 'process-article', 'send-digest', 'send-alert']) assert.ok(find(depth, { queue: q, state: 'waiting' }), q);
  assert.equal(find(depth, { queue: 'send-digest', state: 'failed' })?.value, 1);
  const deliveries = family('wirewatch_deliveries_total');
  assert.equal(find(deliveries, { channel: 'outbox', kind: 'digest', outcome: 'delivered' })?.value, 1);
  assert.equal(find(deliveries, { channel: 'jammed', kind: 'digest', outcome: 'failed' })?.value, 1);
  assert.ok(family('process_cpu_user_seconds_total').samples[0]!.value > 0);
  assert.ok(family('nodejs_heap_size_used_bytes').samples[0]!.value > 0);
});

test('/healthz answers while the process is up; /readyz when Redis answers and workers run', async () => {
  const health = await request(`${s.dashboard.url}/healthz`);
  assert.equal(health.status, 200);
  assert.deepEqual(health.json(), { status: 'ok' });
  const ready = await request(`${s.dashboard.url}/readyz`);
  assert.equal(ready.status, 200);
  assert.deepEqual(ready.json(), { ready: true, redis: true, workers: true });
});

test('/readyz is 503 when the workers are not running', async () => {
  const d = await startDashboard({ ctx: s.pipeline.ctx, port: 0, log: silentLogger, env: {}, isReady: async () => false });
  try {
    const res = await request(`${d.url}/readyz`);
    assert.equal(res.status, 503);
    assert.deepEqual(res.json(), { ready: false, redis: true, workers: false });
  } finally {
    await d.close();
  }
});

test('/readyz is 503 within its time limit when Redis does not answer', async () => {
  const deadRedis = connectRedis('redis://127.0.0.1:1', { retryStrategy: () => 200 });
  deadRedis.on('error', () => {});
  const ctx = { ...s.pipeline.ctx, store: new Store(deadRedis, { prefix: s.prefix }) };
  const d = await startDashboard({ ctx, port: 0, log: silentLogger, env: {}, readyTimeoutMs: 300 });
  try {
    const started = Date.now();
    const res = await request(`${d.url}/readyz`);
    assert.equal(res.status, 503);
    assert.deepEqual(res.json(), { ready: false, redis: false, workers: false });
    assert.ok(Date.now() - started < 2_000);
    assert.equal((await request(`${d.url}/healthz`)).status, 200, 'the process itself is up');
  } finally {
    await d.close();
    deadRedis.disconnect();
  }
});

test('the Atom feed of a watch-list is Atom 1.0 with one entry per flagged item', async () => {
  const res = await request(`${s.dashboard.url}/feeds/us-strikes.atom`);
  assert.equal(res.status, 200);
  assert.match(String(res.headers['content-type']), /^application\/atom\+xml/);
  const xml = res.body;
  assert.match(xml, /^<\?xml version="1\.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom">/);
  for (const el of ['id', 'title', 'updated', 'author']) assert.match(xml, new RegExp(`<feed[^]*?<${el}[ >]`), `feed has <${el}>`);
  assert.match(xml, /<link rel="self" type="application\/atom\+xml" href="http:\/\/127\.0\.0\.1:\d+\/feeds\/us-strikes\.atom"\/>/);
  const entries = xml.split('<entry>').slice(1);
  assert.equal(entries.length, 2);
  for (const e of entries) {
    assert.match(e, /<id>tag:wirewatch,2026:item\/us-strikes\/[^<]+<\/id>/);
    assert.match(e, /<updated>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z<\/updated>/);
    assert.match(e, /<title type="text">[^<]+<\/title>/);
  }
  assert.equal((await request(`${s.dashboard.url}/feeds/nope.atom`)).status, 404);
});

test('with pages: false only /metrics, /healthz and /readyz are served (for worker processes)', async () => {
  const d = await startDashboard({ ctx: s.pipeline.ctx, port: 0, log: silentLogger, env: {}, pages: false });
  try {
    assert.equal((await request(`${d.url}/metrics`)).status, 200);
    assert.equal((await request(`${d.url}/healthz`)).status, 200);
    assert.equal((await request(`${d.url}/api/items`)).status, 404);
    assert.equal((await request(`${d.url}/items`)).status, 404);
    assert.equal((await request(`${d.url}/feeds/isis-libya.atom`)).status, 404);
  } finally {
    await d.close();
  }
});

test('a port already in use is a one-line DashboardError', async () => {
  const port = Number(new URL(url).port);
  await assert.rejects(startDashboard({ ctx: s.pipeline.ctx, port, log: silentLogger, env: {} }),
    (err: unknown) => err instanceof DashboardError && /^dashboard: cannot listen on 127\.0\.0\.1:\d+: .*EADDRINUSE/.test(err.message) && !err.message.includes('\n'));
  await assert.rejects(startDashboard({ ctx: s.pipeline.ctx, log: silentLogger, env: { DASHBOARD_PORT: 'http' } }), /^DashboardError: dashboard: DASHBOARD_PORT must be a port number/);
});
