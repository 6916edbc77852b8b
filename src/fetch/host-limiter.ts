/**
 * Per-host politeness inside one process: at most `concurrency` requests at once to a host
 * and at least `gapMs` between the starts of two requests to it. BullMQ's open-source
 * limiter is per queue, not per host, so this is ours; share one instance across a worker
 * process so that all its jobs see the same counts.
 */

interface Waiter {
  start: () => void;
}

interface HostState {
  active: number;
  lastStart: number;
  queue: Waiter[];
  timer?: NodeJS.Timeout;
}

/** Limits for one HostLimiter. */
export interface HostLimits {
  /** Requests at once to one host. */
  concurrency: number;
  /** Minimum milliseconds between the starts of two requests to one host. */
  gapMs: number;
}

export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();

  constructor(readonly limits: HostLimits) {}

  /** Runs `task` when the host has a free slot and its gap has passed. */
  async run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(host.toLowerCase(), signal);
    try {
      return await task();
    } finally {
      this.release(host.toLowerCase());
    }
  }

  /** Requests running and waiting for a host, for tests and metrics. */
  load(host: string): { active: number; waiting: number } {
    const s = this.hosts.get(host.toLowerCase());
    return { active: s?.active ?? 0, waiting: s?.queue.length ?? 0 };
  }

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (s === undefined) {
      s = { active: 0, lastStart: -Infinity, queue: [] };
      this.hosts.set(host, s);
    }
    return s;
  }

  private acquire(host: string, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    return new Promise((resolve, reject) => {
      const s = this.state(host);
      const onAbort = (): void => {
        s.queue = s.queue.filter((w) => w !== waiter);
        reject(signal!.reason);
      };
      const waiter: Waiter = {
        start: () => { signal?.removeEventListener('abort', onAbort); resolve(); },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      s.queue.push(waiter);
      this.pump(host);
    });
  }

  private pump(host: string): void {
    const s = this.hosts.get(host);
    if (s === undefined) return;
    while (s.queue.length > 0 && s.active < this.limits.concurrency) {
      const wait = s.lastStart + this.limits.gapMs - Date.now();
      if (wait > 0) {
        s.timer ??= setTimeout(() => { s.timer = undefined; this.pump(host); }, wait);
        return;
      }
      s.active += 1;
      s.lastStart = Date.now();
      s.queue.shift()!.start();
    }
    this.prune();
  }

  private release(host: string): void {
    const s = this.hosts.get(host);
    if (s === undefined) return;
    s.active -= 1;
    this.pump(host);
  }

  /** Forgets idle hosts whose gap has passed, so the map does not grow with every host seen. */
  private prune(): void {
    if (this.hosts.size < 1_000) return;
    const now = Date.now();
    for (const [host, s] of this.hosts) {
      if (s.active === 0 && s.queue.length === 0 && s.timer === undefined && now - s.lastStart >= this.limits.gapMs) this.hosts.delete(host);
    }
  }
}

const shared = new Map<string, HostLimiter>();

/** One process-wide limiter per distinct limits, for callers that do not pass their own. */
export function sharedHostLimiter(limits: HostLimits): HostLimiter {
  const key = `${limits.concurrency}/${limits.gapMs}`;
  let limiter = shared.get(key);
  if (limiter === undefined) {
    limiter = new HostLimiter(limits);
    shared.set(key, limiter);
  }
  return limiter;
}
