import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import Parser from 'rss-parser';
import { DashboardError } from '../../src/dashboard/errors.js';
import { startDashboard, type Dashboard } from '../../src/dashboard/server.js';
import { silentLogger } from '../../src/log.js';
import { XSS, XSS_ESCAPED } from './fixtures.js';
import { postForm, request } from './http.js';
import { seedDashboard, type Seeded } from './seed.js';
import { testRedis } from '../helpers/redis.js';

const TOKEN = 'test-token-0123456789abcdef';
let s: Seeded;
let open: Dashboard;
let locked: Dashboard;
const bearer = { authorization: `Bearer ${TOKEN}` };

before(async () => {
  s = await seedDashboard('security');
  open = s.dashboard;
  locked = await startDashboard({ ctx: s.pipeline.ctx, host: '0.0.0.0', port: 0, token: TOKEN, log: silentLogger, env: {} });
});
after(async () => {
  await locked?.close();
  await s?.close();
});

/** The locked server listens on every address; tests reach it on loopback. */
const lockedUrl = () => locked.url.replace('0.0.0.0', '127.0.0.1');

test('bound to a non-loopback address with no token, the dashboard refuses to start', async () => {
  for (const host of ['0.0.0.0', '::', '192.168.1.10']) {
    await assert.rejects(
      startDashboard({ ctx: s.pipeline.ctx, host, port: 0, log: silentLogger, env: {} }),
      (err: unknown) => err instanceof DashboardError && /^dashboard: refusing to listen on .+ without a token/.test(err.message),
    );
  }
  await assert.rejects(startDashboard({ ctx: s.pipeline.ctx, host: '0.0.0.0', port: 0, log: silentLogger, env: { DASHBOARD_TOKEN: 'short' } }), /at least 16 characters/);
});

test('with a token, requests without it get 401: pages show the sign-in form, the API says why', async () => {
  const base = lockedUrl();
  for (const path of ['/', '/items', '/feeds', '/watchlists', '/digests', '/queues', '/api/items', '/api/overview', '/metrics', '/feeds/isis-libya.atom']) {
    const res = await request(base + path, { headers: { accept: 'text/html' } });
    assert.equal(res.status, 401, path);
    assert.doesNotMatch(res.body, /Islamic State|isis-libya/, `${path} leaks nothing`);
  }
  const page = await request(`${base}/items`, { headers: { accept: 'text/html' } });
  assert.match(page.body, /<form method="post" action="\/login">/);
  const api = await request(`${base}/api/items`);
  assert.match(api.json().error, /^dashboard: a token is required/);
  assert.equal(api.headers['www-authenticate'], 'Bearer realm="wirewatch"');
  const wrong = await request(`${base}/api/items`, { headers: { authorization: 'Bearer nope-nope-nope-nope' } });
  assert.equal(wrong.status, 401);
  assert.equal((await request(`${base}/healthz`)).status, 200, 'health stays open for probes');
});

test('with a token: Bearer works, ?token= only on /feeds/* and /metrics, the login form sets the cookie', async () => {
  const base = lockedUrl();
  assert.equal((await request(`${base}/api/items`, { headers: bearer })).status, 200);
  assert.equal((await request(`${base}/feeds/isis-libya.atom?token=${TOKEN}`)).status, 200, 'feed readers can pass the token in the URL');
  assert.equal((await request(`${base}/metrics?token=${TOKEN}`)).status, 200, 'so can scrapers');
  for (const path of ['/api/items', '/api/overview', '/items', '/']) {
    const res = await request(`${base}${path}${path.includes('?') ? '&' : '?'}token=${TOKEN}`);
    assert.equal(res.status, 401, `${path}: a token in the URL is refused there`);
    assert.equal(res.headers['set-cookie'], undefined);
    assert.match(res.body, /\?token= is accepted only on \/feeds\/\* and \/metrics/);
  }
  const wrongInUrl = await request(`${base}/metrics?token=not-the-token-at-all`);
  assert.equal(wrongInUrl.status, 401);
  const asked = await request(`${base}/items?watchlist=isis-libya`, { headers: { accept: 'text/html' } });
  assert.match(asked.body, /<input type="hidden" name="next" value="\/items\?watchlist=isis-libya">/);
  const back = await postForm(`${base}/login`, { token: TOKEN, next: '/items?watchlist=isis-libya' });
  assert.equal(back.headers.location, '/items?watchlist=isis-libya', 'signing in leads back to the page asked for');
  const cookie = String(back.headers['set-cookie']).split(';')[0]!;
  assert.doesNotMatch(cookie, new RegExp(TOKEN), 'the cookie is not the token itself');
  assert.match(String(back.headers['set-cookie']), /HttpOnly; SameSite=Strict/);
  assert.doesNotMatch(String(back.headers['set-cookie']), /Secure/, 'plain HTTP: no Secure flag');
  assert.equal((await request(`${base}/items`, { headers: { cookie } })).status, 200);
  assert.equal((await postForm(`${base}/login`, { token: TOKEN, next: '//evil.example/' })).headers.location, '/');
  const badLogin = await postForm(`${base}/login`, { token: 'wrong' });
  assert.equal(badLogin.status, 401);
});

