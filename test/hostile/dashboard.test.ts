/**
 * The dashboard's input on requests built to be slow or to pass the caps: classify text at
 * sizes doubling up to limits.classifyChars (long runs without a separator, line-break runs,
 * JSON escapes, form escapes), and what lies past the caps (a 413 with the reason, a 400 for
 * an oversized filter), all over real HTTP against a real pipeline.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LIMITS } from '../../src/limits.js';
import { request } from '../dashboard/http.js';
import { seedDashboard, type Seeded } from '../dashboard/seed.js';
import { assertLinear, doublingTo } from './growth.js';

let s: Seeded;
before(async () => { s = await seedDashboard('hostile'); });
after(async () => { await s?.close(); });

const CAP = DEFAULT_LIMITS.classifyChars;
const BUDGET_MS = 4_000;

/** Texts of about `size` characters, each a trick for the request path or the text handling. */
const TEXTS: Record<string, (size: number) => string> = {
  'a long run without a separator': (n) => `Title\n${'a'.repeat(n - 6)}`,
  'carriage returns and newlines': (n) => `Title\n${'\r\n\r'.repeat(Math.floor((n - 6) / 3))}`,
  'control characters (JSON escapes)': (n) => `Title\n${'\u0001\u001f'.repeat(Math.floor((n - 6) / 2))}`,
  'words and punctuation runs': (n) => `Daesh in Sirte\n${'Libya, ISIS; '.repeat(Math.floor((n - 15) / 13))}`,
};

async function classify(text: string, form = false): Promise<void> {
  const res = form
    ? await request(`${s.dashboard.url}/watchlists/try`, { method: 'POST', body: new URLSearchParams({ text }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: s.dashboard.url } })
    : await request(`${s.dashboard.url}/api/classify`, { body: { text } });
  assert.equal(res.status, 200, res.body.slice(0, 200));
}

for (const [name, build] of Object.entries(TEXTS)) {
  test(`dashboard: /api/classify with ${name}, doubling to the cap`, async () => {
    await assertLinear(`classify ${name}`, { sizes: doublingTo(CAP, 4), build, run: (t) => classify(t), runs: 2, budgetMs: BUDGET_MS });
  });
}

test('dashboard: the "try it" form with percent escapes, doubling to the cap', async () => {
  await assertLinear('try form', { sizes: doublingTo(CAP, 4), build: (n) => `Sirte\n${'%&=+'.repeat(Math.floor((n - 6) / 4))}`, run: (t) => classify(t, true), runs: 2, budgetMs: BUDGET_MS });
});

test('dashboard: text past limits.classifyChars is a 413 that says why; a body past the byte limit too', async () => {
  const over = await request(`${s.dashboard.url}/api/classify`, { body: { text: `T\n${'a'.repeat(CAP)}` } });
  assert.equal(over.status, 413);
  assert.match(over.json().error, /^dashboard: text of 200001 characters is over the 200000-character limit \(limits\.classifyChars\)$/);
  const huge = await request(`${s.dashboard.url}/api/classify`, { body: JSON.stringify({ text: '\u0001'.repeat(CAP * 2) }), headers: { 'content-type': 'application/json' } });
  assert.equal(huge.status, 413);
  assert.match(huge.json().error, /^dashboard: request body over the \d+-byte limit$/);
  const form = await request(`${s.dashboard.url}/watchlists/try`, { method: 'POST', body: new URLSearchParams({ text: 'x'.repeat(CAP + 10) }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: s.dashboard.url } });
  assert.equal(form.status, 413);
  assert.match(form.body, /over the 200000-character limit/);
});

test('dashboard: oversized filters, cookies and paths get a clear 4xx, quickly', async () => {
  const started = performance.now();
  const q = await request(`${s.dashboard.url}/api/items?q=${'a'.repeat(5_000)}`);
  assert.equal(q.status, 400);
  assert.equal(q.json().error, 'dashboard: parameter q is over 1000 characters');
  const since = await request(`${s.dashboard.url}/api/items?since=${'9'.repeat(900)}`);
  assert.equal(since.status, 400);
  assert.match(since.json().error, /^dashboard: bad time/);
  const cookie = await request(`${s.dashboard.url}/api/items`, { headers: { cookie: `${'a=b; '.repeat(2_000)}ww_session=x` } });
  assert.equal(cookie.status, 200);
  const path = await request(`${s.dashboard.url}/feeds/${'x'.repeat(5_000)}.atom`);
  assert.ok(path.status === 404 || path.status === 414 || path.status === 400, String(path.status));
  assert.ok(performance.now() - started < 5_000);
});
