/**
 * A Redis outage, told once: a warning when the connection is lost and one line with its
 * length when it is back, instead of an error line for every reconnect attempt of every
 * connection (the pipeline's, and each BullMQ worker's own). Jobs meanwhile wait: commands
 * queue until Redis answers again.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';

/** Errors that mean "Redis cannot be reached right now", not a bug or a bad command. */
const CONNECTION_TROUBLE = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|Connection is closed|Socket closed|Stream isn't writeable|connect ETIMEDOUT|sentinels are unreachable|LOADING|READONLY|MASTERDOWN|failover/i;

export function isConnectionTrouble(err: unknown): boolean {
  return CONNECTION_TROUBLE.test(err instanceof Error ? `${err.message} ${(err as { code?: string }).code ?? ''}` : String(err));
}

export class RedisOutages {
  private since?: number;
  private errors = 0;
  private closing = false;

  /** Watches `main`, the connection whose state says whether Redis is there. */
  constructor(private readonly main: Redis, private readonly log: Logger, private readonly where: string) {
    main.on('error', (err: Error) => { this.noteError(err); });
    main.on('close', () => this.begin('connection closed'));
    main.on('ready', () => this.end());
  }

  /** The connection is being closed on purpose: its closing is no outage. */
  close(): void {
    this.closing = true;
  }

  /** True while an outage is on. */
  get down(): boolean {
    return this.since !== undefined;
  }

  /**
   * Takes any error from a connection, queue or worker. Returns true when it was connection
   * trouble (counted into the outage, not to be logged on its own).
   */
  noteError(err: unknown): boolean {
    if (!isConnectionTrouble(err)) return false;
    if (this.closing) return true;
    this.errors += 1;
    // Other connections catch up a moment after the main one is back: that is not a new outage.
    if (this.main.status !== 'ready') this.begin(err instanceof Error ? err.message : String(err));
    return true;
  }

  private begin(cause: string): void {
    if (this.closing || this.since !== undefined || this.main.status === 'ready') return;
    this.since = Date.now();
    this.errors = 0;
    this.log.warn({ redis: this.where, cause }, `redis: connection to ${this.where} lost (${cause}); jobs wait and retry until it is back`);
  }

  private end(): void {
    if (this.since === undefined) return;
    const seconds = Math.round((Date.now() - this.since) / 100) / 10;
    this.since = undefined;
    this.log.warn({ redis: this.where, outageSeconds: seconds, errors: this.errors }, `redis: connection to ${this.where} back after ${seconds} s`);
  }
}
