/**
 * The shapes the digest stage produces. A Digest is plain data: the renderers turn it into
 * each platform's messages and the lead's worker records what it accounts for.
 */

/** One copy of a story: the feed that carried it, its link and its headline there. */
export interface DigestSource {
  feedId: string;
  url?: string;
  title: string;
  /** The stored item this copy is (absent for `alsoIn` copies folded in by the store). */
  itemKey?: string;
}

/** One reason an entry was flagged (strongest first, see rankReasons in src/classify). */
export interface WhyPart {
  /** The query or weights term as written (config text), long groups shortened. */
  term: string;
  /**
   * What matched and what it added, to show after the term: `: "Labour Party" x3 (+6)`, ` x2
   * (+4)`, or ''. It quotes words of the feed: escape it as feed text.
   */
  detail: string;
  /** Where its first hit is ('' when unknown) and a snippet of feed text around it. */
  field: string;
  snippet: string;
}

/** One story in a digest: an item, or a cluster of near-duplicate items from several feeds. */
export interface DigestEntry {
  /** Key of the representative item (the best-scoring copy). */
  key: string;
  watchlist: string;
  title: string;
  url?: string;
  /** The best score across the cluster. */
  score: number;
  /** ISO time used for ranking: the latest published (or processed) time in the cluster. */
  time?: string;
  /** A short plain-text excerpt of the representative's summary or body. */
  excerpt: string;
  /** Every copy of the story, representative first. */
  sources: DigestSource[];
  why: WhyPart[];
  /** Other watch-lists of this digest the story also matched. */
  alsoMatched: string[];
  /** Every stored item the entry stands for. */
  itemKeys: string[];
}

/** The entries of one watch-list, ranked by score then recency. */
export interface DigestSection {
  watchlist: string;
  description?: string;
  entries: DigestEntry[];
}

/** A built digest run, ready to render. */
export interface Digest {
  name: string;
  runId: string;
  /** ISO time the run was scheduled for (names the file channel's output). */
  scheduledFor: string;
  /** IANA time zone used to display times (the digest's `timezone`). */
  timezone: string;
  sections: DigestSection[];
  /** Every item the digest delivers, including those folded into clusters: mark these delivered. */
  itemKeys: string[];
  /** Items over `maxItems`: not in this run, so they should stay pending for the next one. */
  deferredKeys: string[];
  /** Items whose every match is under `minScore`: this digest will never send them. */
  droppedKeys: string[];
  /** Number of entries (stories) across sections. */
  entryCount: number;
}

/** One immediate alert: a single flagged story. */
export interface Alert {
  kind: 'alert';
  /** The alert's name in digests.yaml. */
  name: string;
  /** ISO time the alert was built. */
  createdAt: string;
  timezone: string;
  description?: string;
  entry: DigestEntry;
  itemKeys: string[];
}

/** Alerts over a channel's rate limit, folded into one "and N more" message. */
export interface FoldedAlert {
  kind: 'folded';
  name: string;
  createdAt: string;
  timezone: string;
  /** How many alerts were folded (may exceed `entries.length` when the list was capped upstream). */
  count: number;
  entries: DigestEntry[];
  itemKeys: string[];
}

export type AnyAlert = Alert | FoldedAlert;
