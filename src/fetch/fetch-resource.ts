/**
 * The fetch stage: one GET of a feed or page with every limit the design asks for. Total
 * time (body included), body size after decompression, redirects followed by hand so each
 * hop passes the address guard, conditional GET, per-host politeness, and failures as
 * FetchError with `permanent` and `retryAfterMs` set for the worker and feed health.
 */
import { Agent, fetch, type Response } from 'undici';
import type { FetchOptions } from '../config/schema.js';
import { ADDRESS_REFUSED, guardUrl, guardedLookup, type AddressPolicy } from './address-guard.js';
import { FetchError } from './fetch-error.js';
import { fetchFile } from './fetch-file.js';
import { sharedHostLimiter, type HostLimiter } from './host-limiter.js';
import { readCapped, tooLarge } from './read-body.js';

/** Options for one fetch: the config's fetch block plus what this request needs. */
export interface FetchResourceOptions extends Partial<FetchOptions> {
  /** ETag from the last 200, sent as If-None-Match. */
  etag?: string;
  /** Last-Modified from the last 200, sent as If-Modified-Since. */
  lastModified?: string;
  /** Accept header; defaults to feed types. */
  accept?: string;
  signal?: AbortSignal;
  /** Politeness limiter; defaults to one shared per process for these limits. */
  limiter?: HostLimiter;
}

/** What a fetch gives back: a body, or word that the resource has not changed. */
export type FetchResult =
  | { kind: 'ok'; url: string; status: number; body: Buffer; contentType?: string; etag?: string; lastModified?: string;
      /** The new URL when the chain from the requested URL was only 301/308s: store it. */
      permanentRedirect?: string }
  | { kind: 'not-modified'; url: string };

export const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8';

const DEFAULTS = {
  timeout: 20_000, maxBytes: 10 * 1024 * 1024, maxRedirects: 5, userAgent: 'wirewatch/0.1 (+https://example.org/contact)',
  allowPrivateNetworks: false, allowHosts: [] as string[], perHostConcurrency: 2, perHostGap: 1_000,
};

type Resolved = typeof DEFAULTS & FetchResourceOptions;

const agents = new Map<string, Agent>();

