/**
 * Structured logs with pino: one JSON line per event, with feed id, job id and item key as
 * fields. LOG_LEVEL sets the level (default info; 'silent' in tests).
 */
import { pino, type Logger } from 'pino';
import { logRedaction } from './log-redaction.js';

export type { Logger };

export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  return pino({ name: 'wirewatch', level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime, ...logRedaction() }, options.destination ?? process.stdout);
}

/** A logger that writes nothing, for library callers and tests that don't want output. */
export const silentLogger: Logger = pino({ level: 'silent' });
