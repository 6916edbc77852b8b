/**
 * This process's hold on one digest run: the lease, taken only when free, renewed every
 * third of its life while the run is worked, and given back at the end. When a renewal finds
 * the lease gone (this process stalled, or Redis lost it), `signal` aborts the delivery in
 * flight and nothing more is recorded for the run: another process may have taken it over.
 */
import { LeaseLostError, ownerToken } from '../store/run-lease.js';
import type { RunOwner } from '../store/digest-store.js';
import type { Store } from '../store/store.js';

/**
 * How long a run stays held after its owner's last renewal. A run whose owner died is free
 * this long after, and resumed by another process within the sweeper's round after that.
 */
export const LEASE_MS = 15_000;

export class RunOwnership implements RunOwner {
  readonly token = ownerToken();
  private readonly lost = new AbortController();
  private timer?: NodeJS.Timeout;
  /** Aborts when the lease is lost or `outer` (a shutdown, Ctrl-C) aborts. */
  readonly signal: AbortSignal;

  private constructor(private readonly store: Store, readonly runId: string, outer?: AbortSignal) {
    this.signal = outer ? AbortSignal.any([outer, this.lost.signal]) : this.lost.signal;
  }

  /** Takes the run when nobody holds it; undefined when another process does. */
  static async take(store: Store, runId: string, outer?: AbortSignal, leaseMs = LEASE_MS): Promise<RunOwnership | undefined> {
    const owner = new RunOwnership(store, runId, outer);
    if (!(await store.digests.leases.take(runId, owner.token, leaseMs))) return undefined;
    owner.timer = setInterval(() => owner.renew(leaseMs), leaseMs / 3);
    owner.timer.unref();
    return owner;
  }

  get isLost(): boolean {
    return this.lost.signal.aborted;
  }

  /** Throws LeaseLostError unless the lease is still this process's (checked in Redis). */
  async check(): Promise<void> {
    if (this.isLost || !(await this.store.digests.leases.holds(this.runId, this.token))) this.markLost();
    if (this.isLost) throw new LeaseLostError(this.runId);
  }

  /** Gives the run back (only if still held by this process). */
  async release(): Promise<void> {
    clearInterval(this.timer);
    if (!this.isLost) await this.store.digests.leases.drop(this.runId, this.token).catch(() => undefined);
  }

  private renew(leaseMs: number): void {
    // A renewal that fails on a Redis error proves nothing; the guarded writes will tell.
    this.store.digests.leases.renew(this.runId, this.token, leaseMs).then((held) => { if (!held) this.markLost(); }, () => undefined);
  }

  private markLost(): void {
    clearInterval(this.timer);
    if (!this.isLost) this.lost.abort(new LeaseLostError(this.runId));
  }
}
