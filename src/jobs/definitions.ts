/**
 * The jobs of the pipeline: their names, queues, payloads and default options. One queue a
 * job kind, so each can be scaled and watched on its own.
 */
import type { JobsOptions } from 'bullmq';
import type { FeedItem } from '../types.js';
import { RETRY_AFTER_BACKOFF } from './backoff.js';

export const QUEUES = {
  pollFeed: 'poll-feed',
  processArticle: 'process-article',
  sendDigest: 'send-digest',
  sendAlert: 'send-alert',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
export const ALL_QUEUES: QueueName[] = Object.values(QUEUES);

/** poll-feed: the scheduler's template names only the feed; its config is read when the job runs. */
export interface PollFeedPayload {
  feedId: string;
  /** Asked for now (poll-now, the dashboard's button): poll even while the feed backs off. */
  now?: boolean;
}

/** process-article: the normalized feed item, as the poll found it. */
export interface ProcessArticlePayload {
  item: FeedItem;
  /** The feed's tags at poll time. */
  tags: string[];
}

/** send-digest: which digest; a scheduled job's run id comes from its scheduled time and job id. */
export interface SendDigestPayload {
  digest: string;
  /** Set for a run outside the schedule (the dashboard) and for a resumed run. */
  runId?: string;
  /** Resume an unfinished run whose owner died (set by the run sweeper). */
  resume?: boolean;
}

/**
 * send-alert: one flagged item that reached an alert level, or (with `foldChannel`) the
 * "and N more" message for the alerts a channel's rate limit held back.
 */
export interface SendAlertPayload {
  alert: string;
  watchlist?: string;
  itemKey?: string;
  foldChannel?: string;
}

/**
 * Retries with exponential back-off (never sooner than a server's Retry-After), and bounded history so Redis does
 * not grow: completed jobs kept an hour (at most 1,000), failed ones a week.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: RETRY_AFTER_BACKOFF, delay: 5_000 },
  removeOnComplete: { age: 3_600, count: 1_000 },
  // Failed jobs carry their payload (an article's text): keep a week, at most 1,000.
  removeOnFail: { age: 7 * 86_400, count: 1_000 },
};

/** A digest run retries (only its failed channels), 10 s after a failure, doubling. */
export const DIGEST_JOB_OPTIONS = {
  attempts: 6,
  backoff: { type: RETRY_AFTER_BACKOFF, delay: 10_000 },
  removeOnComplete: { count: 500 },
  removeOnFail: { count: 500 },
} satisfies JobsOptions;

/** Scheduler ids: no ':' (BullMQ builds job ids from them). */
export const feedSchedulerId = (feedId: string) => `feed-${feedId}`;
export const digestSchedulerId = (digest: string) => `digest-${digest}`;
