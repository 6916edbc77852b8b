/**
 * Structured logs with pino, with feed id, job id and item key as fields. Where the output is
 * a terminal each event becomes one readable line (src/log-line.ts); anywhere else, or with
 * LOG_FORMAT=json (`--log-format json`), pino's own JSON lines go out. Both formats come from
 * the same pino records, so whatever the options below redact or serialize holds for both.
 * LOG_LEVEL sets the level (default info).
 */
import { pino, type Logger, type LoggerOptions } from 'pino';
import { logRedaction } from './log-redaction.js';
import { PrettyDestination } from './log-stream.js';

export type { Logger };

/** How console output is written: readable lines and framed blocks, or one JSON object a line. */
export type OutputFormat = 'pretty' | 'json';

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['pretty', 'json'];

/** A stream as the format decision sees it: a terminal says so with isTTY. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** LOG_FORMAT when it names a format; otherwise pretty on a terminal and JSON elsewhere. */
export function outputFormat(stream: OutputStream, env: NodeJS.ProcessEnv = process.env): OutputFormat {
  const wanted = env.LOG_FORMAT?.trim().toLowerCase();
  if (wanted === 'pretty' || wanted === 'json') return wanted;
  return stream.isTTY ? 'pretty' : 'json';
}

/** Colours only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function wantsColor(stream: OutputStream, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR;
}

/** pino's options in one place, so redaction paths and serializers apply to every format. */
export function loggerOptions(level: string): LoggerOptions {
  return { name: 'wirewatch', level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime, ...logRedaction() };
}

export interface CreateLoggerOptions {
  level?: string;
  /** Default process.stdout. */
  destination?: OutputStream;
  /** Default: outputFormat(destination, env). */
  format?: OutputFormat;
  /** Where LOG_LEVEL, LOG_FORMAT and NO_COLOR are read; default process.env. */
  env?: NodeJS.ProcessEnv;
}

export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const env = options.env ?? process.env;
  const level = options.level ?? env.LOG_LEVEL ?? 'info';
  const out = options.destination ?? process.stdout;
  const format = options.format ?? outputFormat(out, env);
  const destination = format === 'pretty' ? new PrettyDestination(out, { color: wantsColor(out, env) }) : out;
  return pino(loggerOptions(level), destination as pino.DestinationStream);
}

/** A logger that writes nothing, for library callers and tests that don't want output. */
export const silentLogger: Logger = pino({ level: 'silent' });
