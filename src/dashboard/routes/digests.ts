/**
 * The digest pages: the list of digests with their runs, one run's page, and "Run now" /
 * "Retry failed" as POST-redirect-GET: the POST queues the run and answers 303 to the list,
 * which names the queued run, so a reload fetches the page and never queues another run.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { digestByName } from '../../config/lookup.js';
import type { WorkerContext } from '../../workers/context.js';
import { loadRun, RUN_ID } from '../data/digest-run.js';
import { listDigests, retryDigest } from '../data/digests.js';
import { runPage } from '../views/digest-run.js';
import { digestsPage, type DigestsView } from '../views/digests.js';

type SendHtml = (reply: FastifyReply, body: string, status?: number) => FastifyReply;

const STATUSES = new Set(['queued', 'already queued']);

/** The notice the redirect asks for, if its query names a configured digest and one of its runs. */
export function queuedNotice(ctx: WorkerContext, query: Record<string, string | undefined>): DigestsView['notice'] {
  const { digest, queued, status } = query;
  if (!digest || !queued || !status || !digestByName(ctx.live.current().config, digest)) return undefined;
  if (!RUN_ID.test(queued) || !queued.startsWith(`${digest}-`) || !STATUSES.has(status)) return undefined;
  return { digest, runId: queued, status };
}

export function registerDigestPages(app: FastifyInstance, ctx: WorkerContext, sendHtml: SendHtml): void {
  app.get<{ Querystring: Record<string, string> }>('/digests', async (req, reply) =>
    sendHtml(reply, digestsPage({ rows: await listDigests(ctx), notice: queuedNotice(ctx, req.query) })));
  app.get<{ Params: { name: string; runId: string } }>('/digests/:name/runs/:runId', async (req, reply) =>
    sendHtml(reply, runPage(await loadRun(ctx, req.params.name, req.params.runId))));
  app.post<{ Params: { name: string } }>('/digests/:name/retry', async (req, reply) => {
    const { name } = req.params;
    const result = await retryDigest(ctx, name);
    const query = new URLSearchParams({ digest: name, queued: result.runId, status: result.status });
    return reply.redirect(`/digests?${query}#digest-${encodeURIComponent(name)}`, 303);
  });
}
