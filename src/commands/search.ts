/**
 * `wirewatch search QUERY`: the stored items a watch-list with this query would flag, newest
 * first (or by relevance), from the archive. The query is the watch-list language, entities
 * from the config's watchlists.yaml included.
 */
import { loadConfig } from '../config/load.js';
import { UsageError } from '../errors.js';
import { QueryError } from '../classify/index.js';
import { compileSearch } from '../search/compile-search.js';
import { findItems, type FoundItem } from '../store/archive/find-items.js';
import { SearchArchive } from '../store/archive/search-archive.js';
import { configDir, printJson, type Command } from './command.js';
import { openDatabase, parseWhen } from './archive-db.js';

const MAX_LIMIT = 10_000;

const command: Command = {
  name: 'search',
  summary: 'search the archive with the watch-list query language',
  usage: 'wirewatch search QUERY [--since 30d|DATE] [--until DATE] [--feed ID] [--limit N] [--sort time|relevance] [--cursor C] [--json]',
  options: {
    since: { type: 'string' }, until: { type: 'string' }, feed: { type: 'string' },
    limit: { type: 'string' }, sort: { type: 'string' }, cursor: { type: 'string' },
  },
  async run(args, io) {
    if (args.positionals.length !== 1) throw new UsageError('expected one QUERY (quote it: wirewatch search \'"special forces" NEAR/5 Libya\')');
    const query = args.positionals[0]!;
    const config = loadConfig(configDir(args), { env: io.env });
    let search;
    try {
      search = compileSearch(query, config.watchlists);
    } catch (err) {
      if (err instanceof QueryError) throw new UsageError(`search: ${err.message.replace(/^[^:]*: /, '')} (in the query at character ${(err.offset ?? 0) + 1})`);
      throw err;
    }
    const v = args.values as Record<string, string | undefined>;
    const limit = v.limit === undefined ? 50 : Number(v.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new UsageError(`--limit "${v.limit}" must be a whole number from 1 to ${MAX_LIMIT}`);
    if (v.sort !== undefined && v.sort !== 'time' && v.sort !== 'relevance') throw new UsageError(`--sort "${v.sort}" must be time or relevance`);
    const db = openDatabase(io.env);
    try {
      const page = await findItems(new SearchArchive(db), search, {
        limit,
        ...(v.since ? { since: parseWhen(v.since, '--since') } : {}),
        ...(v.until ? { until: parseWhen(v.until, '--until') } : {}),
        ...(v.feed ? { feed: v.feed } : {}),
        ...(v.sort ? { sort: v.sort } : {}),
        ...(v.cursor ? { cursor: v.cursor } : {}),
      });
      if (args.values.json) for (const found of page.items) printJson(io, toJson(found));
      else printText(io, page.items, page.next);
      if (page.next) io.stderr.write(`more: --cursor ${page.next}\n`);
      return 0;
    } finally {
      await db.close();
    }
  },
};

function toJson({ item, flaggedBy }: FoundItem) {
  return {
    key: item.key, title: item.title, url: item.url ?? null, feedId: item.feedId, published: item.published ?? null,
    processedAt: item.processedAt, watchlists: flaggedBy, ...(item.alsoIn ? { alsoIn: item.alsoIn } : {}),
  };
}

function printText(io: Parameters<Command['run']>[1], items: FoundItem[], next: string | undefined): void {
  if (items.length === 0) {
    io.stdout.write('no stored item matches\n');
    return;
  }
  for (const { item, flaggedBy } of items) {
    const when = (item.published ?? item.processedAt).slice(0, 16).replace('T', ' ');
    io.stdout.write(`${when}  ${item.feedId}  ${item.title}${flaggedBy.length ? `  [${flaggedBy.join(', ')}]` : ''}\n`);
    if (item.url) io.stdout.write(`                  ${item.url}\n`);
  }
  io.stdout.write(`${items.length} item${items.length === 1 ? '' : 's'}${next ? ' (more: see --cursor below)' : ''}\n`);
}

export default command;
