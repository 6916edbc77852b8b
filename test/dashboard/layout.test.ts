/**
 * The dashboard's pages in Chromium at a laptop's width (1366x900) and a phone's (390x844):
 * nothing wider than the window, every date on one line, failing feeds first, paging that
 * neither skips nor repeats, readable chart axes, one time zone named and switchable, the job
 * browser's retry and remove and the digests' "Run now" as POST-redirect-GET, a digest run's
 * page, and a 404 inside the frame. Screenshots go
 * to test-results/dashboard/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { QUEUES } from '../../src/jobs/definitions.js';
import { seedDashboard, type Seeded } from './seed.js';

// Browser globals, used only inside page.evaluate callbacks (the project is typed for Node, without the DOM library).
declare const document: any, window: any, getComputedStyle: (el: unknown) => { fontSize: string; lineHeight: string; display: string };

process.env.TZ = 'Europe/Brussels'; // the dashboard's zone, read at each request
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'dashboard');
const VIEWPORTS = [{ width: 1366, height: 900 }, { width: 390, height: 844 }];

let s: Seeded;
let browser: Browser;
let failedJobId: string;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `browser tests need Debian's chromium at ${CHROMIUM}: apt-get install -y chromium`);
  mkdirSync(SHOTS, { recursive: true });
  [s, browser] = await Promise.all([seedDashboard('layout'), chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] })]);
  const [failed] = await s.pipeline.queues[QUEUES.sendDigest].getFailed(0, 0);
  failedJobId = failed!.id!;
});
after(async () => {
  await browser?.close();
  await s?.close();
});

async function open(width: number, height: number): Promise<Page> {
  const p = await browser.newPage({ viewport: { width, height } });
  p.on('pageerror', (err) => assert.fail(`page error: ${err.message}`));
  return p;
}

/** Layout facts that hold on every page at every width. */
async function checkLayout(p: Page, label: string): Promise<void> {
  const facts = await p.evaluate(() => ({
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    wrappedTimes: [...document.querySelectorAll('time')].filter((t: any) => t.getClientRects().length > 1 || t.getBoundingClientRect().height > 2.2 * parseFloat(getComputedStyle(t).fontSize)).map((t: any) => t.textContent),
    nav: [...document.querySelectorAll('header nav a')].map((a: any) => a.textContent),
  }));
  assert.ok(facts.overflow <= 0, `${label}: ${facts.overflow} px wider than the window`);
  assert.deepEqual(facts.wrappedTimes, [], `${label}: every date on one line`);
  assert.deepEqual(facts.nav, ['Overview', 'Items', 'Feeds', 'Watch-lists', 'Digests', 'Queues'], `${label}: the navigation is there`);
}

test('every page fits a laptop and a phone: no horizontal overflow, dates on one line, navigation everywhere', async () => {
  const pages: Array<[string, string, number]> = [
    ['/', 'overview', 200], ['/items', 'items', 200], ['/items?q=libya&limit=3&page=2', 'items-paged', 200], ['/feeds', 'feeds', 200],
    ['/queues', 'queues', 200], ['/queues/send-digest?state=failed', 'queue-failed', 200], [`/queues/send-digest/jobs/${failedJobId}`, 'job', 200],
    ['/watchlists', 'watchlists', 200], ['/digests', 'digests', 200], [`/digests/brief/runs/${s.runId}`, 'digest-run', 200],
    ['/digests/brief/runs/no-such-run', 'digest-run-not-found', 404], ['/no/such/page', 'not-found', 404],
  ];
  for (const { width, height } of VIEWPORTS) {
    const p = await open(width, height);
    for (const [path, name, status] of pages) {
      const res = await p.goto(s.dashboard.url + path);
      assert.equal(res?.status(), status, path);
      await p.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
      await checkLayout(p, `${path} at ${width} px`);
    }
    await p.close();
  }
});

test('feeds: failing first, times relative with the absolute time and zone on hover; a phone gets stacked rows', async () => {
  for (const { width, height } of VIEWPORTS) {
    const p = await open(width, height);
    await p.goto(`${s.dashboard.url}/feeds`);
    assert.deepEqual(await p.locator('#feeds tbody tr').evaluateAll((rows) => rows.map((r) => r.id)), ['feed-broken', 'feed-wire', 'feed-monitor']);
    const success = p.locator('#feed-wire td[data-label="last success"] time');
    assert.match(await success.textContent() ?? '', /^(just now|\d+ min ago)$/);
    assert.match(await success.getAttribute('title') ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d Europe\/Brussels$/);
    assert.match(await p.locator('#feed-broken td[data-label="next poll"]').textContent() ?? '', /^in \d+ (min|h)$/);
    const headDisplay = await p.locator('#feeds thead').evaluate((el) => getComputedStyle(el).display);
    assert.equal(headDisplay, width < 640 ? 'none' : 'table-header-group');
    // The dates (three lines each at 1366 px before) take one line of text each.
    const lines = await p.locator('#feeds time').evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect().height / parseFloat(getComputedStyle(t).lineHeight)));
    assert.ok(lines.length >= 5 && lines.every((n) => n < 1.5), `lines per date: ${lines.join(', ')}`);
    await p.close();
  }
});

