/**
 * Recognizes people, organizations and places in an article with rules and word lists over
 * the tokens the matcher already made (no model, no second pass over the text): capitalized
 * runs, titles and role words, organization and place head words, a place gazetteer, and
 * what the rest of the article says about the same name. English-centred: scripts without
 * capital letters yield only what the watch-list gazetteer knows.
 */
import type { FieldMatch, FoundEntity } from '../../types.js';
import { mergeNames, type NameMention } from '../merge.js';
import { findSegments } from './spans.js';
import { collectSure, keyOf, settleNames, type ArticleNames } from './typing.js';

export function recognizeEntities(fields: FieldMatch[]): FoundEntity[] {
  const names: ArticleNames = { sure: new Map() };
  const segmented = fields.map((f) => {
    const segs = findSegments(f.tokens);
    return { f, segs, guesses: collectSure(f.tokens, segs, names) };
  });
  const mentions: NameMention[] = [];
  for (const { f, segs, guesses } of segmented) {
    const t = f.tokens;
    for (const n of settleNames(t, segs, guesses, names)) {
      const start = t.starts[n.start]!;
      const end = t.ends[n.end - 1]!;
      const surface = t.text.slice(start, end).replace(/\s+/g, ' ');
      mentions.push({ field: f.name, start, end, surface, key: keyOf(t, n.start, n.end), type: n.type });
    }
  }
  return mergeNames(mentions);
}
