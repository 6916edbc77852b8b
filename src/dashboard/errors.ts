import { WirewatchError } from '../errors.js';

/** The dashboard cannot start as asked (an unsafe bind, a port in use). */
export class DashboardError extends WirewatchError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('dashboard', message, { permanent: true, cause: options.cause });
  }
}

/** A request the dashboard refuses; `status` is the HTTP status it answers with. */
export class RequestError extends WirewatchError {
  constructor(readonly status: number, message: string) {
    super('dashboard', message, { permanent: true });
  }
}
