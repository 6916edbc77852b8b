/**
 * The classifier's shared types, in one place so that imports flow one way. The folders run
 * in the order an article meets them, each importing only from those before it:
 *
 *   tokenize/normalize (what a word is, shared by queries and text)
 *     -> query (lexer, parser, terms) -> compile (term index, flat tables)
 *     -> tokenize/match-text (an article's fields against the index)
 *     -> entities (gazetteer, recognizer, merging, the case rule)
 *     -> judge (which terms hit, the verdict, the score) -> explain (why, backtests)
 *
 * This file imports types only, from modules that import nothing of the classifier.
 */
import type { RE2JS } from 're2js';
import type { ClassifyInput, EntityMention, EntityType, Mention, WatchlistMatch } from '../types.js';
import type { Leaf } from './query/ast.js';
import type { TokenizedText } from './tokenize/normalize.js';

/** Row r is values[start[r] .. start[r + 1]): compact lists of ids for the hot path. */
export interface Rows {
  start: Int32Array;
  values: Int32Array;
}

/** The lookup tables matching reads, sealed into typed arrays (see compile/term-index.ts). */
export interface SealedLookup {
  /**
   * Per unit, UNIT_INFO ints: the one-unit seq made of it (or -1); where its phrases (seqs of
   * two or more units that start with it) start and end in `phrases`; its case rule (CASE_*
   * of tokenize/match-text.ts).
   */
  unitInfo: Int32Array;
  phrases: Int32Array;
  /** seq -> its units. */
  seqUnits: Rows;
  /** seq -> 1 when one of its units has a case rule (CASE_EXACT or CASE_CAP). */
  seqCase: Uint8Array;
}

/** What an article's matching needs from the term index. */
export interface TermLookup {
  readonly sealed: SealedLookup;
  /** seq id -> its unit ids. */
  readonly seqUnits: readonly number[][];
  /** Appends to `out` the units token k matches; returns how many. */
  tokenUnitsInto(t: TokenizedText, k: number, out: number[]): number;
  /** The unit ids a token matches, given its case-kept and folded forms and hashWord(folded). */
  unitsOf(raw: string, folded: string, hash: number): number[];
  /** The words of a seq, or undefined for a unit that is a prefix (it has no sound). */
  seqWords(seq: number): (string | undefined)[];
}

/** One field after matching: its tokens and, per indexed sequence, where it occurs. */
export interface FieldMatch {
  name: 'title' | 'body';
  tokens: TokenizedText;
  /** seq id -> token spans as a flat list [start, end, start, end, ...] (end exclusive), in order. */
  seqSpans: Map<number, number[]>;
  /**
   * Occurrences of case-ruled terms where case says nothing, as [seq, start, end] triples: they
   * count once the recognizer sees a name there (entities/case-rule.ts).
   */
  undecided: number[];
}

/** One occurrence of a term: the field it is in and character offsets into that field's text. */
export interface Occurrence {
  field: string;
  start: number;
  end: number;
}

/** A query tree whose leaves point into Classifier.leaves; `pc` is where it starts in its list's code. */
export type CompiledNode =
  | { op: 'and' | 'or'; items: CompiledNode[]; text: string; pc: number }
  | { op: 'not'; item: CompiledNode; text: string; pc: number }
  | { op: 'leaf'; id: number; text: string; pc: number };

export interface CompiledLeaf {
  leaf: Leaf;
  /** Every seq whose occurrence can make this leaf hit (both sides for NEAR). */
  seqs: number[];
  left: number[];
  right: number[];
  regex?: RE2JS;
}

export interface CompiledEntity {
  name: string;
  type: EntityType;
  aliases: string[];
  seqs: number[];
}

export interface CompiledWeight {
  key: string;
  weight: number;
  leaves: { id: number; text: string }[];
}

