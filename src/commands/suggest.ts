/**
 * `wirewatch suggest WATCHLIST CASES.yaml [--apply DIR2] [--force]`: terms to add and to
 * exclude, entity aliases and a threshold for one watch-list, learned from labelled cases
 * and judged on cases held back; printed as a diff of watchlists.yaml, and with --apply
 * written as a whole new config folder (the original is never touched).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/load.js';
import { UsageError } from '../errors.js';
import { applyConfig } from '../tune/apply-config.js';
import { suggestionEdit } from '../tune/suggestion-edit.js';
import { editWatchlistsYaml } from '../tune/edit-watchlists.js';
import { unifiedDiff } from '../tune/line-diff.js';
import { readCases } from '../tune/read-cases.js';
import { suggestWatchlist } from '../tune/suggest.js';
import { formatSuggestion } from '../tune/suggestion-report.js';
import { configDir, printJson, type Command } from './command.js';

const command: Command = {
  name: 'suggest',
  summary: 'terms, exclusions, aliases and a threshold for one watch-list, from cases',
  usage: 'wirewatch suggest WATCHLIST CASES.yaml [--config DIR] [--penalty F1] [--apply DIR2 [--force]] [--json]',
  options: { apply: { type: 'string' }, force: { type: 'boolean', default: false }, penalty: { type: 'string' } },
  async run(args, io) {
    const [watchlist, casesFile, ...rest] = args.positionals;
    if (!watchlist || !casesFile || rest.length) throw new UsageError('expected a watch-list id and one cases file');
    const dir = configDir(args);
    const config = loadConfig(dir, { env: io.env });
    const cases = await readCases(casesFile);
    const suggestion = suggestWatchlist(config.watchlists, watchlist, cases, penaltyOption(args.values.penalty));
    const path = join(dir, 'watchlists.yaml');
    const original = readFileSync(path, 'utf8');
    const edited = editWatchlistsYaml(original, ...suggestionEdit(config.watchlists, suggestion));
    const diff = unifiedDiff(original, edited, [path, `${path} (suggested)`]);
    const target = args.values.apply as string | undefined;
    if (target !== undefined) {
      applyConfig(dir, target, edited, Boolean(args.values.force));
      loadConfig(target, { env: io.env });
    }
    if (args.values.json) {
      const { watchlistsFile: _file, ...rest } = suggestion;
      printJson(io, { type: 'suggestion', ...rest, diff, ...(target ? { applied: target } : {}) });
    } else {
      io.stdout.write(formatSuggestion(suggestion, diff));
      if (target) io.stdout.write(`\nwrote the config with the suggestion into ${target}\n`);
    }
    return 0;
  },
};

/**
 * --penalty: the held-back F1 each term must earn to be kept (default 0.0003). Raising it
 * (say to 0.002) trades a little F1 for a much shorter list an analyst can read at a glance.
 */
function penaltyOption(value: unknown): { penalty?: number } {
  if (value === undefined) return {};
  const penalty = Number(value);
  if (!Number.isFinite(penalty) || penalty < 0 || penalty > 0.1) throw new UsageError(`--penalty takes an F1 share per term from 0 to 0.1, not "${String(value)}"`);
  return { penalty };
}

export default command;