/** Follows "Next" from the first page and returns every entry seen, with the count line's total. */
async function walkPages(p: Page, query: string): Promise<{ entries: Array<{ key: string; score: number }>; total: number; pages: number }> {
  await p.goto(`${s.dashboard.url}/items?${query}`);
  const total = Number(/of (\d+) flagged/.exec(await p.locator('#result-count').textContent() ?? '')?.[1]);
  const entries: Array<{ key: string; score: number }> = [];
  let pages = 0;
  for (;;) {
    pages++;
    entries.push(...await p.locator('li.item').evaluateAll((lis) => lis.map((li) => ({
      key: `${li.querySelector('.pill.wl')?.textContent}|${li.querySelector('.item-title')?.textContent}|${li.querySelector('time')?.getAttribute('datetime')}`,
      score: Number(li.querySelector('.score')?.textContent),
    }))));
    const next = p.locator('.pager a[rel=next]');
    if ((await next.count()) === 0) break;
    await Promise.all([p.waitForURL(/page=\d+/), next.click()]);
  }
  return { entries, total, pages };
}

test('items: pages of 3 neither skip nor repeat, in time order or by score', async () => {
  const p = await open(1366, 900);
  const all = await (await fetch(`${s.dashboard.url}/api/items?limit=1000`)).json() as { total: number };
  const byTime = await walkPages(p, 'limit=3');
  assert.equal(byTime.total, all.total);
  assert.equal(byTime.entries.length, all.total, 'every flag once');
  assert.equal(new Set(byTime.entries.map((e) => e.key)).size, all.total, 'no flag twice');
  assert.equal(byTime.pages, Math.ceil(all.total / 3));
  const times = byTime.entries.map((e) => e.key.split('|')[2]!);
  assert.deepEqual(times, [...times].sort().reverse(), 'newest first across pages');
  const byScore = await walkPages(p, 'limit=3&sort=score');
  assert.equal(new Set(byScore.entries.map((e) => e.key)).size, all.total);
  const scores = byScore.entries.map((e) => e.score);
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'highest score first across pages');
  assert.equal(await p.locator('select[name=sort]').inputValue(), 'score', 'the form shows the sort in use');
  await p.close();
});

test('items: the words of the text filter are marked in titles and snippets', async () => {
  const p = await open(1366, 900);
  await p.goto(`${s.dashboard.url}/items?q=${encodeURIComponent('sirte LIBYA')}`);
  const titles = await p.locator('.item-title').allTextContents();
  assert.ok(titles.length >= 2);
  const marked = (await p.locator('.item-title mark.q, ul.hits mark.q').allTextContents()).map((t) => t.toLowerCase());
  assert.ok(marked.includes('sirte') && marked.includes('libya'), marked.join(','));
  assert.ok(await p.locator('.item-title mark.q').count() >= 1, 'in a title');
  await p.screenshot({ path: join(SHOTS, 'items-words.png'), fullPage: true });
  await p.close();
});

test('overview: axes with round ticks between 0 and the top, and one time zone, named and switchable to UTC', async () => {
  const p = await open(1366, 900);
  await p.goto(`${s.dashboard.url}/`);
  const ticks = await p.locator('#flagged svg.chart').first().locator('text.yl').allTextContents();
  assert.ok(ticks.length >= 3, `ticks: ${ticks.join(', ')}`);
  assert.equal(ticks[0], '0');
  const values = ticks.map(Number);
  assert.deepEqual(values, [...values].sort((a, b) => a - b));
  assert.equal(await p.locator('#page-zone').textContent(), 'Europe/Brussels');
  assert.match(await p.locator('#ingestion h2').textContent() ?? '', /times in Europe\/Brussels/);
  const hourLabels = await p.locator('#flagged svg.chart').first().locator('text.xl').allTextContents();
  assert.ok(hourLabels.length >= 7 && hourLabels.every((l) => /^\d\d:00$/.test(l)), hourLabels.join(' '));
  const localRun = await p.locator('td.when time').first().textContent();
  await Promise.all([p.waitForURL(`${s.dashboard.url}/`), p.click('header .zone button')]);
  assert.equal(await p.locator('#page-zone').textContent(), 'UTC');
  assert.match(await p.locator('#flagged h2').first().textContent() ?? '', /times in UTC/);
  const utcRun = await p.locator('td.when time').first().textContent();
  const shift = (Date.parse(`${localRun!.replace(' ', 'T')}:00Z`) - Date.parse(`${utcRun!.replace(' ', 'T')}:00Z`)) / 3_600_000;
  assert.ok(shift === 1 || shift === 2, `Brussels is 1 or 2 hours ahead of UTC (${localRun} vs ${utcRun})`);
  await p.goto(`${s.dashboard.url}/feeds`);
  assert.equal(await p.locator('#page-zone').textContent(), 'UTC', 'the choice holds on every page');
  await p.click('header .zone button');
  assert.equal(await p.locator('#page-zone').textContent(), 'Europe/Brussels');
  await p.close();
});

