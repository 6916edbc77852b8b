/** Errors of the classify stage. */
import { WirewatchError } from '../../errors.js';

/** Where in watchlists.yaml a query problem sits: which watch-list, which string, which character. */
export interface QueryErrorPlace {
  watchlist: string;
  /** The query itself, or one key of `weights`. */
  field: 'query' | 'weights';
  /** The weights key, when field is 'weights'. */
  weightKey?: string;
  /** 0-based offset into the query string (or the weights key, or the alias). */
  offset: number;
  /** Set when the problem is in an entity's alias (then watchlist is ''): entities.<entity>.aliases[alias]. */
  entity?: string;
  alias?: number;
}

/**
 * A watch-list query (or weights key) that cannot be compiled. The message carries no
 * position: the config loader turns `offset` into watchlists.yaml:line:col.
 */
export class QueryError extends WirewatchError {
  readonly watchlist: string;
  readonly field: 'query' | 'weights';
  readonly weightKey?: string;
  readonly offset: number;
  /** For a bad entity alias: the entity name and the alias index (watchlist is then ''). */
  readonly entity?: string;
  readonly alias?: number;
  /** The message without the 'classify: ' prefix, for file:line:col reports. */
  readonly detail: string;

  constructor(detail: string, place: QueryErrorPlace) {
    super('classify', detail, { permanent: true });
    this.detail = detail;
    this.watchlist = place.watchlist;
    this.field = place.field;
    if (place.weightKey !== undefined) this.weightKey = place.weightKey;
    this.offset = place.offset;
    if (place.entity !== undefined) this.entity = place.entity;
    if (place.alias !== undefined) this.alias = place.alias;
  }
}

/** A problem found while parsing one string, before we know which watch-list it belongs to. */
export class SyntaxProblem extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}
