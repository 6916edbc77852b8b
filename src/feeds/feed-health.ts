/**
 * Per-feed bookkeeping the store keeps and the dashboard shows. Pure: the caller passes the
 * clock and stores the result. A failing feed backs off exponentially with jitter up to a
 * cap and is then tried at the cap for ever, so it recovers on its own once the site does;
 * nothing here ever gives a feed up.
 */

/** The health record of one feed. Times are epoch milliseconds. */
export interface FeedHealth {
  status: 'ok' | 'failing' | 'never';
  lastAttempt?: number;
  lastSuccess?: number;
  consecutiveErrors: number;
  lastError?: string;
  /** Do not poll before this time (back-off or Retry-After). */
  nextAttempt?: number;
  /** Items seen in all successful polls. */
  itemsSeen: number;
  /** Conditional GET validators from the last 200. */
  etag?: string;
  lastModified?: string;
  /** Where to poll from now on, after a 301/308. */
  url?: string;
}

/** What one poll came to. */
export type PollOutcome =
  | {
      kind: 'ok';
      /** Items this poll added to what wirewatch has seen (the new ones, to keep itemsSeen a count of distinct items). */
      items: number;
      etag?: string;
      lastModified?: string;
      /** The feed's URL from now on (after a 301/308). */
      url?: string;
    }
  | { kind: 'not-modified' }
  | {
      kind: 'error';
      error: string;
      retryAfterMs?: number;
      /** A retry would fail the same way (404, 410, refused address): back off faster. */
      permanent?: boolean;
    };

/** Extra doublings for a permanent error: a feed that is gone is asked less often, still asked. */
const PERMANENT_STEPS = 3;

/** Scheduling limits for back-off. */
export interface BackoffOptions {
  /** The feed's normal poll interval. */
  interval: number;
  /** Longest wait between attempts of a failing feed (24 h by default in config). */
  maxBackoff: number;
  /** Source of randomness for jitter, for tests. Default Math.random. */
  random?: () => number;
}

export const NEVER_POLLED: FeedHealth = { status: 'never', consecutiveErrors: 0, itemsSeen: 0 };

/**
 * Wait before the next attempt after `errors` consecutive failures: interval x 2^(errors-1),
 * "equal jitter" (between half and all of it, so feeds that failed together spread out),
 * at least the server's Retry-After, never more than maxBackoff.
 */
export function backoffDelay(errors: number, opts: BackoffOptions, retryAfterMs?: number): number {
  const random = opts.random ?? Math.random;
  const exp = Math.min(opts.maxBackoff, opts.interval * 2 ** Math.min(Math.max(errors - 1, 0), 40));
  const jittered = exp / 2 + (random() * exp) / 2;
  return Math.round(Math.min(opts.maxBackoff, Math.max(jittered, retryAfterMs ?? 0)));
}

/** The health after one poll finished at `now`. */
export function recordPollOutcome(prev: FeedHealth | undefined, outcome: PollOutcome, now: number, opts: BackoffOptions): FeedHealth {
  const base = prev ?? NEVER_POLLED;
  if (outcome.kind === 'error') {
    const errors = base.consecutiveErrors + 1;
    const steps = errors + (outcome.permanent ? PERMANENT_STEPS : 0);
    return { ...base, status: 'failing', lastAttempt: now, consecutiveErrors: errors, lastError: outcome.error,
      nextAttempt: now + backoffDelay(steps, opts, outcome.retryAfterMs) };
  }
  const next: FeedHealth = { ...base, status: 'ok', lastAttempt: now, lastSuccess: now, consecutiveErrors: 0, nextAttempt: now + opts.interval };
  delete next.lastError;
  if (outcome.kind === 'not-modified') return next;
  next.itemsSeen = base.itemsSeen + outcome.items;
  if (outcome.etag !== undefined) next.etag = outcome.etag; else delete next.etag;
  if (outcome.lastModified !== undefined) next.lastModified = outcome.lastModified; else delete next.lastModified;
  if (outcome.url !== undefined) next.url = outcome.url;
  return next;
}
