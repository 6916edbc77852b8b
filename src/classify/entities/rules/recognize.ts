/**
 * Today's recognizer: people, organizations and places found with rules and word lists over
 * the tokens (no model): capitalized runs, titles and role words, organization and place head
 * words, a place gazetteer, and what the rest of the article says about the same name.
 * English-centred: scripts without capital letters yield nothing. It reads any language, so
 * it never answers null.
 */
import type { TokenizedText } from '../../tokenize/normalize.js';
import type { NameSpan, Recognizer } from '../../types.js';
import { tokensOf } from '../doc-tokens.js';
import { findSegments } from './spans.js';
import { collectSure, settleNames, type ArticleNames } from './typing.js';

/** The names the rules find in tokenized fields, in field order, then text order. */
export function findNamesByRules(fields: { name: 'title' | 'body'; tokens: TokenizedText }[]): NameSpan[] {
  const names: ArticleNames = { sure: new Map() };
  const segmented = fields.map((f) => {
    const segs = findSegments(f.tokens);
    return { f, segs, guesses: collectSure(f.tokens, segs, names) };
  });
  const out: NameSpan[] = [];
  for (const { f, segs, guesses } of segmented) {
    const t = f.tokens;
    for (const n of settleNames(t, segs, guesses, names)) {
      const start = t.starts[n.start]!;
      const end = t.ends[n.end - 1]!;
      out.push({ field: f.name, start, end, type: n.type, text: t.text.slice(start, end) });
    }
  }
  return out;
}

/** The rules as a Recognizer (see ../recognizer.ts). */
export const recognizeByRules: Recognizer = (doc) => {
  const tokens = tokensOf(doc);
  return findNamesByRules([{ name: 'title', tokens: tokens.title }, { name: 'body', tokens: tokens.body }]);
};
