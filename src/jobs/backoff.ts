/**
 * Retry delays: exponential from the job's base delay, but never sooner than a server asked
 * for (an error carrying `retryAfterMs`, as a 429 from Slack does), and at most an hour.
 */
import type { BackoffStrategy } from 'bullmq';

/** The backoff type jobs name to get this strategy. */
export const RETRY_AFTER_BACKOFF = 'retry-after';

const MAX_DELAY_MS = 3_600_000;

export const retryAfterBackoff: BackoffStrategy = (attemptsMade, _type, err, job) => {
  const base = (job?.opts.backoff as { delay?: number } | undefined)?.delay ?? 5_000;
  const exponential = base * 2 ** Math.max(0, attemptsMade - 1);
  const asked = (err as { retryAfterMs?: number } | undefined)?.retryAfterMs ?? 0;
  return Math.min(MAX_DELAY_MS, Math.max(exponential, asked));
};
