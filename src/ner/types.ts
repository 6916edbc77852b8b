/** Types shared by the recognizer's modules. */
import type { Gazetteer } from './gazetteer.js';

export type NameType = 'person' | 'org' | 'place' | 'misc';

export interface RecognizedName {
  field: 'title' | 'body';
  /** JavaScript string indices into the field's text as given: text === field.slice(start, end). */
  start: number;
  end: number;
  type: NameType;
  text: string;
}

/**
 * The tokens of one field as parallel arrays. Token k is text[starts[k] .. ends[k]);
 * `sentStart[k]` is 1 when token k opens a sentence (a line break always opens one).
 */
export interface Tokens {
  text: string;
  length: number;
  starts: Int32Array;
  ends: Int32Array;
  sentStart: Uint8Array;
}

/** The four name types in label order (BILOU label ids are built from these indices). */
export const TYPES: readonly NameType[] = ['person', 'org', 'place', 'misc'];

/** Thrown when the shipped model cannot be read. */
export class NerModelError extends Error {
  constructor(message: string) {
    super(`ner: ${message}`);
    this.name = 'NerModelError';
  }
}

/** Lexical knowledge the features consult besides the weights (all shipped in the model file). */
export interface Resources {
  /** Lower-cased word -> bucket (1..5) of how often it is capitalized mid-sentence in unlabeled news. */
  prior: Map<string, number>;
  /** Names seen in training, by the hash of their lower-cased token sequence (gazetteerKey). */
  gazetteer: Gazetteer;
}
