/**
 * Measures how a stage's time grows with its input. Each size is run several times and the
 * least CPU time is kept: CPU time barely moves when other processes load the machine, and
 * the minimum drops the runs a garbage collection or a scheduler hiccup happened to hit.
 * A linear stage doubles per doubling of its input; a quadratic one quadruples.
 */
import assert from 'node:assert/strict';

export interface GrowthCase<T> {
  /** Input sizes, each twice the one before, the last one the cap. */
  sizes: number[];
  build: (size: number) => T;
  run: (input: T) => unknown;
  /** Runs per size; the least CPU time counts. Default 3. */
  runs?: number;
  /** Largest allowed growth per doubling, as the geometric mean of the judged steps. Default 2.5. */
  maxRatio?: number;
  /** Largest allowed single step: one step may be noisy, not two. Default 3. */
  maxStep?: number;
  /** CPU milliseconds allowed at the largest size. */
  budgetMs: number;
  /** Ratios are judged only when the smaller time is at least this (below it timer noise rules). Default 8 ms. */
  floorMs?: number;
}

export interface Growth {
  sizes: number[];
  ms: number[];
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function timeOnce<T>(run: (input: T) => unknown, input: T): Promise<number> {
  const start = cpuMs();
  await run(input);
  return cpuMs() - start;
}

async function fastest<T>(run: (input: T) => unknown, input: T, runs: number): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) best = Math.min(best, await timeOnce(run, input));
  return best;
}

/** Times every size; a ratio over the limit is measured again before it counts. */
export async function measureGrowth<T>(c: GrowthCase<T>): Promise<Growth> {
  const runs = c.runs ?? 3;
  const ms: number[] = [];
  const inputs = new Map<number, T>();
  const input = (size: number) => {
    if (!inputs.has(size)) inputs.set(size, c.build(size));
    return inputs.get(size)!;
  };
  // One warm-up run: the first call pays for JIT compilation, not for the input.
  await timeOnce(c.run, input(c.sizes[0]!));
  for (const size of c.sizes) {
    ms.push(await fastest(c.run, input(size), runs));
    const i = ms.length - 1;
    // Over the limit: both sizes measured again, up to three more rounds, before it counts.
    // A loaded machine (caches shared with other processes) can push one step of a linear
    // stage past 3x once or twice; a quadratic stage stays near 4x however often it is timed.
    for (let round = 0; round < 3 && i > 0 && ms[i - 1]! >= (c.floorMs ?? 8) && ms[i]! / ms[i - 1]! > (c.maxRatio ?? 2.5); round++) {
      ms[i - 1] = Math.min(ms[i - 1]!, await fastest(c.run, input(c.sizes[i - 1]!), runs));
      ms[i] = Math.min(ms[i]!, await fastest(c.run, input(size), runs));
    }
    inputs.delete(c.sizes[i - 1]!);
  }
  return { sizes: c.sizes, ms };
}

export function describeGrowth(g: Growth): string {
  return g.sizes.map((s, i) => `${formatSize(s)}: ${g.ms[i]!.toFixed(1)} ms`).join(', ');
}

export function formatSize(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} M`;
  if (n >= 1024) return `${(n / 1024).toFixed(n % 1024 === 0 ? 0 : 1)} K`;
  return String(n);
}

/**
 * Measures and asserts: time grows about `maxRatio` per doubling at most (the geometric mean
 * of the steps whose smaller time is over the floor, and no single step over `maxStep`), and
 * stays within the budget at the cap. A quadratic stage grows 4x a step and fails both.
 */
export async function assertLinear<T>(name: string, c: GrowthCase<T>): Promise<Growth> {
  const g = await measureGrowth(c);
  const floor = c.floorMs ?? 8;
  const maxRatio = c.maxRatio ?? 2.5;
  const maxStep = c.maxStep ?? 3;
  const ratios: number[] = [];
  for (let i = 1; i < g.ms.length; i++) {
    if (g.ms[i - 1]! < floor) continue;
    const ratio = g.ms[i]! / g.ms[i - 1]!;
    ratios.push(ratio);
    assert.ok(ratio <= maxStep, `${name}: time grew ${ratio.toFixed(2)}x from ${formatSize(g.sizes[i - 1]!)} to ${formatSize(g.sizes[i]!)} (limit ${maxStep}x a step): ${describeGrowth(g)}`);
  }
  if (ratios.length > 0) {
    const mean = Math.exp(ratios.reduce((a, r) => a + Math.log(r), 0) / ratios.length);
    assert.ok(mean <= maxRatio, `${name}: time grew ${mean.toFixed(2)}x per doubling (limit ${maxRatio}x): ${describeGrowth(g)}`);
  }
  const atCap = g.ms[g.ms.length - 1]!;
  assert.ok(atCap <= c.budgetMs, `${name}: ${atCap.toFixed(0)} ms CPU at ${formatSize(g.sizes[g.sizes.length - 1]!)}, over the ${c.budgetMs} ms budget: ${describeGrowth(g)}`);
  return g;
}

/** Sizes doubling up to `cap`, `count` of them. */
export function doublingTo(cap: number, count: number): number[] {
  const out: number[] = [];
  for (let i = count - 1; i >= 0; i--) out.push(Math.floor(cap / 2 ** i));
  return out;
}

/** `unit` repeated to about `size` characters. */
export function repeatTo(unit: string, size: number, head = '', tail = ''): string {
  const count = Math.max(1, Math.floor((size - head.length - tail.length) / unit.length));
  return head + unit.repeat(count) + tail;
}
