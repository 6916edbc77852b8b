/**
 * `wirewatch backtest CASES.yaml`: precision and recall per watch-list against labelled cases,
 * with the reason for every miss and false alarm; exit 1 when a case fails.
 */
import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { compileWatchlists, parseBacktestCases, runBacktest, type BacktestCase, type BacktestCaseSpec, type BacktestReport } from '../classify/index.js';
import { loadConfig } from '../config/load.js';
import { UsageError } from '../errors.js';
import { extractArticle } from '../extract/extract-article.js';
import { backtestLandscapes, formatLandscapes } from '../tune/landscape-report.js';
import type { Landscape } from '../tune/landscape.js';
import { configDir, printJson, type Command, type CommandIO } from './command.js';
import { InputError } from './inputs.js';

const command: Command = {
  name: 'backtest',
  summary: 'precision and recall per watch-list against labelled cases',
  usage: 'wirewatch backtest CASES.yaml [--config DIR] [--json]',
  async run(args, io) {
    const [casesFile] = args.positionals;
    if (!casesFile || args.positionals.length > 1) throw new UsageError('expected one cases file');
    const config = loadConfig(configDir(args), { env: io.env });
    const text = await readFile(casesFile, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new InputError(`cannot read ${casesFile}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
    });
    const cases = await Promise.all(parseBacktestCases(text, casesFile).map((spec) => resolveCase(spec, casesFile)));
    const classifier = compileWatchlists(config.watchlists);
    const report = runBacktest(classifier, cases);
    const landscapes = backtestLandscapes(classifier, cases);
    if (args.values.json) printReportJson(report, io, landscapes);
    else io.stdout.write(formatReport(report) + formatLandscapes(landscapes));
    return report.passed ? 0 : 1;
  },
};

/** A case's `file:` is read relative to the cases file; an .html file is extracted first. */
async function resolveCase(spec: BacktestCaseSpec, casesFile: string): Promise<BacktestCase> {
  const base = { id: spec.id, must: spec.must, mustNot: spec.mustNot };
  if (spec.text !== undefined) return { ...base, title: spec.title, text: spec.text };
  const path = resolve(dirname(casesFile), spec.file!);
  const bytes = await readFile(path).catch(() => { throw new InputError(`case ${spec.id}: cannot read ${spec.file}`); });
  if (/^\.html?$/i.test(extname(path))) {
    const article = extractArticle(bytes);
    return { ...base, title: spec.title ?? article.title ?? '', text: article.text };
  }
  return { ...base, title: spec.title, text: bytes.toString('utf8') };
}

const pct = (v: number | null) => (v === null ? '  n/a' : v.toFixed(2).padStart(5));

function formatReport(r: BacktestReport): string {
  const lines = [`${r.cases} cases`];
  for (const w of r.watchlists) {
    lines.push(`  ${w.watchlist.padEnd(24)} precision ${pct(w.precision)} (${w.truePositives}/${w.truePositives + w.falsePositives})` +
      `  recall ${pct(w.recall)} (${w.truePositives}/${w.truePositives + w.falseNegatives})`);
  }
  for (const f of r.failures) {
    const kind = f.expected === 'flag' ? 'MISS       ' : 'FALSE ALARM';
    lines.push(`${kind} ${f.caseId} on ${f.watchlist}: score ${f.score} (threshold ${f.threshold}); ${f.reason}`);
  }
  for (const w of r.unknownWatchlists) lines.push(`UNKNOWN     cases name watch-list "${w}", which the config does not have`);
  lines.push(r.passed ? 'all cases pass' : `${r.failures.length + r.unknownWatchlists.length} failing`);
  return lines.join('\n') + '\n';
}

function printReportJson(r: BacktestReport, io: CommandIO, landscapes: Map<string, Landscape>): void {
  for (const w of r.watchlists) printJson(io, { type: 'watchlist', ...w, landscape: landscapes.get(w.watchlist) });
  for (const f of r.failures) printJson(io, { type: f.expected === 'flag' ? 'miss' : 'false-alarm', ...f });
  for (const w of r.unknownWatchlists) printJson(io, { type: 'unknown-watchlist', watchlist: w });
  printJson(io, { type: 'summary', cases: r.cases, failures: r.failures.length, passed: r.passed });
}

export default command;
