/**
 * The dashboard in a real browser: Debian's chromium driven by playwright-core. Each page loads
 * against a running pipeline with seeded data; the items filter, the "try it" box and the retry
 * button are used; screenshots go to test-results/dashboard/. Without chromium this FAILS (CI
 * must install it), it does not skip. Layout at desktop and phone widths: test/dashboard/layout.test.ts.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startDashboard, type Dashboard } from '../../src/dashboard/server.js';
import { silentLogger } from '../../src/log.js';
import { XSS } from './fixtures.js';
import { seedDashboard, type Seeded } from './seed.js';

// The dashboard shows times in the server's zone (read at each request); one off UTC makes it visible.
process.env.TZ = 'Europe/Brussels';
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'dashboard');

let s: Seeded;
let browser: Browser;
let page: Page;
const problems: string[] = [];

before(async () => {
  assert.ok(existsSync(CHROMIUM), `browser tests need Debian's chromium at ${CHROMIUM}: apt-get install -y chromium`);
  mkdirSync(SHOTS, { recursive: true });
  [s, browser] = await Promise.all([seedDashboard('browser'), chromium.launch({ executablePath: CHROMIUM, args: ARGS })]);
  page = await newPage(browser);
});
after(async () => {
  await browser?.close();
  await s?.close();
});

/** A page that records script errors, CSP refusals and any dialog (an XSS would open one). */
async function newPage(b: Browser): Promise<Page> {
  const p = await b.newPage({ viewport: { width: 1280, height: 900 } });
  p.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  p.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
  p.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
  return p;
}

async function visit(path: string, shot: string): Promise<void> {
  const res = await page.goto(s.dashboard.url + path);
  assert.equal(res?.status(), 200, path);
  await page.screenshot({ path: join(SHOTS, `${shot}.png`), fullPage: true });
}

function noProblems(): void {
  assert.deepEqual(problems.splice(0), [], 'no script errors, CSP refusals or dialogs');
}

test('every page loads, its own script runs, and nothing hostile executes', async () => {
  for (const [path, name, heading] of [['/', 'overview', 'Overview'], ['/items', 'items', 'Flagged items'], ['/feeds', 'feeds', 'Feeds'],
    ['/watchlists', 'watchlists', 'Watch-lists'], ['/digests', 'digests', 'Digests'], ['/queues', 'queues', 'Queues']] as const) {
    await visit(path, name);
    assert.equal(await page.locator('h1').textContent(), heading);
    assert.equal(await page.locator('img').count(), 0, `${path}: no <img> made it into the page`);
    assert.equal(await page.locator('main script').count(), 0);
    const times = page.locator('time[datetime]');
    if (await times.count()) assert.match(await times.first().getAttribute('title') ?? '', / Europe\/Brussels$/, `${path}: a time names its zone on hover`);
  }
  noProblems();
});

test('the overview draws the ingestion charts and both flag charts, with a legend', async () => {
  await visit('/', 'overview');
  assert.equal(await page.locator('#ingestion svg.chart').count(), 6);
  assert.equal(await page.locator('#flagged svg.chart').count(), 2);
  assert.ok((await page.locator('#flagged svg.chart rect').count()) >= 4);
  assert.ok((await page.locator('#ingestion figure', { hasText: 'New items' }).locator('rect').count()) >= 1, 'the seed\'s polls are counted');
  assert.deepEqual(await page.locator('#flagged .legend li').allTextContents(), [' isis-libya', ' us-strikes', ' bread']);
  assert.match(await page.locator('section', { hasText: 'Failing feeds' }).textContent() ?? '', /broken: fetch: HTTP 404/);
});

