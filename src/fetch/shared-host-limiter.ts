/**
 * Per-host politeness for a whole deployment: the in-process HostLimiter first (at most
 * `concurrency` of this process's requests to a host even ask), then a slot and the gap taken
 * from a gate every process shares (Redis, through the store). A slot is leased, not owned:
 * if its holder dies, it frees itself when the lease lapses.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { HostLimiter, type HeldBackSetting, type HostLimiterOptions, type HostLimits, type Turn } from './host-limiter.js';

/** What the shared gate answers (the store's HostSlots). */
export interface SlotGate {
  tryAcquire(host: string, token: string, limits: HostLimits, leaseMs: number): Promise<{ ok: boolean; waitMs: number; reason?: 'concurrency' | 'gap' }>;
  release(host: string, token: string): Promise<void>;
}

export interface SharedHostLimiterOptions extends HostLimiterOptions {
  /** How long a slot is held at most if its holder never gives it back: the request time limit and a margin. */
  leaseMs: number;
  /** Longest pause between two asks while another process holds the slots. Default 100 ms. */
  pollMs?: number;
}

export class SharedHostLimiter extends HostLimiter {
  private readonly shared: HostLimits;

  constructor(limits: HostLimits, private readonly gate: SlotGate, private readonly sharedOptions: SharedHostLimiterOptions) {
    // In process, only the concurrency: the gap is kept once, in the shared gate.
    super({ concurrency: limits.concurrency, gapMs: 0 }, sharedOptions);
    this.shared = limits;
  }

  protected override async admit(host: string, signal?: AbortSignal): Promise<Turn> {
    const local = await super.admit(host, signal);
    const token = randomBytes(8).toString('hex');
    let heldBy: HeldBackSetting | undefined = local.heldBy;
    try {
      for (;;) {
        signal?.throwIfAborted();
        const answer = await this.gate.tryAcquire(host, token, this.shared, this.sharedOptions.leaseMs);
        if (answer.ok) break;
        heldBy = answer.reason === 'gap' ? 'perHostGap' : 'perHostConcurrency';
        // A gap is waited out exactly; a full host is asked again soon, a little apart, as slots free at any time.
        const pause = answer.reason === 'gap' ? answer.waitMs : Math.min(answer.waitMs, (this.sharedOptions.pollMs ?? 100) * (0.5 + Math.random()));
        await sleep(Math.max(1, pause), undefined, { signal });
      }
    } catch (err) {
      local.release();
      throw err;
    }
    const release = () => {
      local.release();
      this.gate.release(host, token).catch(() => undefined); // a lost release lapses with its lease
    };
    return { release, heldBy };
  }

  protected override gapFor(): number {
    return this.shared.gapMs;
  }
}
