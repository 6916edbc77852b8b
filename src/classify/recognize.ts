/** Kept at its former path for bench/ner.ts (owned by the recognizer work) until it imports from ./index.js; then delete. */
import { entitiesFromSpans } from './entities/recognized.js';
import { findNamesByRules } from './entities/rules/recognize.js';
import type { FoundEntity } from './types.js';
import type { FieldMatch } from './match-text.js';

/** The rules' entities of tokenized fields (title first, then body), variants merged. */
export function recognizeEntities(fields: FieldMatch[]): FoundEntity[] {
  const spans = findNamesByRules(fields);
  const title = fields.find((f) => f.name === 'title')?.tokens;
  const body = fields.find((f) => f.name === 'body')?.tokens;
  return entitiesFromSpans(spans, { title: title ?? body!, body: body ?? title! });
}
