/**
 * The chaos run in the suite (see chaos/harness.ts; bench/chaos.ts runs it bigger and again
 * and again, with and without faults): real processes, real kills, and every flagged item
 * reaches each channel exactly once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanUp, runChaos } from './chaos/harness.js';

const seed = Number(process.env.WW_CHAOS_SEED ?? Date.now() % 100_000);

test(`chaos: 1 scheduler, 3 workers, SIGKILLs of workers, Redis and the scheduler, concurrent digest sends: every flagged item once per channel (seed ${seed})`, { timeout: 300_000 }, async () => {
  const report = await runChaos({ feeds: 8, itemsPerFeed: 40, seed, faults: true, faultMs: 40_000, settleMs: 120_000 });
  const summary = {
    items: report.items, processed: report.processed, flagged: report.flagged,
    file: report.file, webhook: report.webhook, faults: report.faults, exitCodes: report.exitCodes, sends: report.sendExitCodes,
    settledMs: report.settledMs, totalMs: report.totalMs, unsettled: report.unsettled, logs: report.workDir,
  };
  console.log(`# chaos report: ${JSON.stringify(summary)}`);
  assert.equal(report.unsettled, undefined, `did not settle: ${report.unsettled} (logs in ${report.workDir})`);
  assert.equal(report.processed, report.items, 'every item processed');
  for (const [name, ch] of [['file', report.file], ['webhook', report.webhook]] as const) {
    assert.deepEqual({ lost: ch.lost, duplicated: ch.duplicated, unflagged: ch.unflagged }, { lost: 0, duplicated: 0, unflagged: 0 }, `${name}: ${ch.examples.join(', ')} (logs in ${report.workDir})`);
    assert.equal(ch.delivered, report.flagged);
  }
  assert.equal(report.webhook.inconsistentIds, 0, 'one delivery id never carried two different sets of items');
  for (const [name, code] of Object.entries(report.exitCodes)) assert.equal(code, 0, `${name} exits 0 on SIGTERM (logs in ${report.workDir})`);
  assert.ok(report.faults.workerKills >= 5 && report.faults.redisKills === 1 && report.faults.schedulerKills === 1);
  if (process.env.WW_CHAOS_KEEP !== "1") cleanUp(report);
});
