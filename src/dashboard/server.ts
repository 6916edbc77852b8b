/**
 * The ops dashboard: an HTTP server over the store and the queues (pages, JSON API, Atom,
 * /metrics, health). Safe by default: loopback only unless a token is set, a token on every
 * request when set, same-origin POSTs, a strict Content-Security-Policy.
 */
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { describeError } from '../errors.js';
import type { Logger } from '../log.js';
import type { DashboardContext } from './context.js';
import { workersRunning } from './data/queues.js';
import { DashboardError, RequestError } from './errors.js';
import { registerApi } from './routes/api.js';
import { registerFeedback } from './routes/feedback.js';
import { installGuard } from './routes/guard.js';
import { registerAssets, registerOps } from './routes/ops.js';
import { registerPages } from './routes/pages.js';
import { isLoopbackHost, parseTrustProxy } from './security.js';
import { redactSecrets, registerSecret } from '../redact.js';
import { errorPage } from './views/login.js';

/** How to start the dashboard. Unset options come from the environment, then the defaults. */
export type { DashboardContext } from './context.js';

export interface DashboardOptions {
  /** The dashboard's own context (store, queues, config), not the workers'. */
  ctx: DashboardContext;
  /** Default DASHBOARD_HOST or 127.0.0.1. Any other than loopback needs a token. */
  host?: string;
  /** Default DASHBOARD_PORT or 3000; 0 picks a free port. */
  port?: number;
  /** Default DASHBOARD_TOKEN. When set, every request but /healthz and /readyz needs it. */
  token?: string;
  log: Logger;
  /** Readiness beyond Redis answering; default: a worker on every queue. */
  isReady?: () => Promise<boolean>;
  /** Where DASHBOARD_* are read; default process.env. */
  env?: NodeJS.ProcessEnv;
  /**
   * Default true. False serves only /metrics, /healthz and /readyz: for worker processes,
   * whose counters (fetches, items, deliveries) live in their own registry.
   */
  pages?: boolean;
  /** How long /readyz waits for Redis and the worker check. Default 2 s. */
  readyTimeoutMs?: number;
  /** Default DASHBOARD_TRUST_PROXY: which proxies' X-Forwarded-Proto (HTTPS, hence a Secure cookie) to believe. */
  trustProxy?: boolean | string;
}

export interface Dashboard {
  url: string;
  close(): Promise<void>;
}

export async function startDashboard(opts: DashboardOptions): Promise<Dashboard> {
  const env = opts.env ?? process.env;
  const host = opts.host ?? (env.DASHBOARD_HOST || '127.0.0.1');
  const port = opts.port ?? parsePort(env.DASHBOARD_PORT);
  const token = opts.token ?? (env.DASHBOARD_TOKEN || undefined);
  if (!isLoopbackHost(host) && !token) {
    throw new DashboardError(`refusing to listen on ${host} without a token: set DASHBOARD_TOKEN, or listen on 127.0.0.1`);
  }
  if (token !== undefined && token.length < 16) throw new DashboardError('DASHBOARD_TOKEN must be at least 16 characters');
  registerSecret(token);
  const app = buildApp({ ...opts, trustProxy: opts.trustProxy ?? parseTrustProxy(env.DASHBOARD_TRUST_PROXY) }, token);
  try {
    await app.listen({ host, port });
  } catch (err) {
    await app.close();
    throw new DashboardError(`cannot listen on ${host}:${port}: ${describeError(err)}`, { cause: err });
  }
  const addr = app.server.address() as AddressInfo;
  const url = `http://${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}`;
  opts.log.info({ url, auth: token ? 'token' : 'loopback only' }, 'dashboard listening');
  return { url, close: () => app.close() };
}

/** The store's connection queues commands while Redis is away; a probe must answer anyway. */
const READY_TIMEOUT_MS = 2_000;

function withTimeout(check: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), ms); });
  return Promise.race([check.catch(() => false), late]).finally(() => clearTimeout(timer));
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new DashboardError(`DASHBOARD_PORT must be a port number (got "${value}")`);
  return n;
}

/** Room for limits.classifyChars characters as JSON, each escaped to six bytes at worst. */
function bodyLimitFor(classifyChars: number): number {
  return Math.max(1024 * 1024, classifyChars * 6 + 64 * 1024);
}

function buildApp(opts: DashboardOptions, token: string | undefined): FastifyInstance {
  const { ctx } = opts;
  // Only the pages' API takes text to classify; an ops-only server (metrics, health) takes none.
  const bodyLimit = opts.pages ?? true ? bodyLimitFor(ctx.live.current().config.feeds.limits.classifyChars) : 64 * 1024;
  const app = Fastify({ logger: false, bodyLimit, forceCloseConnections: true, trustProxy: opts.trustProxy ?? false });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  installGuard(app, token);
  const isReady = async () => {
    const redis = await withTimeout(ctx.store.redis.ping().then((r) => r === 'PONG'), opts.readyTimeoutMs ?? READY_TIMEOUT_MS);
    const workers = redis ? await withTimeout((opts.isReady ?? (() => workersRunning(ctx.queues)))(), opts.readyTimeoutMs ?? READY_TIMEOUT_MS) : false;
    return { ready: redis && workers, redis, workers };
  };
  registerOps(app, { ctx, isReady });
  if (opts.pages ?? true) {
    registerAssets(app, { ctx });
    registerApi(app, ctx);
    registerFeedback(app, ctx);
    registerPages(app, ctx, token);
  }
  app.setNotFoundHandler((req, reply) => {
    const message = redactSecrets(`dashboard: no page ${req.url.split('?')[0]}`);
    if (req.url.startsWith('/api/')) return reply.code(404).send({ error: message });
    return reply.code(404).type('text/html; charset=utf-8').send(errorPage(404, message));
  });
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const status = err instanceof RequestError ? err.status : err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
    const message = status === 500 ? 'dashboard: internal error (see the logs)'
      : err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? `dashboard: request body over the ${bodyLimit}-byte limit`
      : err instanceof RequestError ? describeError(err) : `dashboard: ${describeError(err)}`;
    if (status === 500) opts.log.error({ err: describeError(err), url: req.url }, 'dashboard request failed');
    if (req.url.startsWith('/api/') || req.url.startsWith('/feeds/')) return reply.code(status).send({ error: message });
    return reply.code(status).type('text/html; charset=utf-8').send(errorPage(status, message));
  });
  return app;
}
