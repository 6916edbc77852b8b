/** /api/feedback: analysts' verdicts on flags (GET to read, POST to give one). */
import type { FastifyInstance } from 'fastify';
import type { WorkerContext } from '../../workers/context.js';
import { listFeedback, recordVerdict, type FeedbackRequest } from '../data/feedback.js';
import { RequestError } from '../errors.js';

export function registerFeedback(app: FastifyInstance, ctx: WorkerContext): void {
  app.get<{ Querystring: Record<string, unknown> }>('/api/feedback', async (req) => listFeedback(ctx, req.query));
  app.post<{ Body: FeedbackRequest }>('/api/feedback', async (req, reply) => {
    if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
      throw new RequestError(400, 'expected a JSON object: {watchlist, verdict, itemKey} or {watchlist, verdict, text}');
    }
    return reply.code(201).send({ verdict: await recordVerdict(ctx, req.body) });
  });
}
