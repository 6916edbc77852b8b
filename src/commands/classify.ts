/** `wirewatch classify URL|FILE|-...`: run the watch-lists over texts or pages and say why each flags or not. */
import { classifyDetailed, compileWatchlists, explainMiss, formatReason, rankReasons, type Classifier, type DetailedClassification } from '../classify/index.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { UsageError } from '../errors.js';
import { extractArticle } from '../extract/extract-article.js';
import type { ClassifyInput, EntityMention, WatchlistMatch } from '../types.js';
import { configDir, type Command } from './command.js';
import { forEachInput } from './each-input.js';
import { readInput } from './inputs.js';

const command: Command = {
  name: 'classify',
  summary: 'run the watch-lists over texts or pages',
  usage: 'wirewatch classify URL|FILE|-... [--watchlist ID]... [--config DIR] [--json]',
  options: { watchlist: { type: 'string', multiple: true } },
  async run(args, io) {
    const config = loadConfig(configDir(args), { env: io.env });
    const only = args.values.watchlist as string[] | undefined;
    checkWatchlistIds(config, only);
    const classifier = compileWatchlists(config.watchlists);
    return forEachInput(args, io, async (source) => {
      const input = await readInput(source, config, io.stdin);
      const text = input.kind === 'text' ? input : toText(extractArticle(input.body, { url: input.url, contentType: input.contentType }));
      const { title, body } = text;
      // Hits of lists that did not match too: they show how close a text came, for tuning.
      const { classification, hits } = classifyDetailed(classifier, text, { watchlists: only, hits: 'all' });
      const result = { entities: classification.entities, matches: classification.matches.map((m) => explained(classifier, m, hits)) };
      // The body goes out too: entity mentions and hits are offsets into these two strings.
      return { json: { title, body, ...result }, text: formatResult(source, title, result) };
    });
  },
};

function toText(a: { title?: string; text: string; lang?: string }): ClassifyInput {
  const input: ClassifyInput = { title: a.title ?? '', body: a.text };
  if (a.lang) input.lang = a.lang;
  return input;
}

function checkWatchlistIds(config: Config, ids: string[] | undefined): void {
  const known = Object.keys(config.watchlists.watchlists);
  for (const id of ids ?? []) {
    if (!known.includes(id)) throw new UsageError(`no watch-list "${id}" (known: ${known.join(', ') || 'none'})`);
  }
}

type Explained = WatchlistMatch & { reason?: string };

/** Reasons printed per watch-list, strongest first. */
const MAX_REASONS = 8;

/** A verdict that did not flag says why: the part of the query that found nothing, or the score. */
function explained(classifier: Classifier, m: WatchlistMatch, hits: DetailedClassification['hits']): Explained {
  return m.flagged ? m : { ...m, reason: explainMiss(classifier, m, hits) };
}

function formatResult(source: string, title: string, r: { entities: EntityMention[]; matches: Explained[] }): string {
  const lines = [`${source}: ${title || '(no title)'}`];
  const entities = r.entities.slice(0, 12).map((e) => `${e.name} (${e.type}${e.count > 1 ? ` x${e.count}` : ''})`);
  lines.push(`  entities: ${entities.join(', ') || 'none'}`);
  for (const m of r.matches) {
    const verdict = m.flagged ? 'FLAGGED' : m.queryMatched ? 'below threshold' : 'no match';
    const alert = m.alert !== undefined && m.score >= m.alert ? ', ALERT level' : '';
    lines.push(`  ${m.watchlist}: ${verdict}, score ${m.score} (threshold ${m.threshold}${alert})`);
    if (m.reason) lines.push(`    ${m.reason}`);
    const reasons = rankReasons(m);
    for (const r of reasons.slice(0, MAX_REASONS)) lines.push(`    ${formatReason(r)}${r.snippet ? ` — in ${r.field}: ${r.snippet}` : ''}`);
    if (reasons.length > MAX_REASONS) lines.push(`    ... and ${reasons.length - MAX_REASONS} more terms`);
  }
  return lines.join('\n');
}

export default command;
