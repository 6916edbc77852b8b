/**
 * Who owns a digest run. A lease is taken only when free (SET NX with the owner's token),
 * lapses on its own when the owner dies, and is renewed while the owner works. Every write
 * the owner makes for the run is checked against the token in Redis (see digest-scripts.ts).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { WirewatchError } from '../errors.js';
import { DROP_LEASE, RENEW_LEASE } from './digest-scripts.js';
import type { Keys } from './keys.js';

/** The run's lease is no longer this process's: another process may be working the run. */
export class LeaseLostError extends WirewatchError {
  constructor(runId: string) {
    super('digest', `run ${runId}: lease lost; another process may be delivering it`);
  }
}

/** A token naming this process, readable in Redis when an operator looks: host:pid:random. */
export function ownerToken(): string {
  return `${hostname()}:${process.pid}:${randomBytes(6).toString('hex')}`;
}

export class RunLeases {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** Takes the run's lease for `ms` when nobody holds it; false when another owner does. */
  async take(runId: string, token: string, ms: number): Promise<boolean> {
    return (await this.redis.set(this.keys.runLease(runId), token, 'PX', ms, 'NX')) === 'OK';
  }

  /** Extends the lease; false when it is no longer this owner's. */
  async renew(runId: string, token: string, ms: number): Promise<boolean> {
    return (await this.redis.eval(RENEW_LEASE, 1, this.keys.runLease(runId), token, String(ms))) === 1;
  }

  async holds(runId: string, token: string): Promise<boolean> {
    return (await this.redis.get(this.keys.runLease(runId))) === token;
  }

  async drop(runId: string, token: string): Promise<void> {
    await this.redis.eval(DROP_LEASE, 1, this.keys.runLease(runId), token);
  }

  /** The current owner's token, for messages and tests. */
  async owner(runId: string): Promise<string | null> {
    return this.redis.get(this.keys.runLease(runId));
  }
}
