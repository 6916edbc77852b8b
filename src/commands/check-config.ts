/** `wirewatch check-config`: validate the config folder; exit 1 with file:line:col messages. */
import { loadConfig } from '../config/load.js';
import { formatDuration } from '../config/units.js';
import { configDir, printJson, type Command } from './command.js';

const command: Command = {
  name: 'check-config',
  summary: 'validate the config',
  usage: 'wirewatch check-config [--config DIR] [--json]',
  async run(args, io) {
    const config = loadConfig(configDir(args), { env: io.env });
    const summary = {
      ok: true,
      dir: config.dir,
      feeds: config.feeds.feeds.length,
      watchlists: Object.keys(config.watchlists.watchlists).length,
      entities: Object.keys(config.watchlists.entities).length,
      channels: Object.keys(config.digests.channels).length,
      digests: Object.keys(config.digests.digests).length,
      alerts: Object.keys(config.digests.alerts).length,
    };
    if (args.values.json) {
      printJson(io, summary);
      return 0;
    }
    const intervals = config.feeds.feeds.map((f) => `${f.id} every ${formatDuration(f.interval ?? config.feeds.defaults.interval)}`);
    io.stdout.write(
      `config ok: ${summary.feeds} feeds (${intervals.join(', ') || 'none'}), ${summary.watchlists} watch-lists, ` +
        `${summary.entities} entities, ${summary.channels} channels, ${summary.digests} digests, ${summary.alerts} alerts\n`,
    );
    return 0;
  },
};
export default command;