test('queues: retry and remove a failed job from the browser, each ending on a page a reload cannot repeat', async () => {
  const p = await open(1366, 900);
  const methods: string[] = [];
  p.on('request', (r) => { if (r.isNavigationRequest()) methods.push(r.method()); });
  await p.goto(`${s.dashboard.url}/queues`);
  await Promise.all([p.waitForURL(/\/jobs\/.+\?done=retried$/), p.locator(`#failed-send-digest tr`, { hasText: failedJobId }).locator('button', { hasText: 'Retry' }).click()]);
  assert.match(await p.locator('#job-notice').textContent() ?? '', /Retry queued/);
  await p.screenshot({ path: join(SHOTS, 'job-retried.png'), fullPage: true });
  methods.splice(0);
  await p.reload();
  assert.deepEqual(methods, ['GET'], 'a reload fetches the page, it does not post again');
  // The job names a digest that does not exist: it fails again, and can then be removed.
  const q = s.pipeline.queues[QUEUES.sendDigest];
  const deadline = Date.now() + 10_000;
  while ((await (await q.getJob(failedJobId))?.getState()) !== 'failed') {
    assert.ok(Date.now() < deadline, 'the retried job ran again');
    await new Promise((r) => setTimeout(r, 50));
  }
  await p.goto(`${s.dashboard.url}/queues/send-digest?state=failed`);
  await Promise.all([p.waitForURL(/done=removed/), p.locator('#jobs tr', { hasText: failedJobId }).locator('button', { hasText: 'Remove' }).click()]);
  assert.match(await p.locator('#job-notice').textContent() ?? '', new RegExp(`Removed job ${failedJobId}`));
  assert.equal(await p.locator('#jobs').count(), 0, 'no failed jobs left');
  assert.equal(await q.getJob(failedJobId), undefined);
  await p.close();
});

test('digests: a run opens from its readable id, lists what each channel was sent, and "Run now" ends on a page a reload cannot repeat', async () => {
  for (const { width, height } of VIEWPORTS) {
    const p = await open(width, height);
    await p.goto(`${s.dashboard.url}/digests`);
    const link = p.locator('#digest-brief a.runid').first();
    assert.match(await link.textContent() ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d · [a-z0-9]{6}$/, 'the run id as a time and its six characters');
    assert.match(await link.getAttribute('title') ?? '', new RegExp(`^${s.runId} \\(Europe/Brussels\\)$`), 'the whole id on hover');
    await Promise.all([p.waitForURL(`**/digests/brief/runs/${s.runId}`), link.click()]);
    assert.match(await p.locator('h1').textContent() ?? '', /^brief · run \d{4}-\d\d-\d\d \d\d:\d\d:\d\d · [a-z0-9]{6}$/);
    const outbox = p.locator('#channel-outbox');
    assert.equal(await outbox.locator('.pill.delivered').count(), 2, 'in the heading and the facts');
    assert.equal(await outbox.locator('dt:text-is("attempts") + dd').textContent(), '1');
    const rows = await outbox.locator('table.sent tbody tr').count();
    assert.ok(rows >= 2, `${rows} items sent`);
    assert.equal(await outbox.locator('table.sent a[href^="http"]').count(), rows, 'each headline links to its story');
    assert.match(await outbox.locator('dt:text-is("delivery ids") + dd').textContent() ?? '', new RegExp(`${s.runId}\\.outbox\\.1`));
    assert.match(await p.locator('#channel-jammed dt:text-is("error") + dd').textContent() ?? '', /ENOTDIR/);
    const head = await outbox.locator('table.sent thead').evaluate((el) => getComputedStyle(el).display);
    assert.equal(head, width < 640 ? 'none' : 'table-header-group', 'a phone gets stacked rows');
    await p.screenshot({ path: join(SHOTS, `digest-run-opened-${width}.png`), fullPage: true });
    await checkLayout(p, `run page at ${width} px`);
    await p.close();
  }
  const p = await open(1366, 900);
  const methods: string[] = [];
  p.on('request', (r) => { if (r.isNavigationRequest()) methods.push(r.method()); });
  await p.goto(`${s.dashboard.url}/digests`);
  await Promise.all([p.waitForURL(/\/digests\?digest=brief&queued=/), p.locator('#digest-brief button[type=submit]').click()]);
  const notice = await p.locator('#retry-result').textContent() ?? '';
  assert.match(notice, /Queued brief as brief-\d{8}T\d{6}Z-[a-z0-9]{6}/);
  assert.deepEqual(methods.slice(-2), ['POST', 'GET'], 'the form posts, the answer sends the browser on to a page');
  await p.screenshot({ path: join(SHOTS, 'digests-queued-1366.png'), fullPage: true });
  methods.splice(0);
  await p.reload();
  assert.deepEqual(methods, ['GET'], 'a reload fetches the page, it does not post again');
  await p.close();
});
