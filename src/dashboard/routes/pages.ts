/** The HTML pages and their two form actions ("try it" and digest retry), plus the login form. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { describeError } from '../../errors.js';
import type { WorkerContext } from '../../workers/context.js';
import { classifyRequest, type ClassifyRequest } from '../data/classify.js';
import { listDigests, retryDigest } from '../data/digests.js';
import { listFeeds } from '../data/feeds.js';
import { DEFAULT_LIMIT, filterFromQuery, findFlagged } from '../data/items.js';
import { loadOverview } from '../data/overview.js';
import { summarizeQueues } from '../data/queues.js';
import { listWatchlists } from '../data/watchlists.js';
import { RequestError } from '../errors.js';
import { checkToken, sessionCookie } from '../security.js';
import { digestsPage } from '../views/digests.js';
import { feedsPage } from '../views/feeds.js';
import { itemsPage } from '../views/items.js';
import { loginPage, safeNext } from '../views/login.js';
import { overviewPage } from '../views/overview.js';
import { queuesPage } from '../views/queues.js';
import { watchlistsPage } from '../views/watchlists.js';

const sendHtml = (reply: FastifyReply, body: string, status = 200) =>
  reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

type Form = Record<string, string | undefined>;

export function registerPages(app: FastifyInstance, ctx: WorkerContext, token: string | undefined): void {
  app.get('/', async (_req, reply) => sendHtml(reply, overviewPage(await loadOverview(ctx))));
  app.get<{ Querystring: Record<string, string> }>('/items', async (req, reply) => {
    const { config } = ctx.live.current();
    const filter = filterFromQuery(req.query);
    const entries = await findFlagged(ctx, filter);
    return sendHtml(reply, itemsPage({
      entries, query: req.query, watchlists: Object.keys(config.watchlists.watchlists), feeds: config.feeds.feeds.map((f) => f.id),
      limit: filter.limit ?? DEFAULT_LIMIT, entities: Object.keys(config.watchlists.entities),
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
  app.get('/digests', async (_req, reply) => sendHtml(reply, digestsPage({ rows: await listDigests(ctx) })));
  app.post<{ Params: { name: string } }>('/digests/:name/retry', async (req, reply) => {
    const result = await retryDigest(ctx, req.params.name);
    const notice = { digest: req.params.name, runId: result.runId, channels: { job: result.status } };
    return sendHtml(reply, digestsPage({ rows: await listDigests(ctx), notice }));
  });
  app.get('/queues', async (_req, reply) => sendHtml(reply, queuesPage(await summarizeQueues(ctx.queues))));
  registerLogin(app, token);
}

function registerLogin(app: FastifyInstance, token: string | undefined): void {
  app.get('/login', async (_req, reply) => (token ? sendHtml(reply, loginPage()) : reply.redirect('/', 303)));
  app.post<{ Body: Form }>('/login', async (req, reply) => {
    if (!token) return reply.redirect('/', 303);
    const next = safeNext(req.body?.next);
    if (!checkToken(String(req.body?.token ?? ''), token)) return sendHtml(reply, loginPage('That token is not right.', next), 401);
    return reply.header('set-cookie', sessionCookie(token)).redirect(next, 303);
  });
}