export interface CompiledWatchlist {
  id: string;
  query: CompiledNode;
  /** The query's positive terms (not under NOT), distinct by text. */
  terms: { id: number; text: string }[];
  weights: CompiledWeight[];
  /** What a verdict lists hits of: query terms, then weight terms, distinct by text. */
  explained: { id: number; text: string }[];
  threshold: number;
  alert?: number;
  /** The shared verdict for an article that contains none of its terms. */
  empty: Readonly<WatchlistMatch>;
}

/** The compiled watch-lists as flat typed arrays, for the per-article hot path (compile/flat.ts). */
export interface FlatClassifier {
  /** Every query's code, back to back; list i starts at codeStart[i]. */
  code: Int32Array;
  codeStart: Int32Array;
  /** Leaf ids of list i's distinct positive terms: termIds[termStart[i] .. termStart[i + 1]). */
  termStart: Int32Array;
  termIds: Int32Array;
  /** Lists that use leaf l: leafLists[leafListStart[l] .. leafListStart[l + 1]). */
  leafListStart: Int32Array;
  leafLists: Int32Array;
  /** Leaves a seq can make hit: seqLeafIds[seqLeafStart[s] .. seqLeafStart[s + 1]). */
  seqLeafStart: Int32Array;
  seqLeafIds: Int32Array;
  leafMode: Uint8Array;
  /** list -> 1 when it has weights (its score needs occurrences, not just which terms hit). */
  weighted: Uint8Array;
  /** list -> fewest distinct leaves that must hit for its query to match (a lower bound). */
  minHits: Int32Array;
  /** list -> 1 when its score is the number of its leaves that hit (each leaf one positive term). */
  countIsScore: Uint8Array;
}

/**
 * Marks stamped with the current article's generation instead of Sets built per article:
 * with a thousand watch-lists, an article touches hundreds of terms and lists.
 */
export interface Scratch {
  generation: number;
  leafSeen: Uint32Array;
  leafHit: Uint32Array;
  listTouched: Uint32Array;
  /** Per touched list, how many of its leaves hit. */
  listHits: Int32Array;
}

/** Everything classifyItem needs; build it with compileWatchlists. */
export interface Classifier {
  index: TermLookup;
  leaves: CompiledLeaf[];
  /** Leaves not found through the token index (regex, feed:, tag:, person:, org:, place:). */
  alwaysLeaves: number[];
  watchlists: CompiledWatchlist[];
  /** Every watch-list's empty verdict, in order: an article's verdicts start as a copy. */
  emptyMatches: Readonly<WatchlistMatch>[];
  entities: CompiledEntity[];
  /** Per-article marks, reused across calls (classifyItem is synchronous, so one at a time). */
  scratch: Scratch;
  /** The same watch-lists as flat arrays, for the hot path. */
  flat: FlatClassifier;
}

/** The types a recognizer gives the names it shows. */
export type NameType = 'person' | 'org' | 'place';

/**
 * A name a recognizer found: offsets into that field's text as given (JavaScript string
 * indices). MISC (nationalities, events, works...) is never shown as an entity, but it is a
 * name: the case rule counts it.
 */
export interface NameSpan {
  field: 'title' | 'body';
  start: number;
  end: number;
  type: NameType | 'misc';
  text: string;
}

/** What a recognizer reads. */
export interface RecognizerInput {
  title: string;
  body: string;
  /** The document's language (BCP 47), when known. */
  lang?: string;
}

/** Finds the names of a document; null when it cannot read the document (not its language). */
export type Recognizer = (doc: RecognizerInput) => NameSpan[] | null;

/** An entity found in one article, with every name it went by and where it was mentioned. */
export interface FoundEntity extends EntityMention {
  /** The canonical name first, then every variant seen (and, for the gazetteer, its aliases). */
  names: string[];
  mentions: Mention[];
}

/** What a leaf is evaluated against: the matched fields, the item, and its entities. */
export interface ArticleContext {
  classifier: Classifier;
  fields: FieldMatch[];
  input: ClassifyInput;
  entities: FoundEntity[];
  /** Snippets already cut, by field and offsets (see judge/snippets.ts). */
  snippets: Map<number | string, string>;
}
