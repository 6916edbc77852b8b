/**
 * `wirewatch check-config`: validate the config folder; exit 1 with file:line:col messages.
 * With --online, also fetch every feed once under the config's own address policy and say
 * what each URL is; exit 1 when any cannot be polled as configured.
 */
import { loadConfig } from '../config/load.js';
import { formatProblem, type ConfigProblem } from '../errors.js';
import { formatDuration } from '../config/units.js';
import { configDir, printJson, type Command } from './command.js';

const command: Command = {
  name: 'check-config',
  summary: 'validate the config',
  usage: 'wirewatch check-config [--config DIR] [--online] [--json]',
  options: { online: { type: 'boolean', default: false } },
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
    // Loaded only when asked: plain check-config does not pay for cheerio and undici.
    const check = args.values.online ? await import('./online-check.js') : undefined;
    const online = check ? await check.probeConfiguredFeeds(config) : undefined;
    const code = online?.some((p) => !check!.pollable(p)) ? 1 : 0;
    if (args.values.json) {
      printJson(io, { ...summary, ...(online ? { ok: code === 0, online } : {}) });
      return code;
    }
    for (const w of warnings) io.stderr.write(`warning: ${formatProblem(w)}\n`);
    const intervals = config.feeds.feeds.map((f) => `${f.id} every ${formatDuration(f.interval ?? config.feeds.defaults.interval)}`);
    io.stdout.write(
      `config ok: ${summary.feeds} feeds (${intervals.join(', ') || 'none'}), ${summary.watchlists} watch-lists, ` +
        `${summary.entities} entities, ${summary.channels} channels, ${summary.digests} digests, ${summary.alerts} alerts` +
        `${warnings.length ? ` (${warnings.length} warning${warnings.length > 1 ? 's' : ''} above)` : ''}\n`,
    );
    if (online) io.stdout.write(check!.formatOnline(online));
    return code;
  },
};

export default command;
