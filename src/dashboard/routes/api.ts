/** The JSON API under /api: the same reads as the pages, and the two actions. */
import type { FastifyInstance } from 'fastify';
import type { WorkerContext } from '../../workers/context.js';
import { classifyRequest, type ClassifyRequest } from '../data/classify.js';
import { loadRun } from '../data/digest-run.js';
import { listDigests, retryDigest } from '../data/digests.js';
import { listFeeds } from '../data/feeds.js';
import { filterFromQuery, findFlaggedPage } from '../data/items.js';
import { loadOverview } from '../data/overview.js';
import { summarizeQueues } from '../data/queues.js';
import { listWatchlists } from '../data/watchlists.js';
import { RequestError } from '../errors.js';

export function registerApi(app: FastifyInstance, ctx: WorkerContext): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });
  app.get('/api/overview', async () => loadOverview(ctx));
  app.get<{ Querystring: Record<string, string> }>('/api/items', async (req) => {
    const { entries, total, scanned, page, limit, sort } = await findFlaggedPage(ctx, filterFromQuery(req.query));
    return { count: entries.length, total, scanned, page, limit, sort, items: entries };
  });
  app.get('/api/feeds', async () => ({ feeds: await listFeeds(ctx) }));
  app.get('/api/watchlists', async () => ({ watchlists: await listWatchlists(ctx) }));
  app.get('/api/digests', async () => ({ digests: await listDigests(ctx) }));
  app.get<{ Params: { name: string; runId: string } }>('/api/digests/:name/runs/:runId', async (req) => loadRun(ctx, req.params.name, req.params.runId));
  app.post<{ Params: { name: string } }>('/api/digests/:name/retry', async (req) => retryDigest(ctx, req.params.name));
  app.get('/api/queues', async () => ({ queues: await summarizeQueues(ctx.queues) }));
  app.post<{ Body: ClassifyRequest }>('/api/classify', async (req) => {
    if (typeof req.body !== 'object' || req.body === null) throw new RequestError(400, 'expected a JSON object: {text} or {url} or {title, body}');
    return classifyRequest(ctx, req.body);
  });
}
