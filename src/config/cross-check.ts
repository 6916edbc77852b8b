/**
 * Checks that span files or need more than a schema: references between files, unique ids,
 * cron patterns and time zones. Each problem points at the offending value.
 */
import { CronExpressionParser } from 'cron-parser';
import type { ConfigProblem } from '../errors.js';
import type { DigestsFile, FeedsFile, WatchlistsFile } from './schema.js';
import type { YamlSource } from './yaml-source.js';

/** Each check runs when the files it reads are valid, so one broken file hides nothing else. */
export function crossCheck(
  files: { feeds?: FeedsFile; watchlists?: WatchlistsFile; digests?: DigestsFile },
  sources: { feeds: YamlSource; digests: YamlSource },
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (files.feeds) problems.push(...checkUniqueFeeds(files.feeds, sources.feeds));
  if (files.digests) {
    for (const [name, d] of Object.entries(files.digests.digests)) {
      problems.push(...checkSchedule(sources.digests, name, d.schedule, d.timezone));
    }
    if (files.watchlists) problems.push(...checkDigestRefs({ watchlists: files.watchlists, digests: files.digests }, sources.digests));
  }
  return problems;
}

function checkUniqueFeeds(feeds: FeedsFile, source: YamlSource): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seen = new Map<string, number>();
  feeds.feeds.forEach((feed, i) => {
    const first = seen.get(feed.id);
    if (first !== undefined) {
      problems.push(source.atPath(['feeds', i, 'id'], `duplicate feed id "${feed.id}" (first used by feeds[${first}])`));
    } else seen.set(feed.id, i);
  });
  return problems;
}

function checkDigestRefs(
  files: { watchlists: WatchlistsFile; digests: DigestsFile },
  source: YamlSource,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const watchlists = Object.keys(files.watchlists.watchlists);
  const channels = Object.keys(files.digests.channels);
  const refs = (section: 'digests' | 'alerts', name: string, spec: { watchlists: string[]; channels: string[] }) => {
    spec.watchlists.forEach((w, i) => {
      if (!watchlists.includes(w)) {
        problems.push(source.atPath([section, name, 'watchlists', i], `${section}.${name}: no watch-list "${w}" in watchlists.yaml (known: ${watchlists.join(', ') || 'none'})`));
      }
    });
    spec.channels.forEach((c, i) => {
      if (!channels.includes(c)) {
        problems.push(source.atPath([section, name, 'channels', i], `${section}.${name}: no channel "${c}" under channels (known: ${channels.join(', ') || 'none'})`));
      }
    });
  };
  for (const [name, digest] of Object.entries(files.digests.digests)) refs('digests', name, digest);
  for (const [name, alert] of Object.entries(files.digests.alerts)) refs('alerts', name, alert);
  return problems;
}

function checkSchedule(source: YamlSource, name: string, schedule: string, timezone: string): ConfigProblem[] {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    return [source.atPath(['digests', name, 'timezone'], `digests.${name}.timezone: unknown time zone "${timezone}" (expected an IANA name like Europe/Brussels or UTC)`)];
  }
  try {
    CronExpressionParser.parse(schedule, { tz: timezone });
    return [];
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return [source.atPath(['digests', name, 'schedule'], `digests.${name}.schedule: not a cron pattern (${why}); expected 5 fields like "0 7 * * *"`)];
  }
}
