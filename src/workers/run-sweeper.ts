/**
 * Finds digest runs whose owner died (or gave them up for later) and queues a job that resumes
 * each under its own run id. Every process that works send-digest runs one; one of them a
 * round does the looking. The queue's deduplication keeps one resume job a run at a time.
 */
import { QUEUES, type SendDigestPayload } from '../jobs/definitions.js';
import type { WorkerContext } from './context.js';

/** How often to look. With the 15 s lease, a dead owner's run is resumed within about 20 s. */
export const SWEEP_INTERVAL_MS = 5_000;

export interface RunSweeper {
  /** One round now (tests call it); resolves with the runs it queued. */
  sweep(): Promise<string[]>;
  stop(): void;
}

export function startRunSweeper(ctx: WorkerContext, intervalMs = SWEEP_INTERVAL_MS): RunSweeper {
  const announced = new Set<string>();
  const sweep = async (): Promise<string[]> => {
    if (!(await ctx.store.digests.takeSweepTurn(Math.max(500, intervalMs - 500)))) return [];
    const queued: string[] = [];
    for (const { runId, digest } of await ctx.store.digests.abandonedRuns()) {
      const data: SendDigestPayload = { digest, runId, resume: true };
      await ctx.queues[QUEUES.sendDigest].add(QUEUES.sendDigest, data, {
        attempts: 1, deduplication: { id: `resume-${runId}` }, removeOnComplete: { count: 200 }, removeOnFail: { count: 200 },
      });
      if (!announced.has(runId)) ctx.log.info({ digest, runId }, 'digest run left unfinished by its owner; resuming it under its own id');
      announced.add(runId);
      queued.push(runId);
    }
    if (announced.size > 1_000) announced.clear();
    return queued;
  };
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    // A Redis outage is reported once by the connection's own watcher; a round just waits for the next.
    sweep().catch(() => undefined).finally(() => { running = false; });
  }, intervalMs);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
