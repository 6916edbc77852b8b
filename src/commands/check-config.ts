/** `wirewatch check-config`: validate the config folder; exit 1 with file:line:col messages. */
import { loadConfig } from '../config/load.js';
import { formatProblem, type ConfigProblem } from '../errors.js';
import { formatDuration } from '../config/units.js';
import { configDir, printJson, type Command } from './command.js';

const command: Command = {
  name: 'check-config',
  summary: 'validate the config',
  usage: 'wirewatch check-config [--config DIR] [--json]',
  async run(args, io) {
    const warnings: ConfigProblem[] = [];
    const config = loadConfig(configDir(args), { env: io.env, warnings });
    const summary = {
      ok: true,
      dir: config.dir,
      feeds: config.feeds.feeds.length,
      watchlists: Object.keys(config.watchlists.watchlists).length,
      entities: Object.keys(config.watchlists.entities).length,
      channels: Object.keys(config.digests.channels).length,
      digests: Object.keys(config.digests.digests).length,
      alerts: Object.keys(config.digests.alerts).length,
      warnings: warnings.map(formatProblem),
    };
    if (args.values.json) {
      printJson(io, summary);
      return 0;
    }
    for (const w of warnings) io.stderr.write(`warning: ${formatProblem(w)}\n`);
    const intervals = config.feeds.feeds.map((f) => `${f.id} every ${formatDuration(f.interval ?? config.feeds.defaults.interval)}`);
    io.stdout.write(
      `config ok: ${summary.feeds} feeds (${intervals.join(', ') || 'none'}), ${summary.watchlists} watch-lists, ` +
        `${summary.entities} entities, ${summary.channels} channels, ${summary.digests} digests, ${summary.alerts} alerts` +
        `${warnings.length ? ` (${warnings.length} warning${warnings.length > 1 ? 's' : ''} above)` : ''}\n`,
    );
    return 0;
  },
};
export default command;
