import { WirewatchError } from '../errors.js';

/**
 * A fetch that did not produce a usable response. `permanent` says whether retrying the
 * same request could help (a 404 or a refused address: no; a timeout or a 503: yes);
 * `retryAfterMs` carries the server's Retry-After on 429 and 503.
 */
export class FetchError extends WirewatchError {
  readonly status?: number;
  readonly retryAfterMs?: number;
  /** The URL the failing request went to (after redirects). */
  readonly url?: string;

  constructor(
    message: string,
    options: { permanent?: boolean; status?: number; retryAfterMs?: number; url?: string; cause?: unknown } = {},
  ) {
    super('fetch', message, { permanent: options.permanent ?? false, cause: options.cause });
    if (options.status !== undefined) this.status = options.status;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.url !== undefined) this.url = options.url;
  }
}