test('the login cookie is Secure behind HTTPS, and X-Forwarded-Proto counts only from a trusted proxy', async () => {
  const https = { 'x-forwarded-proto': 'https' };
  const untrusted = await postForm(`${lockedUrl()}/login`, { token: TOKEN }, https);
  assert.doesNotMatch(String(untrusted.headers['set-cookie']), /Secure/, 'no DASHBOARD_TRUST_PROXY: the header is ignored');
  const env = { DASHBOARD_TRUST_PROXY: '127.0.0.1' };
  const proxied = await startDashboard({ ctx: s.pipeline.ctx, host: '127.0.0.1', port: 0, token: TOKEN, log: silentLogger, env });
  try {
    const viaProxy = await postForm(`${proxied.url}/login`, { token: TOKEN }, https);
    assert.equal(viaProxy.status, 303);
    assert.match(String(viaProxy.headers['set-cookie']), /; Secure/);
    const plain = await postForm(`${proxied.url}/login`, { token: TOKEN });
    assert.doesNotMatch(String(plain.headers['set-cookie']), /Secure/);
  } finally {
    await proxied.close();
  }
  const elsewhere = await startDashboard({ ctx: s.pipeline.ctx, host: '127.0.0.1', port: 0, token: TOKEN, log: silentLogger, env: { DASHBOARD_TRUST_PROXY: '10.0.0.0/8' } });
  try {
    const spoofed = await postForm(`${elsewhere.url}/login`, { token: TOKEN }, https);
    assert.doesNotMatch(String(spoofed.headers['set-cookie']), /Secure/, 'a proxy list that does not hold the peer is not trusted');
  } finally {
    await elsewhere.close();
  }
});

