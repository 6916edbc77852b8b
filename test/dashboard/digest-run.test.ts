/**
 * The digests pages over HTTP, on a real dashboard and real Redis: a run's page lists what each
 * channel was sent (and what is past retention), attempts and item counts are right, a
 * channel given up after its first message shows that message's items only, "Run now" is a
 * POST answered 303 to a page a reload can fetch again, and unknown names are 404s.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { LiveConfig } from '../../src/config/live-config.js';
import type { Config } from '../../src/config/schema.js';
import { startDashboard, type Dashboard } from '../../src/dashboard/server.js';
import { HostLimiter } from '../../src/fetch/host-limiter.js';
import { closeQueues, openQueues, type Queues } from '../../src/jobs/queues.js';
import { newRunId } from '../../src/jobs/run-id.js';
import { silentLogger } from '../../src/log.js';
import { Metrics } from '../../src/metrics.js';
import { Store } from '../../src/store/store.js';
import type { WorkerContext } from '../../src/workers/context.js';
import { runDigest } from '../../src/workers/send-digest.js';
import { makeConfig } from '../helpers/config.js';
import { deletePrefix, testPrefix, testRedis } from '../helpers/redis.js';
import { seedFlagged } from '../helpers/seed.js';
import { startReceiver, type Receiver } from '../notify/receiver.js';
import { postForm, request } from './http.js';

const prefix = testPrefix('dash-runs');
let redis: Redis;
let queues: Queues;
let chat: Receiver;
let dashboard: Dashboard;
let ctx: WorkerContext;
let briefRun: string;
let wideRun: string;
let expiredKey: string;

function config(chatUrl: string): Config {
  const outbox = mkdtempSync(join(tmpdir(), 'ww-runs-'));
  return makeConfig({
    watchlists: 'watchlists:\n  w: { query: libya }\n  v: { query: libya }\n',
    digests: `channels:
  outbox: { type: file, dir: '${outbox}' }
  chat: { type: slack, webhook: '${chatUrl}/hook' }
digests:
  brief: { watchlists: [w, v], schedule: '0 7 * * *', channels: [outbox], maxItems: 3 }
  wide: { watchlists: [w], schedule: '0 8 * * *', channels: [chat], maxItems: 100 }
`,
  });
}

before(async () => {
  redis = testRedis();
  // Slack takes at most 48 blocks a message: 60 stories make two messages; the second is refused.
  chat = await startReceiver([{ status: 200, body: 'ok' }, { status: 400, body: 'invalid_blocks' }]);
  const cfg = config(chat.url);
  const store = new Store(redis, { prefix });
  queues = openQueues(redis, store.keys.bull);
  ctx = {
    live: new LiveConfig(cfg), store, queues, log: silentLogger, metrics: new Metrics({ processMetrics: false }),
    hostLimiter: new HostLimiter({ concurrency: 2, gapMs: 0 }), stdout: { write: () => true },
  };
  const brief = await seedFlagged(store, { count: 5, watchlist: 'w', digest: 'brief', channels: ['outbox'], tag: 'brief' });
  await seedFlagged(store, { count: 2, watchlist: 'v', digest: 'brief', channels: ['outbox'], tag: 'brief' });
  await seedFlagged(store, { count: 60, watchlist: 'w', digest: 'wide', channels: ['chat'], tag: 'wide' });
  briefRun = newRunId('brief', Date.parse('2026-11-21T07:00:00Z'));
  wideRun = newRunId('wide', Date.parse('2026-11-21T08:00:00Z'));
  await runDigest(ctx, cfg, 'brief', briefRun, '2026-11-21T07:00:00.000Z', true);
  await runDigest(ctx, cfg, 'wide', wideRun, '2026-11-21T08:00:00.000Z', true);
  // One item the brief delivered is past retention by the time someone looks.
  expiredKey = brief[2]!.key;
  assert.equal(expiredKey, 'brief-2');
  await store.archive.deleteItems([expiredKey]);
  dashboard = await startDashboard({ ctx, port: 0, log: silentLogger, env: {} });
});
after(async () => {
  await dashboard?.close();
  await closeQueues(queues);
  await chat?.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

const runUrl = (digest: string, runId: string) => `${dashboard.url}/digests/${digest}/runs/${encodeURIComponent(runId)}`;

test('the run page lists what the channel was sent, with attempts 1 for a first-try delivery and the items held back', async () => {
  const res = await request(runUrl('brief', briefRun));
  assert.equal(res.status, 200);
  const sent = (await ctx.store.digests.sentEntries(briefRun, 'outbox')).map((e) => e.itemKey);
  // Scores 10, 9, 8, 7, 6: maxItems 3 sends the first three; brief-0 and brief-1 matched both watch-lists.
  assert.deepEqual([...new Set(sent)].sort(), ['brief-0', 'brief-1', 'brief-2']);
  for (const key of new Set(sent)) {
    if (key === expiredKey) continue;
    const title = (await ctx.store.items.get(key))!.title;
    assert.match(res.body, new RegExp(`<a href="https://example.org/${key}" rel="noopener noreferrer">${title}</a>`), `${key} linked by its headline`);
  }
  assert.match(res.body, new RegExp(`<span class="pill expired">expired</span> <code class="small">${expiredKey}</code>`));
  const unsent = ['brief-0', 'brief-1', 'brief-2', 'brief-3', 'brief-4'].filter((k) => !sent.includes(k));
  for (const key of unsent) assert.doesNotMatch(res.body, new RegExp(`example.org/${key}"`), `${key} was held back, not sent`);
  const facts = factsOf(res.body, 'outbox');
  assert.equal(facts.attempts, '1');
  assert.equal(facts.sent, '3 items in 3 stories');
  assert.equal(facts['held back'], '2 items over maxItems, back to pending for the next run');
  assert.equal(facts.claimed, '5 items', 'five items, two of them matched by both watch-lists');
  assert.match(facts['delivery ids']!, new RegExp(`^${briefRun}\\.outbox\\.1$`));
  assert.match(facts.detail!, new RegExp(`${briefRun}\\.md$`));
  assert.match(res.body, /<h1>brief · run 2026-11-21 \d\d:00:00 · [a-z0-9]{6}<\/h1>/, 'the run id, readable');
  assert.match(res.body, new RegExp(`<code class="runid-full">${briefRun}</code>`));

  const json = (await request(`${dashboard.url}/api/digests/brief/runs/${briefRun}`)).json();
  const outbox = json.channels.find((c: any) => c.name === 'outbox');
  assert.deepEqual([outbox.status, outbox.attempts, outbox.items, outbox.heldBack, outbox.claimed], ['delivered', 1, 3, 2, 5]);
  assert.deepEqual(outbox.sent.map((i: any) => i.key).sort(), [...new Set(sent)].sort());
  assert.deepEqual(outbox.sent.map((i: any) => [i.key, [...i.watchlists].sort(), i.expired, i.score ?? null]).sort(),
    [['brief-0', ['v', 'w'], false, 10], ['brief-1', ['v', 'w'], false, 9], ['brief-2', ['w'], true, null]]);
  assert.ok(outbox.sent.filter((i: any) => !i.expired).every((i: any) => typeof i.score === 'number' && i.title));
});

test('a channel given up after its first message: the page lists that message\'s items only, and one delivery id', async () => {
  const accepted = chat.accepted();
  assert.equal(accepted.length, 1);
  assert.equal(chat.requests.length, 2, 'the second message was refused (400, for good)');
  const res = await request(runUrl('wide', wideRun));
  assert.equal(res.status, 200);
  const facts = factsOf(res.body, 'chat');
  const shown = [...res.body.matchAll(/href="https:\/\/example\.org\/(wide-\d+)"/g)].map((m) => m[1]!);
  assert.ok(shown.length > 0 && shown.length < 60, `${shown.length} items shown`);
  for (const key of shown) assert.ok(accepted[0]!.includes(`example.org/${key}|`), `${key} was in the accepted message`);
  assert.equal(facts.sent, `${shown.length} items`);
  assert.equal(facts.returned, `${60 - shown.length} items back to pending when the channel was given up`);
  assert.equal(facts['messages accepted'], '1');
  assert.equal(facts['delivery ids'], `${wideRun}.chat.1`);
  assert.match(facts.error!, /slack answered 400 \(part 2 of 2\)/);
  assert.equal(facts.attempts, '1');
  assert.equal((await ctx.store.digests.previewPending('wide', ['chat'])).length, 60 - shown.length);
});

test('the digests list links each run by a readable id, with the right attempts and counts', async () => {
  const res = await request(`${dashboard.url}/digests`);
  assert.equal(res.status, 200);
  const link = new RegExp(`<a class="runid" href="/digests/brief/runs/${briefRun}" title="${briefRun} \\([^)]+\\)">2026-11-21 \\d\\d:00:00 · ${briefRun.slice(-6)}</a>`);
  assert.match(res.body, link);
  const row = /<td>outbox<\/td><td><span class="pill delivered">delivered<\/span><\/td><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td><td class="num">(\d*)<\/td>/.exec(res.body);
  assert.deepEqual(row?.slice(1), ['1', '3', '2'], 'attempts 1, 3 sent, 2 held back');
  assert.match(res.body, /<td>chat<\/td><td><span class="pill failed">failed<\/span> <span class="small muted">\d+ items back to pending<\/span><\/td><td class="num">1<\/td>/);
});

test('"Run now" answers 303 to the digests page naming the run; a reload of that page queues nothing', async () => {
  const res = await postForm(`${dashboard.url}/digests/brief/retry`, {});
  assert.equal(res.status, 303);
  const location = String(res.headers.location);
  const m = /^\/digests\?digest=brief&queued=(brief-\d{8}T\d{6}Z-[a-z0-9]{6})&status=queued#digest-brief$/.exec(location);
  assert.ok(m, location);
  const waiting = () => queues['send-digest'].getJobCounts('waiting', 'delayed', 'prioritized');
  const before = await waiting();
  for (let i = 0; i < 2; i++) {
    const page = await request(`${dashboard.url}${location.split('#')[0]}`);
    assert.equal(page.status, 200);
    assert.match(page.body, new RegExp(`id="retry-result">Queued <strong>brief</strong> as <a href="/digests/brief/runs/${m[1]}"><code>${m[1]}</code></a> \\(queued\\)`));
  }
  assert.deepEqual(await waiting(), before, 'reloading the page queued nothing');
  const again = await postForm(`${dashboard.url}/digests/brief/retry`, {});
  assert.equal(again.status, 303);
  assert.match(String(again.headers.location), new RegExp(`queued=${m[1]}&status=already\\+queued`));
  const forged = await request(`${dashboard.url}/digests?digest=__proto__&queued=x-1&status=queued`);
  assert.doesNotMatch(forged.body, /retry-result/, 'a notice only for a configured digest');
});

test('unknown digests and runs are 404s inside the layout; the API answers JSON', async () => {
  // A set under another of the run's keys (a channel's claimed entries), which a bare lookup of
  // the run id `<run>:outbox` would read as a run record and fail on.
  await redis.sadd(ctx.store.keys.runMembers(briefRun, 'outbox'), 'w|k');
  const cases: Array<[string, RegExp]> = [
    [`/digests/brief/runs/brief-20261121T070000Z-nope00`, /no run "brief-20261121T070000Z-nope00" of digest "brief"/],
    [`/digests/wide/runs/${briefRun}`, /no run .* of digest "wide"/],
    ['/digests/__proto__/runs/x', /no digest "__proto__"/],
    ['/digests/constructor/runs/x', /no digest "constructor"/],
    ['/digests/nope/runs/x', /no digest "nope"/],
    // Another key of the run (its members set), which a bare lookup would read as the run: a 404, not a 500.
    [`/digests/brief/runs/${briefRun}${encodeURIComponent(':')}outbox`, /no run ".*:outbox" of digest "brief"/],
  ];
  for (const [path, message] of cases) {
    const res = await request(dashboard.url + path);
    assert.equal(res.status, 404, path);
    assert.match(res.body.replaceAll('&quot;', '"'), message);
    assert.match(res.body, /<nav><a href="\/">Overview<\/a>/, `${path}: the navigation is there`);
    const api = await request(`${dashboard.url}/api${path}`);
    assert.equal(api.status, 404, `/api${path}`);
    assert.match(api.json().error, message);
  }
});

/** The facts (dt -> dd text) of one channel's card. */
function factsOf(body: string, channel: string): Record<string, string> {
  const card = new RegExp(`<section class="card" id="channel-${channel}">([\\s\\S]*?)</section>`).exec(body)?.[1] ?? '';
  const facts: Record<string, string> = {};
  for (const m of card.matchAll(/<dt>([^<]+)<\/dt><dd>([\s\S]*?)<\/dd>/g)) facts[m[1]!] = m[2]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
  return facts;
}
