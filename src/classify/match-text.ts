/** Kept at its former path for bench/ner.ts (owned by the recognizer work) until it imports from ./index.js; then delete. */
import type { FieldMatch as Matched } from './types.js';

/** A field as bench/ner.ts builds it: name, tokens, and (unused by recognition) its spans. */
export type FieldMatch = Pick<Matched, 'name' | 'tokens' | 'seqSpans'>;
