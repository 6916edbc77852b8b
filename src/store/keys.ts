/**
 * Every Redis key wirewatch writes, in one place. All live under one prefix (default `ww`)
 * so several deployments can share a server; BullMQ's own keys sit under `<prefix>:bull`.
 */
import { createHash } from 'node:crypto';

export class Keys {
  readonly prefix: string;

  constructor(prefix: string) {
    if (!/^[A-Za-z0-9._-]+$/.test(prefix)) throw new Error(`store: invalid key prefix "${prefix}"`);
    this.prefix = prefix;
  }

  /** The prefix BullMQ queues use. */
  get bull(): string { return `${this.prefix}:bull`; }
  /** item key -> feed id that first claimed it */
  claim(itemKey: string): string { return `${this.prefix}:claim:${itemKey}`; }
  /** canonical URL hash -> item key that owns it, so one link through two feeds is one item */
  url(url: string): string { return `${this.prefix}:url:${hash(url)}`; }
  /** JSON of a processed StoredItem */
  item(itemKey: string): string { return `${this.prefix}:item:${itemKey}`; }
  /** set of feed ids that carried an item (the story's sources) */
  sources(itemKey: string): string { return `${this.prefix}:sources:${itemKey}`; }
  /** zset of item keys by processed time */
  get items(): string { return `${this.prefix}:items`; }
  /** zset of flagged item keys by flag time, per watch-list */
  flagged(watchlist: string): string { return `${this.prefix}:flagged:${watchlist}`; }
  /** JSON of a StoredMatch */
  match(watchlist: string, itemKey: string): string { return `${this.prefix}:match:${watchlist}:${itemKey}`; }
  /** set of "watchlist|itemKey" waiting for one channel of one digest */
  pending(digest: string, channel: string): string { return `${this.prefix}:pending:${digest}:${channel}`; }
  /** zset of item keys already delivered by one channel of one digest, scored by delivery time */
  delivered(digest: string, channel: string): string { return `${this.prefix}:delivered:${digest}:${channel}`; }
  /** hash describing one digest run (status per channel) */
  run(runId: string): string { return `${this.prefix}:run:${runId}`; }
  /** set of "watchlist|itemKey" claimed by one channel of one run */
  runMembers(runId: string, channel: string): string { return `${this.prefix}:run:${runId}:${channel}`; }
  /** zset of "watchlist|itemKey" one channel of one run was sent, scored by message and order; expires with the run */
  runSent(runId: string, channel: string): string { return `${this.prefix}:runsent:${runId}:${channel}`; }
  /** the token of the process delivering a run, while it holds the run (expires if it dies) */
  runLease(runId: string): string { return `${this.prefix}:lease:${runId}`; }
  /** zset of run ids with a channel still claimed, scored by when another process may resume them */
  get openRuns(): string { return `${this.prefix}:openruns`; }
  /** held for one round by the process looking for runs whose owner died */
  get runSweep(): string { return `${this.prefix}:runsweep`; }
  /** zset of tokens holding a request slot at one host, scored by when each lease lapses */
  hostSlots(host: string): string { return `${this.prefix}:hostslots:${host}`; }
  /** present for perHostGap after a request to one host started */
  hostGap(host: string): string { return `${this.prefix}:hostgap:${host}`; }
  /** zset of run ids by scheduled time, per digest */
  runs(digest: string): string { return `${this.prefix}:runs:${digest}`; }
  /** JSON of a feed's FeedHealth */
  feed(feedId: string): string { return `${this.prefix}:feed:${feedId}`; }
  /** held while one process polls a feed, so a slow poll and the next one never overlap */
  feedLock(feedId: string): string { return `${this.prefix}:feedlock:${feedId}`; }
  /** counter of alerts sent to a channel in one minute */
  alertRate(channel: string, minute: number): string { return `${this.prefix}:alertrate:${channel}:${minute}`; }
  /** list of alerts folded into a later "and N more" message, per channel */
  alertFold(channel: string): string { return `${this.prefix}:alertfold:${channel}`; }
  /** set of channels an alert already reached */
  alertSent(alertId: string): string { return `${this.prefix}:alertsent:${alertId}`; }
  /** the folded alerts one fold job took, kept until it delivers them */
  alertFoldTaken(channel: string, jobId: string): string { return `${this.prefix}:alertfold:${channel}:job:${jobId}`; }
  /** hash of item id -> JSON verdict, one per watch-list; kept beyond the items' retention */
  feedback(watchlist: string): string { return `${this.prefix}:feedback:${watchlist}`; }
  /** set of the watch-lists that have verdicts */
  get feedbackLists(): string { return `${this.prefix}:feedback-lists`; }
  /** hash of counters: per-hour flagged counts by watch-list, for trends */
  hourly(hour: number): string { return `${this.prefix}:hourly:${hour}`; }
  /** hash of counters: per-hour ingestion (polls, items, extraction, flags, errors, queue wait, stored per feed) */
  ingest(hour: number): string { return `${this.prefix}:ingest:${hour}`; }
}

function hash(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}
