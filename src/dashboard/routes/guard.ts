/** The onRequest hook that applies security.ts to every request. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorPage, loginPage } from '../views/login.js';
import { authenticate, checkToken, crossSiteReason, isLoopbackHostHeader, SECURITY_HEADERS } from '../security.js';

/** Paths anyone may read: health for probes, assets and the login form for the login page. */
const PUBLIC = [/^\/favicon\.ico$/, /^\/healthz$/, /^\/readyz$/, /^\/static\//, /^\/login$/];
/** Paths read by programs (API clients, Prometheus, feed readers): errors come back as JSON. */
const MACHINE = /^\/(api\/|metrics$|feeds\/)/;
/**
 * Paths whose readers cannot send a header (Prometheus scrape configs, feed readers): the
 * only ones where `?token=` is accepted. Anywhere else a token in the URL would land in
 * proxy and browser history logs for nothing: the API takes a Bearer header, people sign in.
 */
const TOKEN_IN_URL = /^\/(metrics$|feeds\/)/;

export function installGuard(app: FastifyInstance, token: string | undefined): void {
  app.addHook('onRequest', async (req, reply) => {
    reply.headers(SECURITY_HEADERS);
    if (!token && !isLoopbackHostHeader(req.headers.host)) {
      return deny(reply, req, 403, 'dashboard: this server answers only to localhost (set DASHBOARD_TOKEN to serve other names)');
    }
    const path = req.url.split('?')[0]!;
    const via = token ? authenticate(req.headers, token) : undefined;
    const isPublic = PUBLIC.some((re) => re.test(path));
    if (token && !via && !isPublic) {
      const given = new URL(req.url, 'http://x').searchParams.get('token');
      if (given !== null && TOKEN_IN_URL.test(path)) {
        if (req.method === 'GET' && checkToken(given, token)) return;
      } else if (given !== null) {
        return deny(reply, req, 401, 'dashboard: ?token= is accepted only on /feeds/* and /metrics; send Authorization: Bearer, or sign in at /login');
      }
      reply.header('www-authenticate', 'Bearer realm="wirewatch"');
      return deny(reply, req, 401, 'dashboard: a token is required (Authorization: Bearer, or sign in)');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const why = crossSiteReason(req.headers, via);
      if (why) return deny(reply, req, 403, `dashboard: cross-site request refused (${why})`);
    }
  });
}

function deny(reply: FastifyReply, req: FastifyRequest, status: number, message: string): FastifyReply {
  const path = req.url.split('?')[0]!;
  reply.code(status).header('cache-control', 'no-store');
  if (MACHINE.test(path) || !/text\/html/.test(req.headers.accept ?? '')) {
    return reply.type('application/json; charset=utf-8').send({ error: message });
  }
  return reply.type('text/html; charset=utf-8').send(status === 401 ? loginPage(undefined, req.url) : errorPage(status, message));
}
