/** The parsed form of a watch-list query. */

/** Which text field a positional term looks in: either, the title only, or the body only. */
export type TextField = 'any' | 'title' | 'body';
export type EntityField = 'person' | 'org' | 'place';
export type MetaField = 'feed' | 'tag';

/**
 * One token of a term. `fold` compares case-folded forms, `case` compares the case-kept form
 * exactly (query words of 2 to 4 capitals, entity aliases in capitals), `cap` compares folded
 * forms of a token that starts with a capital (capitalized entity aliases), `prefix` is a
 * case-folded prefix (`word*`).
 */
export interface Unit {
  mode: 'fold' | 'case' | 'cap' | 'prefix';
  value: string;
}

/** Something that occurs at token positions: a word or phrase, an entity's aliases, or an OR of those. */
export type Positional =
  | { kind: 'seq'; units: Unit[] }
  | { kind: 'entity'; name: string }
  | { kind: 'group'; items: Positional[] };

export type Leaf =
  | { kind: 'text'; field: TextField; pattern: Positional }
  | { kind: 'near'; field: TextField; left: Positional; right: Positional; distance: number }
  | { kind: 'named'; field: EntityField; pattern: Positional }
  | { kind: 'meta'; field: MetaField; value: string; prefix: boolean }
  | { kind: 'regex'; field: TextField; source: string; flags: string };

/** `offset`/`end` delimit the node in the query string; `text` is how a hit names the term. */
export type QueryNode =
  | { kind: 'and' | 'or'; items: QueryNode[]; offset: number; end: number }
  | { kind: 'not'; item: QueryNode; offset: number; end: number }
  | { kind: 'leaf'; leaf: Leaf; text: string; offset: number; end: number };
