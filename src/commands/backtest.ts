/**
 * `wirewatch backtest CASES.yaml`: precision and recall per watch-list against labelled cases,
 * with the reason for every miss and false alarm; exit 1 when a case fails.
 */
import { compileWatchlists, runBacktest, type BacktestReport } from '../classify/index.js';
import { loadConfig } from '../config/load.js';
import { UsageError } from '../errors.js';
import { backtestLandscapes, caseNames, formatLandscapes } from '../tune/landscape-report.js';
import type { Landscape } from '../tune/landscape.js';
import { readCases } from '../tune/read-cases.js';
import { configDir, printJson, type Command, type CommandIO } from './command.js';

const command: Command = {
  name: 'backtest',
  summary: 'precision and recall per watch-list against labelled cases',
  usage: 'wirewatch backtest CASES.yaml [--config DIR] [--json]',
  async run(args, io) {
    const [casesFile] = args.positionals;
    if (!casesFile || args.positionals.length > 1) throw new UsageError('expected one cases file');
    const config = loadConfig(configDir(args), { env: io.env });
    // A case's `file:` is read relative to the cases file; an .html file is extracted first.
    const cases = await readCases(casesFile);
    const classifier = compileWatchlists(config.watchlists);
    const report = runBacktest(classifier, cases);
    const landscapes = backtestLandscapes(classifier, cases);
    if (args.values.json) printReportJson(report, io, landscapes);
    else io.stdout.write(formatReport(report) + formatLandscapes(landscapes, caseNames(cases)));
    return report.passed ? 0 : 1;
  },
};

const pct = (v: number | null) => (v === null ? '  n/a' : v.toFixed(2).padStart(5));

function formatReport(r: BacktestReport): string {
  const lines = [`${r.cases} cases`];
  for (const w of r.watchlists) {
    lines.push(`  ${w.watchlist.padEnd(24)} precision ${pct(w.precision)} (${w.truePositives}/${w.truePositives + w.falsePositives})` +
      `  recall ${pct(w.recall)} (${w.truePositives}/${w.truePositives + w.falseNegatives})`);
  }
  for (const f of r.failures) {
    const kind = f.expected === 'flag' ? 'MISS       ' : 'FALSE ALARM';
    lines.push(`${kind} ${f.caseName} on ${f.watchlist}: score ${f.score} (threshold ${f.threshold}); ${f.reason}`);
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
