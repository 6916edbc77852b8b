/**
 * The HTML pages and their form actions ("try it", the time-zone switch; digest retry and job
 * retry and removal in their own modules), plus the login form. Every request runs with its page clock (the zone
 * its times are shown in), so every page and chart of one request agrees on one zone.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { describeError } from '../../errors.js';
import type { WorkerContext } from '../../workers/context.js';
import { classifyRequest, type ClassifyRequest } from '../data/classify.js';
import { listFeeds } from '../data/feeds.js';
import { filterFromQuery, findFlaggedPage } from '../data/items.js';
import { findUnflagged, verdictsOn } from '../data/verdict-pages.js';
import { loadOverview } from '../data/overview.js';
import { listWatchlists } from '../data/watchlists.js';
import { RequestError } from '../errors.js';
import { checkToken, readCookie, sessionCookie } from '../security.js';
import { feedsPage } from '../views/feeds.js';
import { DEFAULT_PAGE_SIZE, itemsPage } from '../views/items.js';
import { loginPage, safeNext } from '../views/login.js';
import { overviewPage } from '../views/overview.js';
import { pageZone, serverZone, withClock } from '../views/time.js';
import { watchlistsPage } from '../views/watchlists.js';
import { registerDigestPages } from './digests.js';
import { registerVerdictPages } from './feedback.js';
import { registerQueuePages } from './queues.js';

const sendHtml = (reply: FastifyReply, body: string, status = 200) =>
  reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

type Form = Record<string, string | undefined>;

/** The cookie that remembers a viewer's choice of UTC over the dashboard's zone. */
const ZONE_COOKIE = 'ww_tz';

function viewerZone(req: FastifyRequest): string {
  return readCookie(req.headers.cookie, ZONE_COOKIE) === 'utc' ? 'UTC' : serverZone();
}

export function registerPages(app: FastifyInstance, ctx: WorkerContext, token: string | undefined): void {
  app.addHook('onRequest', (req, _reply, done) => withClock({ zone: viewerZone(req), now: Date.now(), here: req.url }, done));
  app.get('/', async (_req, reply) => sendHtml(reply, overviewPage(await loadOverview(ctx, Date.now(), pageZone()))));
  app.get<{ Querystring: Record<string, string> }>('/items', async (req, reply) => {
    const { config } = ctx.live.current();
    const filter = filterFromQuery(req.query, DEFAULT_PAGE_SIZE);
    const result = await findFlaggedPage(ctx, filter);
    const [verdicts, unflagged] = await Promise.all([
      verdictsOn(ctx, result.entries.map((e) => ({ watchlist: e.watchlist, itemKey: e.item.key }))),
      filter.q ? findUnflagged(ctx, filter.q, filter.watchlist) : undefined,
    ]);
    return sendHtml(reply, itemsPage({
      result, query: req.query, watchlists: Object.keys(config.watchlists.watchlists), feeds: config.feeds.feeds.map((f) => f.id),
      entities: Object.keys(config.watchlists.entities), verdicts, ...(unflagged ? { unflagged } : {}),
    }));
  });
  app.get('/feeds', async (_req, reply) => sendHtml(reply, feedsPage(await listFeeds(ctx))));
  app.get('/watchlists', async (_req, reply) => sendHtml(reply, watchlistsPage({ rows: await listWatchlists(ctx) })));
  app.post<{ Body: Form }>('/watchlists/try', async (req, reply) => {
    const form = req.body ?? {};
    const tried = { text: form.text, url: form.url };
    const rows = await listWatchlists(ctx);
    try {
      const result = await classifyRequest(ctx, tried as ClassifyRequest);
      return sendHtml(reply, watchlistsPage({ rows, tried, result }));
    } catch (err) {
      if (!(err instanceof RequestError)) throw err;
      return sendHtml(reply, watchlistsPage({ rows, tried, error: describeError(err) }), err.status);
    }
  });
  registerDigestPages(app, ctx, sendHtml);
  registerQueuePages(app, ctx, sendHtml);
  registerVerdictPages(app, ctx, sendHtml);
  registerZoneSwitch(app);
  registerLogin(app, token);
}

/** POST-redirect-GET: the choice is a cookie, and the browser lands back on the page it came from. */
function registerZoneSwitch(app: FastifyInstance): void {
  app.post<{ Body: Form }>('/prefs/time-zone', async (req, reply) => {
    const utc = req.body?.zone === 'utc';
    const cookie = utc ? `${ZONE_COOKIE}=utc; Path=/; SameSite=Strict; Max-Age=${365 * 86_400}` : `${ZONE_COOKIE}=; Path=/; SameSite=Strict; Max-Age=0`;
    return reply.header('set-cookie', cookie).redirect(safeNext(req.body?.next), 303);
  });
}

function registerLogin(app: FastifyInstance, token: string | undefined): void {
  app.get('/login', async (_req, reply) => (token ? sendHtml(reply, loginPage()) : reply.redirect('/', 303)));
  app.post<{ Body: Form }>('/login', async (req, reply) => {
    if (!token) return reply.redirect('/', 303);
    const next = safeNext(req.body?.next);
    if (!checkToken(String(req.body?.token ?? ''), token)) return sendHtml(reply, loginPage('That token is not right.', next), 401);
    return reply.header('set-cookie', sessionCookie(token, req.protocol === 'https')).redirect(next, 303);
  });
}
