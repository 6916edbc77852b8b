/** Operational routes (/healthz, /readyz, /metrics), and the static assets and Atom feeds. */
import type { FastifyInstance } from 'fastify';
import { watchlistById } from '../../config/lookup.js';
import type { WorkerContext } from '../../workers/context.js';
import { APP_JS } from '../assets/script.js';
import { STYLE_CSS } from '../assets/style.js';
import { renderAtom } from '../atom.js';
import { findFlagged } from '../data/items.js';
import { RequestError } from '../errors.js';

export interface OpsOptions {
  ctx: WorkerContext;
  isReady: () => Promise<{ ready: boolean; [k: string]: unknown }>;
}

export function registerOps(app: FastifyInstance, o: OpsOptions): void {
  app.get('/healthz', async (_req, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const state = await o.isReady().catch((err: Error) => ({ ready: false, error: err.message }));
    return reply.code(state.ready ? 200 : 503).header('cache-control', 'no-store').send(state);
  });
  app.get('/metrics', async (_req, reply) => {
    const registry = o.ctx.metrics.registry;
    return reply.type(registry.contentType).header('cache-control', 'no-store').send(await registry.metrics());
  });
}

/** Static assets and the Atom feeds: part of the full dashboard only. */
export function registerAssets(app: FastifyInstance, o: Pick<OpsOptions, 'ctx'>): void {
  app.get('/static/style.css', async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'max-age=300').send(STYLE_CSS));
  app.get('/static/app.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'max-age=300').send(APP_JS));
  app.get('/favicon.ico', async (_req, reply) => reply.code(204).header('cache-control', 'max-age=86400').send());
  app.get<{ Params: { file: string } }>('/feeds/:file', async (req, reply) => {
    const m = /^(.+)\.atom$/.exec(req.params.file);
    const { config } = o.ctx.live.current();
    const wl = m ? watchlistById(config, m[1]!) : undefined;
    if (!m || !wl) throw new RequestError(404, `no watch-list feed "${req.params.file}"`);
    const base = `${req.protocol}://${req.headers.host ?? 'localhost'}`;
    const entries = await findFlagged(o.ctx, { watchlist: m[1]!, limit: 50 });
    const xml = renderAtom({
      watchlist: m[1]!, description: wl.description, entries,
      selfUrl: `${base}/feeds/${encodeURIComponent(m[1]!)}.atom`, htmlUrl: `${base}/items?watchlist=${encodeURIComponent(m[1]!)}`,
    });
    return reply.type('application/atom+xml; charset=utf-8').send(xml);
  });
}
