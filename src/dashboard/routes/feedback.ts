/**
 * Verdicts: /api/feedback (GET to read, POST to give one), and for the pages the form action
 * /feedback (POST-redirect-GET) and a watch-list's page with its verdicts.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { WorkerContext } from '../../workers/context.js';
import { listFeedback, recordVerdict, type FeedbackRequest } from '../data/feedback.js';
import { loadWatchlistVerdicts } from '../data/verdict-pages.js';
import { RequestError } from '../errors.js';
import { safeNext } from '../views/login.js';
import { watchlistVerdictsPage } from '../views/verdicts.js';

export function registerFeedback(app: FastifyInstance, ctx: WorkerContext): void {
  app.get<{ Querystring: Record<string, unknown> }>('/api/feedback', async (req) => listFeedback(ctx, req.query));
  app.post<{ Body: FeedbackRequest }>('/api/feedback', async (req, reply) => {
    if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
      throw new RequestError(400, 'expected a JSON object: {watchlist, verdict, itemKey} or {watchlist, verdict, text}');
    }
    return reply.code(201).send({ verdict: await recordVerdict(ctx, req.body) });
  });
}

type Form = Record<string, string | undefined>;

/** The page routes (registered with the pages, so they render on the request's clock). */
export function registerVerdictPages(app: FastifyInstance, ctx: WorkerContext, sendHtml: (reply: FastifyReply, body: string) => FastifyReply): void {
  // A bad verdict (unknown item, "relevant" on an unflagged one) is thrown and shown as an error page with its status.
  app.post<{ Body: Form }>('/feedback', async (req, reply) => {
    const { next, pick, ...form } = req.body ?? {};
    // The "try it" box's buttons say `verdict:watch-list` (ids have no ':'), and land on that watch-list's page.
    const cut = pick?.indexOf(':') ?? -1;
    if (pick !== undefined && cut > 0) Object.assign(form, { verdict: pick.slice(0, cut), watchlist: pick.slice(cut + 1) });
    await recordVerdict(ctx, form);
    const to = next ?? (typeof form.watchlist === 'string' ? `/watchlists/${encodeURIComponent(form.watchlist)}#verdicts` : '/');
    return reply.redirect(safeNext(to), 303);
  });
  app.get<{ Params: { id: string } }>('/watchlists/:id', async (req, reply) => sendHtml(reply, watchlistVerdictsPage(await loadWatchlistVerdicts(ctx, req.params.id))));
}
