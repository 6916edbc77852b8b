/**
 * The archive's schema, one numbered migration a step, each plain SQL applied once in its own
 * transaction (see migrate.ts). Never edit a migration that has shipped: add the next one.
 * Tables live in one PostgreSQL schema per deployment (named for the Redis key prefix), so
 * several deployments, or several test files, can share a database as they share a Redis.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'archive: items, matches, sources, verdicts',
    sql: `
CREATE TABLE items (
  id            bigserial PRIMARY KEY,
  key           text NOT NULL UNIQUE,
  feed_id       text NOT NULL,
  url           text,
  title         text NOT NULL,
  summary       text NOT NULL DEFAULT '',
  body          text NOT NULL DEFAULT '',
  body_source   text NOT NULL,
  truncated     boolean NOT NULL DEFAULT false,
  byline        text,
  lang          text,
  published     timestamptz,
  processed_at  timestamptz NOT NULL,
  -- What "newest first" means: the published time, unless missing or later than processing.
  sort_at       timestamptz NOT NULL,
  tags          text[] NOT NULL DEFAULT '{}',
  entities      jsonb NOT NULL DEFAULT '[]',
  -- The recognizer's name spans, [field, start, end, type], so re-judging needs no recognition.
  names         jsonb,
  story_id      bigint,
  -- Candidate finding for search and re-judging; judged exactly afterwards (src/search).
  search        tsvector NOT NULL,
  -- The vector holds positions only up to 16,383: phrases in longer texts are prefiltered by words.
  long_text     boolean NOT NULL DEFAULT false
);
CREATE INDEX items_sort_at ON items (sort_at DESC, id DESC);
CREATE INDEX items_processed_at ON items (processed_at);
CREATE INDEX items_feed ON items (feed_id, sort_at DESC);
CREATE INDEX items_search ON items USING gin (search);

CREATE TABLE item_sources (
  item_key  text NOT NULL,
  feed_id   text NOT NULL,
  seen_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (item_key, feed_id)
);
CREATE INDEX item_sources_seen ON item_sources (seen_at);

CREATE TABLE matches (
  item_id     bigint NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  watchlist   text NOT NULL,
  score       double precision NOT NULL,
  hits        jsonb NOT NULL,
  reasons     jsonb,
  flagged_at  timestamptz NOT NULL,
  -- Which version of the watch-list judged it (a hash of its definition).
  version     text,
  -- Set once the flag is in every digest's pending set in Redis: a crash in between re-queues it.
  queued      boolean NOT NULL DEFAULT false,
  PRIMARY KEY (watchlist, item_id)
);
CREATE INDEX matches_flagged_at ON matches (watchlist, flagged_at DESC, item_id);
CREATE INDEX matches_score ON matches (watchlist, score DESC, flagged_at DESC);
CREATE INDEX matches_item ON matches (item_id);
CREATE INDEX matches_unqueued ON matches (item_id) WHERE NOT queued;

CREATE TABLE verdicts (
  watchlist  text NOT NULL,
  item_key   text NOT NULL,
  at         timestamptz NOT NULL,
  record     jsonb NOT NULL,
  PRIMARY KEY (watchlist, item_key)
);
CREATE INDEX verdicts_at ON verdicts (at DESC);

CREATE TABLE imports (
  name        text PRIMARY KEY,
  done_at     timestamptz NOT NULL DEFAULT now(),
  items       integer NOT NULL,
  matches     integer NOT NULL
);
`,
  },
];
