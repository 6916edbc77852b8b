/** check-config --online: each configured feed fetched once, under the config's own address policy. */
import type { Config } from '../config/schema.js';
import { describeProbe, probeFeed, type ProbeReport } from '../feeds/probe-feed.js';
import { redactSecrets } from '../redact.js';
import { probeOptions } from './discover.js';

export type FeedProbe = ProbeReport & { id: string };

/** A URL the poller can read as configured. */
export function pollable(p: ProbeReport): boolean {
  return ['feed', 'page-with-feed', 'sitemap'].includes(p.kind) || (p.kind === 'listing' && (p.items ?? 0) > 0);
}

/** In config order, one after another (politeness per host applies as in the pipeline). */
export async function probeConfiguredFeeds(config: Config): Promise<FeedProbe[]> {
  const options = probeOptions(config, false, false);
  const out: FeedProbe[] = [];
  for (const feed of config.feeds.feeds) out.push({ id: feed.id, ...(await probeFeed(feed.url, feed, options)) });
  return out;
}

export function formatOnline(probes: FeedProbe[]): string {
  const lines = probes.map((p) => `  ${pollable(p) ? 'ok ' : 'BAD'} ${p.id}: ${redactSecrets(p.url)}: ${describeProbe(p)}`);
  const bad = probes.filter((p) => !pollable(p)).length;
  lines.push(bad ? `${bad} of ${probes.length} feeds cannot be polled as configured` : `all ${probes.length} feeds answer as configured`);
  return lines.join('\n') + '\n';
}
