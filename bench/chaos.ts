/**
 * The chaos run at full size, again and again, with and without faults (the suite runs a
 * smaller one once: test/e2e/chaos.test.ts). Each run: 1 scheduler and 3 `wirewatch worker`
 * processes on a Redis of their own with AOF, 20 local feeds of 50 items (about 30% flagged),
 * a webhook answering 500 to 20% and stalling 15% for 3 s, a file channel, two `digest send`
 * at once twice; with faults, workers SIGKILLed every 3-6 s, Redis SIGKILLed and restarted on
 * its AOF, the scheduler killed. Prints per run: processed, lost, duplicated and unflagged per
 * channel, kills, settle time, exit codes. Exits 1 if any run lost, duplicated, let through
 * an unflagged item, did not settle, or had a process exit non-zero on SIGTERM.
 *   node --import tsx bench/chaos.ts [--runs 3] [--faults both|on|off] [--feeds 20] [--items 50] [--seed N] [--fault-ms 60000]
 */
import { parseArgs } from 'node:util';
import { cleanUp, runChaos, type ChaosReport } from '../test/e2e/chaos/harness.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    faults: { type: 'string', default: 'both' },
    feeds: { type: 'string', default: '20' },
    items: { type: 'string', default: '50' },
    seed: { type: 'string' },
    'fault-ms': { type: 'string', default: '60000' },
    'settle-ms': { type: 'string', default: '180000' },
  },
});
const runs = Number(values.runs);
const modes = values.faults === 'both' ? [true, false] : [values.faults !== 'off'];
const firstSeed = values.seed ? Number(values.seed) : Date.now() % 1_000_000;

function problems(r: ChaosReport): string[] {
  const out: string[] = [];
  if (r.unsettled) out.push(`unsettled: ${r.unsettled}`);
  if (r.processed !== r.items) out.push(`processed ${r.processed} of ${r.items}`);
  for (const [name, ch] of [['file', r.file], ['webhook', r.webhook]] as const) {
    if (ch.lost || ch.duplicated || ch.unflagged) out.push(`${name}: lost ${ch.lost}, duplicated ${ch.duplicated}, unflagged ${ch.unflagged} (${ch.examples.join(', ')})`);
  }
  if (r.webhook.inconsistentIds) out.push(`${r.webhook.inconsistentIds} delivery ids carried two different sets of items`);
  for (const [name, code] of Object.entries(r.exitCodes)) if (code !== 0) out.push(`${name} exited ${code} on SIGTERM`);
  return out;
}

let failed = 0;
let n = 0;
console.log('run  seed    faults  items  flagged  processed  file lost/dup/unfl  webhook lost/dup/unfl  ids  repeats  kills w/r/s  settle s  total s  result');
for (let i = 0; i < runs; i++) {
  for (const faults of modes) {
    const seed = firstSeed + n++;
    const report = await runChaos({
      feeds: Number(values.feeds), itemsPerFeed: Number(values.items), seed, faults,
      faultMs: Number(values['fault-ms']), settleMs: Number(values['settle-ms']),
    });
    const bad = problems(report);
    const f = report.file;
    const w = report.webhook;
    const k = report.faults;
    console.log([
      String(n).padStart(3), String(seed).padEnd(7), (faults ? 'on' : 'off').padEnd(6), String(report.items).padStart(5), String(report.flagged).padStart(8),
      String(report.processed).padStart(10), `${f.lost}/${f.duplicated}/${f.unflagged}`.padStart(19), `${w.lost}/${w.duplicated}/${w.unflagged}`.padStart(22),
      String(w.deliveryIds).padStart(4), String(w.repeatedRequests).padStart(8), `${k.workerKills}/${k.redisKills}/${k.schedulerKills}`.padStart(12),
      (report.settledMs === null ? '-' : (report.settledMs / 1000).toFixed(1)).padStart(9), (report.totalMs / 1000).toFixed(0).padStart(8),
      bad.length ? `FAIL (logs in ${report.workDir})` : 'ok',
    ].join('  '));
    for (const b of bad) console.log(`       ${b}`);
    if (bad.length) failed++;
    else cleanUp(report);
  }
}
console.log(`\n${n - failed} of ${n} runs held every guarantee`);
process.exit(failed ? 1 : 0);
