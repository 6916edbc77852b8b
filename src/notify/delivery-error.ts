import { WirewatchError } from '../errors.js';

/**
 * A channel did not accept a delivery. `retryable` says whether trying again later can help
 * (429, 5xx, network errors, timeouts); `retryAfterMs` is the wait the receiver asked for;
 * `partsDelivered` counts the messages of a multi-message delivery accepted before the
 * failure, so a retry can resume with `fromPart` instead of resending them. `maybeAccepted`
 * says the failing message may have arrived all the same (a timeout or a connection cut after
 * it was sent): such a message is only ever resent under its own delivery id.
 */
export class DeliveryError extends WirewatchError {
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly status?: number;
  readonly partsDelivered: number;
  readonly maybeAccepted: boolean;

  constructor(
    message: string,
    options: { retryable: boolean; retryAfterMs?: number; status?: number; partsDelivered?: number; maybeAccepted?: boolean; cause?: unknown },
  ) {
    super('notify', message, { permanent: !options.retryable, cause: options.cause });
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.status = options.status;
    this.partsDelivered = options.partsDelivered ?? 0;
    this.maybeAccepted = options.maybeAccepted ?? false;
  }
}