/** One connection pool per address policy; its sockets resolve through the guard. */
function agentFor(policy: AddressPolicy): Agent {
  const key = JSON.stringify([policy.allowPrivateNetworks, [...policy.allowHosts].sort()]);
  let agent = agents.get(key);
  if (agent === undefined) {
    agent = new Agent({ connect: { lookup: guardedLookup(policy) as never, timeout: 10_000 }, connections: 8 });
    agents.set(key, agent);
  }
  return agent;
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

function statusError(res: Response, url: string): FetchError {
  const s = res.status;
  const retryAfterMs = s === 429 || s === 503 ? parseRetryAfter(res.headers.get('retry-after')) : undefined;
  // Client errors repeat on retry, except the ones that mean "not now".
  const permanent = s >= 400 && s < 500 && ![408, 425, 429].includes(s);
  return new FetchError(`HTTP ${s}${res.statusText ? ` ${res.statusText}` : ''} from ${url}`, { status: s, permanent, url, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
}

function describeAbort(o: Resolved, url: string, cause: unknown): FetchError {
  if (o.signal?.aborted) return new FetchError(`aborted fetching ${url}`, { url, cause });
  return new FetchError(`timed out after ${o.timeout / 1000} s fetching ${url}`, { url, cause });
}

/** Turns whatever undici threw into a FetchError with the real reason. */
function networkError(err: unknown, url: string, signal: AbortSignal | undefined, o: Resolved): FetchError {
  if (err instanceof FetchError) return err;
  if (signal?.aborted || o.signal?.aborted) return describeAbort(o, url, err);
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if ((e as { code?: string }).code === ADDRESS_REFUSED) return new FetchError(e.message.replace(/^fetch: /, ''), { permanent: true, url, cause: err });
  }
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? cause?.message ?? (err as Error).message;
  return new FetchError(`network error fetching ${url} (${reason})`, { url, cause: err });
}

async function request(url: URL, o: Resolved, signal: AbortSignal): Promise<Response> {
  await guardUrl(url, o);
  const headers: Record<string, string> = {
    'user-agent': o.userAgent,
    accept: o.accept ?? FEED_ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (o.etag) headers['if-none-match'] = o.etag;
  if (o.lastModified) headers['if-modified-since'] = o.lastModified;
  return fetch(url, { headers, redirect: 'manual', signal, dispatcher: agentFor(o) });
}

async function finish(res: Response, url: string, o: Resolved, permanentRedirect: string | undefined): Promise<FetchResult> {
  if (res.status === 304) {
    await res.body?.cancel().catch(() => undefined);
    return { kind: 'not-modified', url };
  }
  if (res.status < 200 || res.status > 299) {
    await res.body?.cancel().catch(() => undefined);
    throw statusError(res, url);
  }
  const declared = Number(res.headers.get('content-length'));
  // Content-Length counts encoded bytes: only an identity body can be refused before reading.
  if (!res.headers.get('content-encoding') && Number.isFinite(declared) && declared > o.maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge(o.maxBytes, url);
  }
  const body = await readCapped(res.body as AsyncIterable<Uint8Array> | null, o.maxBytes, url);
  const pick = (name: string) => res.headers.get(name) ?? undefined;
  const [contentType, etag, lastModified] = [pick('content-type'), pick('etag'), pick('last-modified')];
  return { kind: 'ok', url, status: res.status, body, ...(contentType ? { contentType } : {}), ...(etag ? { etag } : {}),
    ...(lastModified ? { lastModified } : {}), ...(permanentRedirect !== undefined ? { permanentRedirect } : {}) };
}

function nextHop(res: Response, current: URL, seen: Set<string>, hops: number, o: Resolved): URL {
  const location = res.headers.get('location');
  if (location === null) throw new FetchError(`HTTP ${res.status} without a Location from ${current.href}`, { status: res.status, url: current.href });
  let next: URL;
  try {
    next = new URL(location, current);
  } catch {
    throw new FetchError(`bad redirect Location ${JSON.stringify(location)} from ${current.href}`, { permanent: true, url: current.href });
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new FetchError(`redirect to a ${next.protocol} URL refused`, { permanent: true, url: current.href });
  if (seen.has(next.href)) throw new FetchError(`redirect loop at ${next.href}`, { permanent: true, url: current.href });
  if (hops >= o.maxRedirects) throw new FetchError(`more than ${o.maxRedirects} redirects from ${[...seen][0]}`, { permanent: true, url: current.href });
  return next;
}

/** The time limit starts when the first request gets its slot: queueing for politeness is free. */
class Deadline {
  signal: AbortSignal | undefined;

  constructor(private readonly ms: number, private readonly outer: AbortSignal | undefined) {}

  start(): AbortSignal {
    if (this.signal === undefined) {
      const timeout = AbortSignal.timeout(this.ms);
      this.signal = this.outer ? AbortSignal.any([timeout, this.outer]) : timeout;
    }
    return this.signal;
  }
}

async function fetchHttp(start: URL, o: Resolved, deadline: Deadline): Promise<FetchResult> {
  const limiter = o.limiter ?? sharedHostLimiter({ concurrency: o.perHostConcurrency, gapMs: o.perHostGap });
  const seen = new Set<string>([start.href]);
  let url = start;
  let permanentRedirect: string | undefined;
  let onlyPermanent = true;
  for (let hops = 0; ; hops++) {
    const current = url;
    const outcome = await limiter.run(current.host, async () => {
      const res = await request(current, o, deadline.start());
      if (![301, 302, 303, 307, 308].includes(res.status)) return finish(res, current.href, o, permanentRedirect);
      await res.body?.cancel().catch(() => undefined);
      return res;
    }, deadline.signal ?? o.signal);
    if (!('status' in outcome && 'headers' in outcome)) return outcome;
    url = nextHop(outcome, current, seen, hops, o);
    seen.add(url.href);
    onlyPermanent &&= outcome.status === 301 || outcome.status === 308;
    if (onlyPermanent) permanentRedirect = url.href;
  }
}

/**
 * Fetches an http(s) or file: URL. Resolves with the body or not-modified; rejects with a
 * FetchError only.
 */
export async function fetchResource(url: string, opts: FetchResourceOptions = {}): Promise<FetchResult> {
  const o: Resolved = { ...DEFAULTS, ...stripUndefined(opts) };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchError(`bad URL ${JSON.stringify(url)}`, { permanent: true, url });
  }
  if (parsed.protocol === 'file:') return fetchFile(parsed, o.maxBytes, o.lastModified);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new FetchError(`unsupported URL scheme ${parsed.protocol} in ${url}`, { permanent: true, url });
  const deadline = new Deadline(o.timeout, o.signal);
  try {
    return await fetchHttp(parsed, o, deadline);
  } catch (err) {
    throw networkError(err, url, deadline.signal, o);
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
