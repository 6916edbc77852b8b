/**
 * The queue pages: all queues (depths, workers, jobs and failures per hour, latest failures),
 * one queue's jobs by state, one job in full; and the job actions, retry and remove, as
 * POST-redirect-GET so a reload never repeats them. The guard's same-origin check covers the
 * POSTs like every other.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { WorkerContext } from '../../workers/context.js';
import { loadIngestion } from '../data/ingestion.js';
import { jobDetail, listJobs, parseState, queueNamed, removeJob, retryJob, summarizeQueues } from '../data/queues.js';
import { RequestError } from '../errors.js';
import { jobPage, jobsPage, JOBS_PAGE_SIZE } from '../views/queue-jobs.js';
import { queuesPage } from '../views/queues.js';

type SendHtml = (reply: FastifyReply, body: string, status?: number) => FastifyReply;
type JobParams = { Params: { queue: string; id: string } };

export const jobPath = (queue: string, id: string) => `/queues/${encodeURIComponent(queue)}/jobs/${encodeURIComponent(id)}`;

function pageNumber(value: unknown): number {
  if (value === undefined || value === '') return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new RequestError(400, `bad page "${String(value)}"`);
  return n;
}

export function registerQueuePages(app: FastifyInstance, ctx: WorkerContext, sendHtml: SendHtml): void {
  app.get('/queues', async (_req, reply) => {
    const [queues, hours] = await Promise.all([summarizeQueues(ctx.queues, 5), loadIngestion(ctx)]);
    return sendHtml(reply, queuesPage({ queues, hours }));
  });
  app.get<{ Params: { queue: string }; Querystring: Record<string, string> }>('/queues/:queue', async (req, reply) => {
    const queue = queueNamed(ctx.queues, req.params.queue);
    const state = parseState(req.query.state);
    const page = pageNumber(req.query.page);
    const [{ jobs, total }, summary] = await Promise.all([listJobs(ctx.queues, req.params.queue, state, page, JOBS_PAGE_SIZE), queue.getJobCounts()]);
    return sendHtml(reply, jobsPage({ queue: req.params.queue, state, page, jobs, total, counts: summary, done: req.query.done, job: req.query.job }));
  });
  app.get<JobParams & { Querystring: Record<string, string> }>('/queues/:queue/jobs/:id', async (req, reply) => {
    const job = await jobDetail(ctx.queues, req.params.queue, req.params.id);
    return sendHtml(reply, jobPage({ job, done: req.query.done }));
  });
  app.post<JobParams>('/queues/:queue/jobs/:id/retry', async (req, reply) => {
    await retryJob(ctx.queues, req.params.queue, req.params.id);
    return reply.redirect(`${jobPath(req.params.queue, req.params.id)}?done=retried`, 303);
  });
  app.post<JobParams>('/queues/:queue/jobs/:id/remove', async (req, reply) => {
    await removeJob(ctx.queues, req.params.queue, req.params.id);
    const back = new URLSearchParams({ done: 'removed', job: req.params.id });
    return reply.redirect(`/queues/${encodeURIComponent(req.params.queue)}?${back}`, 303);
  });
}