test('the items filter narrows the list, and the hostile title shows as text', async () => {
  await visit('/items', 'items');
  const all = await page.locator('li.item').count();
  assert.ok(all >= 8);
  assert.equal(await page.locator('.item-title', { hasText: XSS }).count(), 1, 'the title is shown as the text it is');
  await page.selectOption('select[name=watchlist]', 'us-strikes');
  await page.waitForURL(/watchlist=us-strikes/);
  const strikes = await page.locator('li.item').count();
  assert.ok(strikes >= 2 && strikes < all);
  await page.fill('input[name=q]', 'Pentagon');
  await page.click('form.filters button[type=submit]');
  await page.waitForURL(/q=Pentagon/);
  assert.deepEqual(await page.locator('.item-title').allTextContents(), ['AFRICOM airstrike on Islamic State in Libya']);
  assert.ok((await page.locator('li.item mark:not(.q)').count()) >= 1, 'hits are highlighted');
  assert.deepEqual(await page.locator('li.item mark.q').allTextContents(), ['Pentagon'], 'and so is the word searched for');
  await page.screenshot({ path: join(SHOTS, 'items-filtered.png'), fullPage: true });
  noProblems();
});

test('the "try it" box classifies pasted text and a URL, with the reasons', async () => {
  await visit('/watchlists', 'watchlists');
  await page.fill('textarea[name=text]', `${XSS} Daesh regroups near Sirte\nFighters loyal to the Islamic State were seen in Libya.`);
  await page.click('#try button[type=submit]');
  await page.waitForSelector('#try-result');
  const row = page.locator('#try-result tr', { hasText: 'isis-libya' });
  assert.match(await row.textContent() ?? '', /flagged/);
  assert.ok((await row.locator('mark').count()) >= 2);
  assert.equal(await page.locator('#try-result h3').textContent(), `${XSS} Daesh regroups near Sirte`);
  await page.screenshot({ path: join(SHOTS, 'try-text.png'), fullPage: true });
  await page.fill('textarea[name=text]', '');
  await page.fill('input[name=url]', `${s.feedServer.url}/try.html`);
  await page.click('#try button[type=submit]');
  await page.waitForSelector('#try-result');
  assert.equal(await page.locator('#try-result h3').textContent(), 'Pentagon confirms airstrike in Libya');
  assert.match(await page.locator('#try-result tr', { hasText: 'us-strikes' }).textContent() ?? '', /flagged/);
  await page.screenshot({ path: join(SHOTS, 'try-url.png'), fullPage: true });
  noProblems();
});

test('the retry button queues a run of the digest from the browser (a same-origin POST); the workers run it', async () => {
  await visit('/digests', 'digests');
  await Promise.all([page.waitForURL(/\/digests\?digest=brief&queued=/), page.click('#digest-brief button[type=submit]')]);
  await page.waitForSelector('#retry-result');
  assert.match(await page.locator('#retry-result').textContent() ?? '', /Queued brief as brief-\d{8}T\d{6}Z-[a-z0-9]{6}/);
  const deadline = Date.now() + 15_000;
  while ((await page.locator('#digest-brief tbody tr').count()) < 4 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    await page.goto(`${s.dashboard.url}/digests`);
  }
  assert.equal(await page.locator('#digest-brief tbody tr').count(), 4, 'two runs of two channels');
  await page.screenshot({ path: join(SHOTS, 'digests-retried.png'), fullPage: true });
  noProblems();
});

test('with a token, the browser signs in with the login form and can act', async () => {
  const token = 'browser-token-0123456789';
  const locked: Dashboard = await startDashboard({ ctx: s.pipeline.ctx, port: 0, token, log: silentLogger, env: {} });
  const p = await newPage(browser);
  try {
    assert.equal((await p.goto(`${locked.url}/items`))?.status(), 401);
    assert.equal(await p.locator('form[action="/login"]').count(), 1);
    await p.fill('input[name=token]', token);
    await p.click('form[action="/login"] button[type=submit]');
    await p.waitForURL(`${locked.url}/items`);
    await p.goto(`${locked.url}/watchlists`);
    await p.fill('textarea[name=text]', 'Daesh in Sirte');
    await p.click('#try button[type=submit]');
    await p.waitForSelector('#try-result');
    await p.screenshot({ path: join(SHOTS, 'signed-in.png'), fullPage: true });
  } finally {
    await p.close();
    await locked.close();
  }
  problems.splice(0).forEach((x) => assert.match(x, /401/, 'only the expected 401 shows in the console'));
});
