/**
 * Extraction benchmark: wirewatch's extractor against Mozilla Readability 0.6.0 on linkedom,
 * in the same run, over ../shared/bench/extraction/pages. Each extractor runs in its own
 * child process so that peak memory (max RSS) is its own; both write `<id>.txt` into
 * bench/out/extract/<name>/, and the benchmark's scorer grades both directories.
 *
 * Timing is per page, parse plus extraction with the HTML in memory, the best of --passes
 * runs (default 3) so that other work on a shared machine does not pass for extractor cost.
 *
 *   node --import tsx bench/extract.ts [--only wirewatch|readability] [--passes N]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = resolve(REPO, '../shared/bench/extraction/pages');
const SCORER = resolve(REPO, '../shared/tools/extraction-score.mjs');
const OUT = join(REPO, 'bench/out/extract');
const NAMES = ['wirewatch', 'readability'] as const;
type Name = (typeof NAMES)[number];

interface RunReport {
  name: Name;
  times: number[];
  /** CPU time (user + system) a page, best of the passes: less sensitive to a busy machine. */
  cpu: number[];
  maxRssMb: number;
  baseRssMb: number;
  peakHeapMb: number;
}

type Extractor = (html: string) => string;

async function loadExtractor(name: Name): Promise<Extractor> {
  if (name === 'wirewatch') {
    const { extractArticle } = await import('../src/extract/extract-article.js');
    return (html) => extractArticle(html).text;
  }
  const { Readability } = await import('@mozilla/readability');
  const { parseHTML } = await import('linkedom');
  return (html) => {
    const { document } = parseHTML(html);
    return new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse()?.textContent ?? '';
  };
}

function loadPages(): { id: string; html: string }[] {
  return readdirSync(DATA)
    .filter((id) => existsSync(join(DATA, id, 'page.html')))
    .sort()
    .map((id) => ({ id, html: readFileSync(join(DATA, id, 'page.html'), 'utf8') }));
}

/** Child: run one extractor over every page, write outputs, print a JSON report. */
async function runChild(name: Name): Promise<void> {
  const pages = loadPages();
  const extract = await loadExtractor(name);
  for (const p of pages.slice(0, 10)) extract(p.html); // warm the JIT
  const dir = join(OUT, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const baseRssMb = process.memoryUsage().rss / 2 ** 20;
  const times: number[] = pages.map(() => Infinity);
  const cpu: number[] = pages.map(() => Infinity);
  let peakHeap = 0;
  for (let pass = 0; pass < passes(); pass++) {
    pages.forEach((p, i) => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const text = runOne(extract, p.html, `${name} ${p.id}`);
      times[i] = Math.min(times[i]!, performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu[i] = Math.min(cpu[i]!, (c.user + c.system) / 1000);
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      if (pass === 0) writeFileSync(join(dir, `${p.id}.txt`), text);
    });
  }
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  const report: RunReport = { name, times, cpu, maxRssMb, baseRssMb, peakHeapMb: peakHeap / 2 ** 20 };
  process.stdout.write(`REPORT ${JSON.stringify(report)}\n`);
}

function runOne(extract: Extractor, html: string, label: string): string {
  try {
    return extract(html);
  } catch (err) {
    console.error(`${label}: ${(err as Error).message}`);
    return '';
  }
}

function passes(): number {
  const at = process.argv.indexOf('--passes');
  return at >= 0 ? Math.max(1, Number(process.argv[at + 1]) || 1) : 3;
}

function spawnRun(name: Name): RunReport {
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', name, '--passes', String(passes())], {
    cwd: REPO,
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  if (child.stderr) process.stderr.write(child.stderr);
  const line = child.stdout.split('\n').find((l) => l.startsWith('REPORT '));
  if (!line) throw new Error(`bench: the ${name} run failed (exit ${child.status})`);
  return JSON.parse(line.slice(7)) as RunReport;
}

function score(name: Name): { f1: number; precision: number; recall: number } {
  const json = join(OUT, `score-${name}.json`);
  execFileSync(process.execPath, [SCORER, '--data', DATA, '--pred', join(OUT, name), '--json', json], { stdio: ['ignore', 'ignore', 'inherit'] });
  const all = JSON.parse(readFileSync(json, 'utf8')) as Record<string, { f1: number; precision: number; recall: number }>;
  return all[name]!;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

function main(): void {
  if (!existsSync(DATA)) {
    console.log(`bench/extract: no benchmark pages at ${DATA}; nothing to do`);
    return;
  }
  mkdirSync(OUT, { recursive: true });
  console.log('extractor      F1     precision  recall   median ms  p95 ms  CPU median ms  max RSS MB (growth)  peak heap MB  pages');
  const onlyAt = process.argv.indexOf('--only');
  const names = onlyAt >= 0 ? NAMES.filter((n) => n === process.argv[onlyAt + 1]) : NAMES;
  for (const name of names) {
    const r = spawnRun(name);
    const m = score(name);
    const cells = [
      name.padEnd(13), m.f1.toFixed(3).padStart(6), m.precision.toFixed(3).padStart(10), m.recall.toFixed(3).padStart(8),
      quantile(r.times, 0.5).toFixed(2).padStart(10), quantile(r.times, 0.95).toFixed(2).padStart(7), quantile(r.cpu, 0.5).toFixed(2).padStart(14),
      `${r.maxRssMb.toFixed(0)} (+${(r.maxRssMb - r.baseRssMb).toFixed(0)})`.padStart(20), r.peakHeapMb.toFixed(0).padStart(13), String(r.times.length).padStart(6),
    ];
    console.log(cells.join(' '));
  }
  console.log(`ms: parse + extraction a page, best of ${passes()} passes; max RSS includes the pages held in memory`);
  console.log(`outputs in ${OUT}/<extractor>/`);
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) await runChild(process.argv[childAt + 1] as Name);
else main();
