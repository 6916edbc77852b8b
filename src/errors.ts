/**
 * Every error wirewatch raises on purpose is a WirewatchError: its message starts with the
 * stage that failed (`fetch: response over 10 MB limit`) and `permanent` tells a worker
 * whether a retry could help (permanent errors become BullMQ UnrecoverableError). Messages
 * quote URLs, which may carry credentials: they are redacted once, here, when made.
 */
import { redactSecrets } from './redact.js';

/** Longest message kept: errors quote their input (a URL, a selector, a query), which can be megabytes. */
export const MAX_MESSAGE_CHARS = 1_000;

function bounded(message: string): string {
  if (message.length <= MAX_MESSAGE_CHARS) return message;
  return `${message.slice(0, MAX_MESSAGE_CHARS)}… (${message.length - MAX_MESSAGE_CHARS} more characters)`;
}

export class WirewatchError extends Error {
  readonly stage: string;
  readonly permanent: boolean;

  constructor(stage: string, message: string, options: { permanent?: boolean; cause?: unknown; unbounded?: boolean } = {}) {
    const text = redactSecrets(message);
    super(`${stage}: ${options.unbounded ? text : bounded(text)}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.stage = stage;
    this.permanent = options.permanent ?? false;
  }
}

/** One problem found in a config file, located at file:line:col. */
export interface ConfigProblem {
  file: string;
  line: number;
  col: number;
  message: string;
}

/** The config could not be loaded: carries every problem found, not just the first. */
export class ConfigError extends WirewatchError {
  readonly problems: ConfigProblem[];

  constructor(problems: ConfigProblem[]) {
    // One line a problem, each quoting the user's own file: all of them are kept.
    super('config', problems.map(formatProblem).join('\n'), { permanent: true, unbounded: true });
    this.problems = problems;
  }
}

export function formatProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.message}`;
}

/** Bad input given on the command line (a missing argument, an unknown flag). */
export class UsageError extends WirewatchError {
  constructor(message: string) {
    super('usage', message, { permanent: true });
  }
}

/** Redis could not be reached or started. */
export class RedisUnavailableError extends WirewatchError {
  constructor(message: string) {
    super('redis', message, { permanent: true });
  }
}

/** A short, single-line description of any thrown value, for logs and CLI output; secrets masked. */
export function describeError(err: unknown): string {
  if (err instanceof WirewatchError) return redactSecrets(err.message);
  if (err instanceof Error) return redactSecrets(err.message || err.name);
  return redactSecrets(String(err));
}

/** The archive (PostgreSQL) could not be reached, or refused what was asked of it. Transient: jobs wait and retry. */
export class ArchiveUnavailableError extends WirewatchError {
  constructor(message: string, cause?: unknown) {
    super('archive', message, { cause });
  }
}
