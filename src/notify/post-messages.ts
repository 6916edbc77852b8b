/**
 * POSTs the messages of one delivery in order. Inside the call, a 429 or 5xx is retried a few
 * times, honouring Retry-After up to a bound; past that a retryable DeliveryError goes to the
 * worker, with the count of messages already accepted so its retry resumes after them. Every
 * message carries `X-Wirewatch-Delivery: <run or alert id>.<channel>.<part>`, the same on
 * every try, so a receiver can drop one it has seen.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DeliveryError } from './delivery-error.js';
import type { DeliverOptions } from './types.js';

export interface HttpMessage {
  body: string;
  headers?: Record<string, string>;
}

export interface PostTarget {
  /** The platform, for messages: 'slack'. */
  name: string;
  url: string;
  /** Default gap between messages, under the platform's rate limit. */
  gapMs: number;
  /** Headers computed at each try (a signature with the time of sending). */
  sign?: (body: string) => Record<string, string>;
}

const DEFAULTS = { timeoutMs: 15_000, attempts: 3, maxRetryAfterMs: 60_000, backoffMs: 1_000 };

/** Seconds or an HTTP date in Retry-After, or the JSON `retry_after` of Discord and Telegram. */
export function retryAfterMs(headers: Headers, body: string): number | undefined {
  const header = headers.get('retry-after');
  if (header) {
    const secs = Number(header);
    if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
  }
  try {
    const json = JSON.parse(body) as { retry_after?: unknown; parameters?: { retry_after?: unknown } };
    const secs = Number(json.retry_after ?? json.parameters?.retry_after);
    return Number.isFinite(secs) ? Math.max(0, secs * 1000) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * How much of a receiver's answer is read: enough for an error message, Retry-After in JSON or
 * Telegram's `ok`. A receiver that answers with an endless or huge body must neither hold the
 * delivery until its timeout nor fill memory.
 */
export const ANSWER_LIMIT = 64 * 1024;

/** The first `max` bytes of the answer, decoded; the rest is not read (the stream is cancelled). */
export async function readAnswer(res: Response, max: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < max) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    if (size >= max) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, max));
}

type Outcome = { ok: true; body: string } | { ok: false; error: DeliveryError; waitMs?: number };

/** Failures that show the request never reached the receiver. */
const NOT_SENT = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ERR_INVALID_URL/;

async function postOnce(target: PostTarget, msg: HttpMessage, opts: DeliverOptions, label: string): Promise<Outcome> {
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? DEFAULTS.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  let res: Response;
  let body: string;
  try {
    const headers = { 'content-type': 'application/json', ...msg.headers, ...target.sign?.(msg.body) };
    res = await fetch(target.url, { method: 'POST', headers, body: msg.body, signal, redirect: 'manual' });
    body = await readAnswer(res, ANSWER_LIMIT);
  } catch (err) {
    const why = timeout.aborted ? 'timed out' : opts.signal?.aborted ? 'aborted' : `failed: ${(err as Error).message}`;
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const maybeAccepted = !NOT_SENT.test(`${cause?.code ?? ''} ${cause?.message ?? ''}`);
    return { ok: false, error: new DeliveryError(`${target.name}: request ${why} (${label})`, { retryable: true, maybeAccepted, cause: err }) };
  }
  if (res.ok) return { ok: true, body };
  // A redirect is answered like any other refusal: a webhook URL that moved must be updated.
  const retryable = res.status === 429 || res.status === 408 || res.status >= 500;
  const waitMs = retryable ? retryAfterMs(res.headers, body) : undefined;
  const detail = body.replace(/\s+/g, ' ').slice(0, 200);
  const error = new DeliveryError(`${target.name} answered ${res.status} (${label})${detail ? `: ${detail}` : ''}`, { retryable, retryAfterMs: waitMs, status: res.status });
  return { ok: false, error, waitMs };
}

async function postWithRetries(target: PostTarget, msg: HttpMessage, opts: DeliverOptions, label: string): Promise<string> {
  const attempts = Math.max(1, opts.attempts ?? DEFAULTS.attempts);
  const maxWait = opts.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs;
  // A try that may have arrived taints the message: whatever the last try says, it may be there.
  let maybe = false;
  const fail = (e: DeliveryError) => (maybe && !e.maybeAccepted
    ? new DeliveryError(e.message.replace(/^notify: /, ''), { retryable: e.retryable, retryAfterMs: e.retryAfterMs, status: e.status, maybeAccepted: true, cause: e.cause })
    : e);
  for (let attempt = 1; ; attempt++) {
    const out = await postOnce(target, msg, opts, label);
    if (out.ok) return out.body;
    maybe ||= out.error.maybeAccepted;
    if (!out.error.retryable || opts.signal?.aborted || attempt >= attempts) throw fail(out.error);
    const wait = out.waitMs ?? (opts.backoffMs ?? DEFAULTS.backoffMs) * 2 ** (attempt - 1);
    if (wait > maxWait) throw fail(out.error);
    await sleep(wait, undefined, { signal: opts.signal }).catch(() => undefined);
  }
}

/**
 * Sends messages[fromPart..] in order. `check` may reject a 2xx answer (Telegram's ok:false).
 * Returns how many were sent by this call.
 */
export async function postMessages(target: PostTarget, messages: HttpMessage[], opts: DeliverOptions, check?: (body: string) => string | undefined): Promise<number> {
  const from = Math.min(Math.max(0, opts.fromPart ?? 0), messages.length);
  const gap = opts.minGapMs ?? target.gapMs;
  for (let i = from; i < messages.length; i++) {
    if (i > from && gap > 0) await sleep(gap, undefined, { signal: opts.signal }).catch(() => undefined);
    const label = `part ${i + 1} of ${messages.length}`;
    const msg = messages[i]!;
    const delivery: Record<string, string> = opts.deliveryId ? { 'x-wirewatch-delivery': `${opts.deliveryId}.${i + 1}` } : {};
    try {
      const body = await postWithRetries(target, { ...msg, headers: { ...msg.headers, ...delivery } }, opts, label);
      const problem = check?.(body);
      if (problem) throw new DeliveryError(`${target.name}: ${problem} (${label})`, { retryable: false });
    } catch (err) {
      const e = err as DeliveryError;
      throw new DeliveryError(e.message.replace(/^notify: /, ''), {
        retryable: e.retryable, retryAfterMs: e.retryAfterMs, status: e.status, partsDelivered: i, maybeAccepted: e.maybeAccepted, cause: e.cause,
      });
    }
  }
  return messages.length - from;
}
