/** Types shared by the search stage (candidate finding and exact judging over stored items). */
import type { EntityMention } from '../types.js';

/** The text an item is searched by: what classify read, and the names it recognized. */
export interface SearchableText {
  title: string;
  body: string;
  entities: EntityMention[];
}

/** The full-text vector of an item, as a tsvector literal, and whether phrases can be trusted to it. */
export interface SearchVector {
  /** A tsvector literal (`'word':1A,7 'other':2`), cast with ::tsvector (no normalization on the way in). */
  literal: string;
  /** Positions past PostgreSQL's limits were dropped: phrases in this item are prefiltered by their words. */
  longText: boolean;
}

/**
 * A query turned into PostgreSQL tsquery literals that find a superset of the items it can
 * match (undefined when nothing narrows it: a regex, feed:, tag:, NOT alone).
 */
export interface Prefilter {
  /** With phrases as <-> (for items whose positions are whole). */
  phrase?: string;
  /** Phrases as AND of their words (for long items). */
  words?: string;
}
