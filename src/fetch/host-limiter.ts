/**
 * Per-host politeness: at most `concurrency` requests at once to a host and at least `gapMs`
 * between the starts of two requests to it. This class holds the counts inside one process;
 * SharedHostLimiter (shared-host-limiter.ts) puts this in front of counts kept in Redis, so
 * that every worker of a deployment shares them. When the limit has held a request back for
 * long, `onHeldBack` hears it (at most once a minute per host), naming the setting to blame.
 */

interface Waiter {
  /** Starts the request; `heldBy` is what it was waiting for, if it waited. */
  start: (heldBy?: HeldBackSetting) => void;
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

export type HeldBackSetting = 'perHostGap' | 'perHostConcurrency';

/** A request waited long for its turn at a host. */
export interface HeldBack {
  host: string;
  /** How long the request waited. */
  waitedMs: number;
  /** Requests waiting for the host in this process when it got its turn. */
  waiting: number;
  /** The setting that held it back, and its value. */
  setting: HeldBackSetting;
  value: number;
}

export interface HostLimiterOptions {
  /** Told when a request waited `heldBackMs` or more (once a minute per host at most). */
  onHeldBack?: (info: HeldBack) => void;
  /** Default 10 s. */
  heldBackMs?: number;
}

/** A request's turn at a host: `release` when the request is done; `heldBy` what it waited for, if anything. */
export interface Turn {
  release: () => void;
  heldBy?: HeldBackSetting;
}

const WARN_EVERY_MS = 60_000;

export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();
  private readonly warned = new Map<string, number>();

  constructor(readonly limits: HostLimits, protected readonly options: HostLimiterOptions = {}) {}

  /** Runs `task` when the host has a free slot and its gap has passed. */
  async run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const key = host.toLowerCase();
    const asked = Date.now();
    const turn = await this.admit(key, signal);
    this.noteWait(key, Date.now() - asked, turn.heldBy);
    try {
      return await task();
    } finally {
      turn.release();
    }
  }

  /** Requests running and waiting for a host, for tests and metrics. */
  load(host: string): { active: number; waiting: number } {
    const s = this.hosts.get(host.toLowerCase());
    return { active: s?.active ?? 0, waiting: s?.queue.length ?? 0 };
  }

  /** Waits for the host's turn in this process. Subclasses add their own gate after it. */
  protected async admit(host: string, signal?: AbortSignal): Promise<Turn> {
    const heldBy = await this.acquire(host, signal);
    return { release: () => this.release(host), heldBy };
  }

  private noteWait(host: string, waitedMs: number, heldBy: HeldBackSetting | undefined): void {
    const threshold = this.options.heldBackMs ?? 10_000;
    if (!this.options.onHeldBack || waitedMs < threshold) return;
    const now = Date.now();
    if (now - (this.warned.get(host) ?? -Infinity) < WARN_EVERY_MS) return;
    this.warned.set(host, now);
    if (this.warned.size > 1_000) this.warned.clear();
    const setting = heldBy ?? 'perHostGap';
    const value = setting === 'perHostGap' ? this.gapFor() : this.limits.concurrency;
    this.options.onHeldBack({ host, waitedMs, waiting: this.load(host).waiting, setting, value });
  }

  /** The gap the warning quotes (the shared limiter keeps its gap in Redis, not here). */
  protected gapFor(): number {
    return this.limits.gapMs;
  }

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (s === undefined) {
      s = { active: 0, lastStart: -Infinity, queue: [] };
      this.hosts.set(host, s);
    }
    return s;
  }

  private acquire(host: string, signal?: AbortSignal): Promise<HeldBackSetting | undefined> {
    signal?.throwIfAborted();
    return new Promise((resolve, reject) => {
      const s = this.state(host);
      const onAbort = (): void => {
        s.queue = s.queue.filter((w) => w !== waiter);
        reject(signal!.reason);
      };
      const waiter: Waiter = {
        start: (heldBy) => { signal?.removeEventListener('abort', onAbort); resolve(heldBy); },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      s.queue.push(waiter);
      this.pump(host);
    });
  }

  /** Starts waiting requests while slots and the gap allow; `trigger` is what the next one was waiting for. */
  private pump(host: string, trigger?: HeldBackSetting): void {
    const s = this.hosts.get(host);
    if (s === undefined) return;
    while (s.queue.length > 0 && s.active < this.limits.concurrency) {
      const wait = s.lastStart + this.limits.gapMs - Date.now();
      if (wait > 0) {
        s.timer ??= setTimeout(() => { s.timer = undefined; this.pump(host, 'perHostGap'); }, wait);
        return;
      }
      s.active += 1;
      s.lastStart = Date.now();
      s.queue.shift()!.start(trigger);
      trigger = undefined;
    }
    this.prune();
  }

  private release(host: string): void {
    const s = this.hosts.get(host);
    if (s === undefined) return;
    s.active -= 1;
    this.pump(host, 'perHostConcurrency');
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
