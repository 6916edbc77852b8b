/** `wirewatch discover URL...`: what each URL is, and for a page every feed it points at, judged. */
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import type { CandidateReport } from '../feeds/discover-feed.js';
import { describeProbe, probeFeed, type ProbeOptions, type ProbeReport } from '../feeds/probe-feed.js';
import { FEED_ACCEPT, fetchResource } from '../fetch/fetch-resource.js';
import { redactSecrets } from '../redact.js';
import { WirewatchError } from '../errors.js';
import { configDir, type Command } from './command.js';
import { forEachInput } from './each-input.js';

/** Probe options under the config's limits; `trusted` lets a typed URL reach private addresses, as `poll` does. */
export function probeOptions(config: Config, trusted: boolean, all: boolean): ProbeOptions {
  const fetch = { ...config.feeds.fetch, allowPrivateNetworks: trusted || config.feeds.fetch.allowPrivateNetworks, accept: FEED_ACCEPT };
  const { limits } = config.feeds;
  return {
    fetch: (url) => fetchResource(url, fetch),
    read: { feedId: 'discover', maxBytes: config.feeds.fetch.maxBytes, maxItems: limits.itemsPerPoll, maxContentChars: limits.bodyChars },
    all,
  };
}

export class DiscoverError extends WirewatchError {
  constructor(message: string) {
    super('discover', message, { permanent: true });
  }
}

function candidateLine(c: CandidateReport, chosen: string | undefined): string {
  const mark = c.url === chosen ? '*' : ' ';
  const what = c.ok ? `${c.format}, ${c.items} items${c.newest ? `, newest ${c.newest.slice(0, 16).replace('T', ' ')}` : ''}${c.title ? `, "${c.title}"` : ''}` : (c.error ?? 'not a feed');
  return `  ${mark} ${c.source.padEnd(10)} ${redactSecrets(c.url)}  ${what}`;
}

export function formatProbe(source: string, p: ProbeReport): string {
  const lines = [`${source}: ${describeProbe(p)}`];
  for (const c of p.candidates ?? []) lines.push(candidateLine(c, p.feedUrl));
  if (p.feedUrl) lines.push(`  (* the feed wirewatch polls for this URL)`);
  return lines.join('\n');
}

const command: Command = {
  name: 'discover',
  summary: 'what a URL is: a feed, or the feeds a page points at (type, title, items, newest)',
  usage: 'wirewatch discover URL... [--config DIR] [--json]',
  async run(args, io) {
    const config = loadConfig(configDir(args), { env: io.env });
    const options = probeOptions(config, true, true);
    return forEachInput(args, io, async (source) => {
      const report = await probeFeed(source, undefined, options);
      const failed = report.kind === 'not-found' || report.kind === 'refused' || report.kind === 'error';
      if (failed) throw new DiscoverError(describeProbe(report));
      return { json: report as unknown as object, text: formatProbe(redactSecrets(source), report) };
    });
  },
};
export default command;
