/**
 * Names a user types (a digest in a URL, a watch-list in a query string, a channel in a
 * config reference) are looked up as own properties only: on a plain object, `constructor`,
 * `toString` or `__proto__` would find Object's members. The loaded config's records have
 * no prototype at all (ownRecords), and these helpers say so at each call site.
 */
import type { AlertConfig, ChannelConfig, Config, DigestConfig, FeedConfig, WatchlistConfig } from './schema.js';

/** `record[key]` when `key` is the record's own, else undefined. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function digestByName(config: Config, name: string): DigestConfig | undefined {
  return own(config.digests.digests, name);
}

export function alertByName(config: Config, name: string): AlertConfig | undefined {
  return own(config.digests.alerts, name);
}

export function channelByName(config: Config, name: string): ChannelConfig | undefined {
  return own(config.digests.channels, name);
}

export function watchlistById(config: Config, id: string): WatchlistConfig | undefined {
  return own(config.watchlists.watchlists, id);
}

export function feedById(config: Config, id: string): FeedConfig | undefined {
  return config.feeds.feeds.find((f) => f.id === id);
}

/** A copy of `record` with no prototype, so that a missing key is missing whatever its name. */
export function dictionary<T>(record: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, record);
}

/** Replaces every name-keyed record of a freshly loaded config by one without a prototype. */
export function ownRecords(config: Config): void {
  const w = config.watchlists;
  w.entities = dictionary(w.entities);
  w.watchlists = dictionary(Object.fromEntries(Object.entries(w.watchlists).map(([id, list]) => [id, list.weights ? { ...list, weights: dictionary(list.weights) } : list])));
  const d = config.digests;
  d.channels = dictionary(d.channels);
  d.digests = dictionary(d.digests);
  d.alerts = dictionary(d.alerts);
}
