/**
 * The logger's share of redaction (src/redact.ts): pino `redact` paths censor config secrets
 * logged as fields, and a stream hook passes every finished line through redactSecrets, so
 * a URL with a token in a message, an error or a child logger's bindings is masked too.
 */
import type { LoggerOptions } from 'pino';
import { MASK, redactSecrets } from './redact.js';

const SECRET_FIELDS = ['secret', 'token', 'password', 'smtp', 'webhook', 'apiKey', 'authorization', 'cookie', 'DASHBOARD_TOKEN', 'HOOK_SECRET', 'SMTP_URL'];

/** Where config secrets sit when a config, a channel, an env or a request is logged. */
export const REDACT_PATHS = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((f) => `*.${f}`),
  ...['smtp', 'secret', 'token', 'webhook'].flatMap((f) => [`channels.*.${f}`, `digests.channels.*.${f}`, `config.digests.channels.*.${f}`]),
  'headers.authorization', 'headers.cookie', 'req.headers.authorization', 'req.headers.cookie',
  'env.DASHBOARD_TOKEN', 'env.SMTP_URL', 'env.HOOK_SECRET',
];

/** Options to spread into pino(): censored paths, and every line redacted before it is written. */
export function logRedaction(): Pick<LoggerOptions, 'redact' | 'hooks'> {
  return { redact: { paths: REDACT_PATHS, censor: MASK }, hooks: { streamWrite: redactSecrets } };
}
