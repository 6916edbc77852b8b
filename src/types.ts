/**
 * The plain data that flows between stages. Stages take and return these; workers move
 * them between queues; the store persists them. Nothing here knows about Redis or BullMQ.
 */

/** A feed entry after parsing and normalization (src/feeds). */
export interface FeedItem {
  /** Stable key: GUID when it is not a bare permalink, else the canonical link, else a hash of title and date. Safe as a BullMQ jobId (no ':'). */
  key: string;
  /** The id of the feed this copy came from (feeds.yaml). */
  feedId: string;
  /** Canonical article URL (no fragment, no tracking parameters), when the entry has a link. */
  url?: string;
  /** Plain text: markup stripped, entities decoded. */
  title: string;
  /** Plain text summary or description from the feed ('' when none). */
  summary: string;
  /** Plain text of the feed's full content (content:encoded, Atom content), when present. */
  content?: string;
  /** The content was cut at the body cap (limits.bodyChars). */
  truncated?: boolean;
  /** ISO 8601 date, when the entry had a date that could be read. */
  published?: string;
  author?: string;
  categories: string[];
  enclosure?: { url: string; type?: string; length?: number };
  guid?: string;
}

/** A parsed and normalized feed (src/feeds). */
export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json' | 'html' | 'sitemap';
  title?: string;
  link?: string;
  items: FeedItem[];
  /** Entries past the per-poll cap (limits.itemsPerPoll), not taken; absent when none. */
  dropped?: number;
}

/** Where an article's body came from. */
export type BodySource = 'page' | 'structured-data' | 'feed';

/** What the extract stage finds in a page (src/extract). */
export interface ExtractedArticle {
  title?: string;
  byline?: string;
  /** ISO 8601 */
  published?: string;
  lang?: string;
  image?: string;
  /** The article body as plain text, paragraphs separated by blank lines. */
  text: string;
  bodySource: BodySource;
  /** The body was cut at the body cap (limits.bodyChars). */
  truncated?: boolean;
}

/** The type of an entity: a recognized person, organization or place, or what watchlists.yaml says. */
export type EntityType = 'person' | 'org' | 'place' | 'other';

/** Where a name is mentioned: a field and JavaScript string offsets into that field's text as given. */
export interface Mention {
  field: 'title' | 'body';
  start: number;
  end: number;
}

/** A recognized named entity in an article (src/classify). */
export interface EntityMention {
  /** Canonical name (the gazetteer key, or the merged form of a recognized name). */
  name: string;
  type: EntityType;
  /** How often it was mentioned. */
  count: number;
  /**
   * Every name it went by: the canonical name first, then the variants the article wrote (and
   * known variants). Absent on items stored before names were kept.
   */
  names?: string[];
  /** Where it is mentioned, in text order per field. Absent on items stored before mentions were kept. */
  mentions?: Mention[];
}

/** One reason a watch-list matched: a query term that hit, where, and a snippet around it. */
export interface Hit {
  term: string;
  field: string;
  /** Offsets into the field's text. */
  start: number;
  end: number;
  snippet: string;
}

/**
 * One reason behind a verdict: a weights entry, or a query term (each worth 1 when the list has
 * no weights, 0 when it has weights but none on this term), with what it added to the score,
 * how often it occurred and the words in the text that matched it.
 */
export interface Reason {
  /** The term as written in the query or the weights key. */
  term: string;
  /** What it added to the score. */
  points: number;
  /** Occurrences found (every one, up to 50 a term, not only the hits listed). */
  count: number;
  /** The words that matched, as the text wrote them, most frequent first (at most 3). */
  matched: { text: string; count: number }[];
}

/** The verdict of one watch-list on one item (src/classify). */
export interface WatchlistMatch {
  watchlist: string;
  /** The query matched and the score reached the threshold. */
  flagged: boolean;
  /** The boolean query alone matched. */
  queryMatched: boolean;
  score: number;
  threshold: number;
  alert?: number;
  hits: Hit[];
  /** Why, strongest first (by points, then occurrences); present when hits are listed. */
  reasons?: Reason[];
}

/** What the classifier reads: plain text fields of an item. */
export interface ClassifyInput {
  title: string;
  /** Article body, or the feed's summary when there is no body. */
  body: string;
  feedId?: string;
  tags?: string[];
  /** The article's language (BCP 47), when extraction found one: the recognizer may use it. */
  lang?: string;
}

export interface Classification {
  entities: EntityMention[];
  /** One entry per watch-list, flagged or not. */
  matches: WatchlistMatch[];
}

/** An item as the store keeps it once processed. */
export interface StoredItem {
  key: string;
  feedId: string;
  /** Other feeds that carried the same item (same key or same canonical URL). */
  alsoIn?: string[];
  url?: string;
  title: string;
  summary: string;
  body: string;
  bodySource: BodySource;
  /** The body was cut at the body cap (limits.bodyChars): the page or feed had more. */
  truncated?: boolean;
  byline?: string;
  lang?: string;
  published?: string;
  /** ISO time the item was processed. */
  processedAt: string;
  tags: string[];
  entities: EntityMention[];
}

/** A flag as the store keeps it: an item matched by a watch-list. */
export interface StoredMatch {
  itemKey: string;
  watchlist: string;
  score: number;
  hits: Hit[];
  /** Why, strongest first (absent on flags stored before reasons were kept). */
  reasons?: Reason[];
  /** ISO time it was flagged. */
  flaggedAt: string;
}
