/**
 * Verdicts in Chromium, at a laptop's width (1366x900) and a phone's (390x844): a flag marked
 * relevant on the items page, a stored item the list missed found with the text filter and
 * marked "should have been flagged", a false alarm marked from the "try it" box; each a form
 * POST that lands back with a redirect, and all three on the watch-list's page with the
 * weekly precision and recall. Screenshots go to test-results/verdicts/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config/load.js';
import { writeConfigDir } from '../helpers/config.js';
import { startTuneDashboard, storeItem, type TuneDashboard } from './dashboard.js';
import { GAP_WATCHLISTS } from './fixtures.js';

// Browser globals, used only inside page.evaluate callbacks (the project is typed for Node, without the DOM library).
declare const document: any, window: any;

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'verdicts');
const WL = 'water-shortage';
const VIEWPORTS = [{ name: 'laptop', width: 1366, height: 900 }, { name: 'phone', width: 390, height: 844 }];

let browser: Browser;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `browser tests need Debian's chromium at ${CHROMIUM}: apt-get install -y chromium`);
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
});
after(async () => { await browser?.close(); });

async function open(width: number, height: number, problems: string[]): Promise<Page> {
  const p = await browser.newPage({ viewport: { width, height } });
  p.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  p.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
  return p;
}

async function fits(p: Page, label: string): Promise<void> {
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${label}: ${overflow} px wider than the window`);
}

/** Stores two flagged water stories and one it misses (no "drought"), as process-article would. */
async function seed(d: TuneDashboard): Promise<void> {
  const flagged1 = await storeItem(d, 'wet-1', 'Drought empties reservoirs in Murcia', 'The drought left reservoirs at 20 per cent of capacity.');
  const flagged2 = await storeItem(d, 'wet-2', 'Drought hits the olive harvest', 'Farmers say the drought ruined the olive harvest this year.');
  const missed = await storeItem(d, 'dry-1', 'Hosepipe ban for the Ebro valley', 'The water company announced a hosepipe ban as rivers fell to record lows.');
  assert.deepEqual([flagged1.get(WL), flagged2.get(WL), missed.get(WL)], [true, true, false], 'the seed is what the test expects');
}

for (const vp of VIEWPORTS) {
  test(`verdicts from the items page and the "try it" box show on the watch-list's page (${vp.name}, ${vp.width}px)`, { timeout: 120_000 }, async () => {
    const d = await startTuneDashboard(`browser-${vp.name}`, loadConfig(writeConfigDir({ watchlists: GAP_WATCHLISTS })));
    const problems: string[] = [];
    const p = await open(vp.width, vp.height, problems);
    try {
      await seed(d);
      const shot = (name: string) => p.screenshot({ path: join(SHOTS, `${vp.name}-${name}.png`), fullPage: true });

      // A flag marked relevant: the form posts, the redirect lands back on the same list, the verdict shows.
      await p.goto(`${d.url}/items?watchlist=${WL}`);
      const card = p.locator('li.item', { hasText: 'Drought empties reservoirs' });
      await card.getByRole('button', { name: 'Relevant', exact: true }).click();
      await p.waitForURL(/\/items\?watchlist=water-shortage#flag-\d$/);
      assert.equal(await p.locator('li.item', { hasText: 'Drought empties reservoirs' }).locator('.pill.given').textContent(), 'marked relevant');
      assert.equal(await p.locator('li.item', { hasText: 'Drought hits the olive harvest' }).locator('.pill.given').count(), 0, 'only the item judged');
      await fits(p, 'items page');
      await shot('items-relevant');

      // A miss found with the text filter, marked "should have been flagged".
      await p.goto(`${d.url}/items?watchlist=${WL}&q=hosepipe`);
      const unflagged = p.locator('#unflagged li.item', { hasText: 'Hosepipe ban' });
      assert.equal(await unflagged.count(), 1, 'the stored item the list missed is offered');
      await unflagged.getByRole('button', { name: 'Should have been flagged' }).click();
      await p.waitForURL(/q=hosepipe#unflagged-0$/);
      await fits(p, 'items page with the text filter');
      await shot('items-missed');

      // A false alarm from the "try it" box: the verdict lands on the watch-list's page.
      await p.goto(`${d.url}/watchlists`);
      await p.locator('#try textarea').fill('Rovers end title drought\nRovers ended a 12-year title drought with a win over City.');
      await p.getByRole('button', { name: 'Classify' }).click();
      const row = p.locator('#try-result tr', { hasText: WL });
      await fits(p, 'the "try it" result');
      await shot('try-it');
      await row.getByRole('button', { name: 'Not relevant' }).click();
      await p.waitForURL(/\/watchlists\/water-shortage#verdicts$/);

      const verdicts = await p.locator('#verdict-list tbody tr').allTextContents();
      assert.equal(verdicts.length, 3, verdicts.join('\n'));
      const has = (kind: string, title: string) => assert.ok(verdicts.some((v) => v.includes(kind) && v.includes(title)), `${kind}: ${title} in\n${verdicts.join('\n')}`);
      has('relevant', 'Drought empties reservoirs');
      has('missed', 'Hosepipe ban');
      has('not-relevant', 'Rovers end title drought');
      // One week: the flag and the false alarm are flagged (precision 1/2), the miss is not (recall 1/2).
      const week = (await p.locator('#weeks tbody tr').allTextContents()).map((t) => t.replace(/\s+/g, ' '));
      assert.equal(week.length, 1, week.join('\n'));
      assert.match(week[0]!, /0\.50.*0\.50/);
      await fits(p, 'watch-list page');
      await shot('watchlist-verdicts');

      const api = await (await fetch(`${d.url}/api/feedback?watchlist=${WL}`)).json() as { count: number; weeks: Array<{ precision: number; recall: number }> };
      assert.equal(api.count, 3);
      assert.deepEqual([api.weeks[0]!.precision, api.weeks[0]!.recall], [0.5, 0.5]);
      assert.deepEqual(problems, [], 'no script errors or CSP refusals');
    } finally {
      await p.close();
      await d.close();
    }
  });
}
