/**
 * Time growth of a stage on inputs doubling in size: hostile inputs must not make any stage
 * worse than linear. Times are CPU time of this process (the machine is shared: wall time would
 * measure the neighbours), the best of a few runs per size.
 */
import assert from 'node:assert/strict';

/** Doubling from `from` up to `to` characters. */
export function doublings(from: number, to: number): number[] {
  const sizes: number[] = [];
  for (let n = from; n <= to; n *= 2) sizes.push(n);
  return sizes;
}

function cpuMs(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Below this, timer granularity and GC pauses dominate: a ratio would measure noise. */
const FLOOR_MS = 20;

/** No single doubling may cost more than this: a quadratic stage costs 4x per doubling. */
const STEP_LIMIT = 3.5;

/**
 * Runs `run(input)` on `make(n)` for each size (best of `runs`) and asserts that the time grows
 * at most `ratio` times per doubling on average over the sizes (garbage collection makes single
 * steps noisy), no single doubling more than 3.5 times, and stays within `budgetMs` at the
 * largest size.
 */
export function assertLinear(name: string, sizes: number[], make: (n: number) => string, run: (input: string) => void, opts: { budgetMs: number; ratio?: number; runs?: number }): number[] {
  const ratio = opts.ratio ?? 2.5;
  // Warm up on the largest input: compiled code and a grown heap for every size alike.
  run(make(sizes[sizes.length - 1]!));
  const times = sizes.map((n) => {
    const input = make(n);
    let best = Infinity;
    for (let r = 0; r < (opts.runs ?? 5); r++) best = Math.min(best, cpuMs(() => run(input)));
    return best;
  });
  const report = sizes.map((n, i) => `${n}: ${times[i]!.toFixed(1)} ms`).join(', ');
  for (let i = 1; i < times.length; i++) {
    assert.ok(times[i]! <= STEP_LIMIT * Math.max(times[i - 1]!, FLOOR_MS), `${name}: grew more than ${STEP_LIMIT}x from ${sizes[i - 1]} to ${sizes[i]} characters (${report})`);
  }
  const perDoubling = (times[times.length - 1]! / Math.max(times[0]!, FLOOR_MS)) ** (1 / (times.length - 1));
  assert.ok(perDoubling <= ratio, `${name}: grew ${perDoubling.toFixed(2)}x per doubling on average, more than ${ratio}x (${report})`);
  assert.ok(times[times.length - 1]! <= opts.budgetMs, `${name}: over its ${opts.budgetMs} ms budget (${report})`);
  return times;
}