test('with a token, an action from another origin is refused (CSRF), from this origin it goes through', async () => {
  const base = lockedUrl();
  const cookie = String((await postForm(`${base}/login`, { token: TOKEN })).headers['set-cookie']).split(';')[0]!;
  const body = { text: 'Daesh in Sirte' };
  const evil = await request(`${base}/api/classify`, { body, headers: { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
  assert.equal(evil.status, 403);
  assert.match(evil.json().error, /^dashboard: cross-site request refused/);
  assert.equal((await request(`${base}/api/classify`, { body, headers: { cookie, origin: 'https://evil.example' } })).status, 403);
  assert.equal((await request(`${base}/api/classify`, { body, headers: { ...bearer, 'sec-fetch-site': 'same-site' } })).status, 403);
  assert.equal((await request(`${base}/api/classify`, { body, headers: { cookie } })).status, 403, 'a cookie alone, with no Origin, is not enough');
  const retry = await postForm(`${base}/digests/brief/retry`, {}, { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
  assert.equal(retry.status, 403);
  assert.equal((await request(`${base}/api/classify`, { body })).status, 401, 'no token at all');
  assert.equal((await request(`${base}/api/classify`, { body, headers: { cookie, origin: base, 'sec-fetch-site': 'same-origin' } })).status, 200);
  assert.equal((await request(`${base}/api/classify`, { body, headers: bearer })).status, 200, 'a program with the token');
});

test('without a token: loopback names only (DNS rebinding), and cross-origin actions are refused', async () => {
  const rebound = await request(`${open.url}/api/items`, { headers: { host: 'attacker.example:3000' } });
  assert.equal(rebound.status, 403);
  assert.equal((await request(`${open.url}/api/items`, { headers: { host: 'localhost:3000' } })).status, 200);
  const csrf = await postForm(`${open.url}/watchlists/try`, { text: 'x' }, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
  assert.equal(csrf.status, 403);
});

test('every response carries the CSP and the other protective headers', async () => {
  for (const [url, headers] of [[`${open.url}/`, {}], [`${open.url}/api/items`, {}], [`${lockedUrl()}/items`, {}], [`${open.url}/static/app.js`, {}]] as const) {
    const res = await request(url, { headers });
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /default-src 'self'/, url);
    assert.match(csp, /script-src 'self'(;|$)/, `${url}: no inline scripts`);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['referrer-policy'], 'same-origin');
  }
  for (const path of ['/', '/items', '/watchlists', '/digests']) {
    const body = (await request(open.url + path)).body;
    assert.deepEqual(inlineCode(body), [], `${path}: no inline script, handler or style`);
  }
});

test(`a hostile string renders as text on every page: ${XSS}`, async () => {
  const pages = ['/', '/items', '/feeds', '/watchlists', '/digests', '/queues'];
  for (const path of pages) {
    const res = await request(open.url + path);
    assert.equal(res.status, 200, path);
    assert.ok(res.body.includes(XSS_ESCAPED), `${path} shows the string, escaped`);
    assert.ok(!res.body.includes('<img src=x'), `${path} has no live <img>`);
    assert.ok(!res.body.includes('<script>alert(2)'), `${path} has no live <script>`);
  }
  const tried = await postForm(`${open.url}/watchlists/try`, { text: `${XSS} Daesh in Sirte\n<script>alert(2)</script> in Libya` });
  assert.equal(tried.status, 200);
  assert.ok(tried.body.includes(`${XSS_ESCAPED} Daesh in Sirte`) && !tried.body.includes('<img src=x') && !tried.body.includes('<script>alert'));
  assert.match(tried.body, /<mark>Daesh<\/mark>/);
});

test('the hostile title is text in the Atom feed too, which stays well-formed', async () => {
  const res = await request(`${open.url}/feeds/isis-libya.atom`);
  assert.ok(!res.body.includes('<img') && !res.body.includes('<script>'));
  assert.ok(res.body.includes(`<title type="text">${XSS_ESCAPED}</title>`));
  const feed = await new Parser().parseString(res.body);
  assert.ok(feed.items.some((i) => i.title === XSS), 'a feed reader gets the title back as text');
});

/** Inline scripts, event handlers and style attributes in a page's markup (quoted attribute values respected). */
function inlineCode(page: string): string[] {
  const found: string[] = [];
  for (const tag of page.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[\w:-]+(?:="[^"]*"|='[^']*'|=[^\s>]+)?)*)\s*\/?>/g)) {
    const attrs = [...tag[2]!.matchAll(/([\w:-]+)(?:=("[^"]*"|'[^']*'|[^\s>]+))?/g)].map((a) => a[1]!.toLowerCase());
    if (tag[1]!.toLowerCase() === 'script' && !attrs.includes('src')) found.push(tag[0]);
    if (attrs.some((a) => a.startsWith('on') || a === 'style')) found.push(tag[0]);
  }
  return found;
}

const INHERITED = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

/** Keys under the test prefix whose name mentions `word`: a run, a lease, anything the runner would write. */
async function keysNaming(word: string): Promise<string[]> {
  const redis = testRedis();
  try {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${s.prefix}:*${word}*`, 'COUNT', 1000);
      found.push(...keys);
      cursor = next;
    } while (cursor !== '0');
    return found;
  } finally {
    redis.disconnect();
  }
}

test('names inherited from Object are unknown names everywhere: 404, nothing written, no runner reached', async () => {
  const runsBefore = (await request(`${open.url}/api/digests`)).json().digests.map((d: { runs: unknown[] }) => d.runs.length);
  for (const name of INHERITED) {
    const api = await request(`${open.url}/api/digests/${encodeURIComponent(name)}/retry`, { method: 'POST', headers: { origin: open.url } });
    assert.equal(api.status, 404, name);
    assert.equal(api.json().error, `dashboard: no digest "${name}"`);
    const form = await postForm(`${open.url}/digests/${encodeURIComponent(name)}/retry`, {});
    assert.equal(form.status, 404, `form ${name}`);
    const atom = await request(`${open.url}/feeds/${encodeURIComponent(name)}.atom`);
    assert.equal(atom.status, 404, `atom ${name}`);
    assert.match(atom.json().error, /^dashboard: no watch-list feed/);
    const items = await request(`${open.url}/api/items?watchlist=${encodeURIComponent(name)}`);
    assert.equal(items.status, 404, `items ${name}`);
    assert.equal(items.json().error, `dashboard: no watch-list "${name}"`);
    assert.deepEqual(await keysNaming(name.replace(/_/g, '?')), [], `nothing written for ${name}`);
  }
  const runsAfter = (await request(`${open.url}/api/digests`)).json().digests.map((d: { runs: unknown[] }) => d.runs.length);
  assert.deepEqual(runsAfter, runsBefore, 'no digest ran');
  assert.equal((await request(`${open.url}/api/digests/brief/retry`, { method: 'POST', headers: { origin: open.url } })).status, 200, 'a real name still works');
});
