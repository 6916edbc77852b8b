/** Long-running commands (start, worker, scheduler, dashboard) run until SIGINT or SIGTERM. */
export function waitForSignal(): Promise<void> {
  const stop = stopSignal();
  return stopped(stop.signal).finally(stop.dispose);
}

/**
 * A signal that aborts on the first SIGINT or SIGTERM from now on, so a command can be stopped
 * while it is still starting (waiting for Redis) as well as once it runs.
 */
export function stopSignal(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const done = () => {
    dispose();
    controller.abort();
  };
  const dispose = () => {
    process.off('SIGINT', done);
    process.off('SIGTERM', done);
  };
  process.once('SIGINT', done);
  process.once('SIGTERM', done);
  return { signal: controller.signal, dispose };
}

/** Resolves when the signal aborts (at once if it has). */
export function stopped(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
