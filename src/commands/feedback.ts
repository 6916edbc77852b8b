/**
 * `wirewatch feedback export [--watchlist ID] [--out FILE]`: the analysts' verdicts kept in
 * Redis, written as a backtest cases file (the format of config/backtest.yaml).
 */
import { writeFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { connectRedis } from '../store/redis.js';
import { Store } from '../store/store.js';
import { formatCasesYaml, verdictsToCases } from '../tune/verdict-cases.js';
import { printJson, type Command } from './command.js';
import { InputError } from './inputs.js';
import { resolveRedis } from './redis-url.js';

const command: Command = {
  name: 'feedback',
  summary: 'feedback export: analysts\' verdicts as a backtest cases file',
  usage: 'wirewatch feedback export [--watchlist ID] [--out FILE] [--json]',
  options: { watchlist: { type: 'string' }, out: { type: 'string' } },
  async run(args, io) {
    const [action, ...rest] = args.positionals;
    if (action !== 'export' || rest.length) throw new UsageError('expected "export"');
    const watchlist = args.values.watchlist as string | undefined;
    const out = args.values.out as string | undefined;
    const { url } = await resolveRedis(io.env, { allowEmbedded: false });
    const redis = connectRedis(url, { maxRetriesPerRequest: 1 });
    try {
      const store = new Store(redis, { prefix: io.env.WIREWATCH_PREFIX });
      const known = await store.feedback.watchlists();
      if (watchlist !== undefined && !known.includes(watchlist)) {
        throw new InputError(`no verdicts for watch-list "${watchlist}" (watch-lists with verdicts: ${known.join(', ') || 'none'})`);
      }
      const verdicts = await store.feedback.listAll(watchlist === undefined ? undefined : [watchlist]);
      const header = `wirewatch feedback export${watchlist ? ` --watchlist ${watchlist}` : ''}: ${verdicts.length} verdicts, ${new Date().toISOString()}`;
      const yaml = formatCasesYaml(verdicts, header);
      const cases = verdictsToCases(verdicts).length;
      if (out === undefined) io.stdout.write(yaml);
      else await writeFile(out, yaml).catch((err: NodeJS.ErrnoException) => { throw new InputError(`cannot write ${out}: ${err.message}`); });
      const summary = { type: 'export', verdicts: verdicts.length, cases, ...(out ? { file: out } : {}) };
      if (args.values.json && out !== undefined) printJson(io, summary);
      else io.stderr.write(`${verdicts.length} verdicts as ${cases} cases${out ? ` in ${out}` : ''}\n`);
      return 0;
    } finally {
      await redis.quit();
    }
  },
};

export default command;
