/** `wirewatch poll URL|FILE|FEED-ID...`: fetch and parse feeds now and print their items; touches no schedule or store. */
import { loadConfig } from '../config/load.js';
import { feedById } from '../config/lookup.js';
import { redactSecrets } from '../redact.js';
import { readFeed } from '../feeds/read-feed.js';
import type { ParsedFeed } from '../types.js';
import { configDir, type Command } from './command.js';
import { forEachInput } from './each-input.js';
import { readBytes } from './inputs.js';

const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5';

const command: Command = {
  name: 'poll',
  summary: 'fetch and parse feeds now and print their items',
  usage: 'wirewatch poll URL|FILE|FEED-ID... [--config DIR] [--json]',
  async run(args, io) {
    const config = loadConfig(configDir(args), { env: io.env });
    return forEachInput(args, io, async (source) => {
      const configured = feedById(config, source);
      // A configured feed is fetched under the config's address policy, as the pipeline would.
      const { body, url, contentType } = await readBytes(configured?.url ?? source, config, FEED_ACCEPT, { trusted: !configured });
      const { limits } = config.feeds;
      const feed = await readFeed(body, { url, feedId: configured?.id ?? 'cli', contentType, maxBytes: config.feeds.fetch.maxBytes, maxItems: limits.itemsPerPoll, maxContentChars: limits.bodyChars });
      const json = { feed: { title: feed.title, link: feed.link, format: feed.format, ...(feed.dropped ? { dropped: feed.dropped } : {}) }, items: feed.items };
      return { json, text: formatFeed(redactSecrets(source), feed, limits.itemsPerPoll) };
    });
  },
};

function formatFeed(source: string, feed: ParsedFeed, limit: number): string {
  const lines = [`${source}: ${feed.title ?? '(untitled)'} [${feed.format}], ${feed.items.length} items`];
  if (feed.dropped) lines.push(`  (${feed.dropped} more items past limits.itemsPerPoll = ${limit} not taken)`);
  for (const item of feed.items) {
    lines.push(`  ${item.published?.slice(0, 16).replace('T', ' ') ?? '(no date)       '}  ${item.title || '(no title)'}`);
    if (item.url) lines.push(`                    ${item.url}`);
  }
  return lines.join('\n');
}

export default command;
