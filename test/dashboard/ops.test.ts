import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from './http.js';
import { parseExposition, type Family } from './prometheus.js';
import { seedDashboard, type Seeded } from './seed.js';
import { startDashboard } from '../../src/dashboard/server.js';
import { silentLogger } from '../../src/log.js';

let s: Seeded;
let families: Map<string, Family>;

before(async () => {
  s = await seedDashboard('ops');
  const res = await request(`${s.dashboard.url}/metrics`);
  assert.equal(res.status, 200);
  assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
  families = parseExposition(res.body);
});
after(async () => { await s?.close(); });

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
