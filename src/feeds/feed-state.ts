/**
 * The stored state of one feed, and whether it still applies to the feed as configured now.
 * Health gathered under another config says nothing about this one: a new URL, type or
 * selectors start afresh (no moved URL, validators, found feed or back-off), and new fetch
 * settings (the address guard, a timeout, the user agent) drop the back-off and the old
 * error, since they may be what fixed it. The worker and the dashboard both read through
 * here, so the Feeds page never shows an error the current config did not produce.
 */
import { createHash } from 'node:crypto';
import type { FeedConfig, FetchOptions } from '../config/schema.js';
import { NEVER_POLLED, type FeedHealth } from './feed-health.js';

/** A feed found in the configured page (discovery), polled in its place. */
export interface DiscoveredFeed {
  url: string;
  /** How the page pointed at it: declared, linked, usual-path. */
  source: string;
  title?: string;
  /** The page it was found in. */
  page: string;
}

export type FeedState = FeedHealth & {
  /** The configured URL this state was gathered for. */
  configUrl?: string;
  /** Fingerprints of the feed's source settings (URL, type, selectors) and of the fetch block. */
  sourceKey?: string;
  fetchKey?: string;
  /** The URL the last error came from. */
  errorUrl?: string;
  discovered?: DiscoveredFeed;
  /** Items the last successful poll read, to tell a listing page that went empty. */
  lastItems?: number;
};

const fingerprint = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

export function sourceKeyOf(feed: FeedConfig): string {
  return fingerprint([feed.url, feed.type, feed.select ?? null]);
}

export function fetchKeyOf(fetch: FetchOptions): string {
  return fingerprint(Object.entries(fetch).sort(([a], [b]) => a.localeCompare(b)));
}

/** The stamp a poll stores with its state. */
export function configStamp(feed: FeedConfig, fetch: FetchOptions): Pick<FeedState, 'configUrl' | 'sourceKey' | 'fetchKey'> {
  return { configUrl: feed.url, sourceKey: sourceKeyOf(feed), fetchKey: fetchKeyOf(fetch) };
}

/** The part of `stored` that holds for `feed` under `fetch` now; undefined when nothing does. */
export function currentState(stored: FeedState | undefined, feed: FeedConfig, fetch: FetchOptions): FeedState | undefined {
  if (stored === undefined || stored.configUrl !== feed.url) return undefined;
  // States written before the fingerprints existed carry none: the URL check above is all they had.
  if (stored.sourceKey !== undefined && stored.sourceKey !== sourceKeyOf(feed)) return undefined;
  if (stored.fetchKey === undefined || stored.fetchKey === fetchKeyOf(fetch) || stored.status !== 'failing') return stored;
  const fresh: FeedState = { ...stored, status: stored.lastSuccess !== undefined ? 'ok' : NEVER_POLLED.status, consecutiveErrors: 0 };
  delete fresh.nextAttempt;
  delete fresh.lastError;
  delete fresh.errorUrl;
  return fresh;
}
