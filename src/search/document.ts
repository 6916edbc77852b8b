/**
 * searchVector: an item's words as PostgreSQL indexes them, made from the same tokens the
 * classifier reads (NFKC, diacritics removed, case folded, U.S. as us), so a query word and a
 * text word that classify would pair are one lexeme here too. Title words carry weight A,
 * body words D, recognized names B: `title:` and `body:` narrow by weight, and a phrase never
 * runs across from the title into the body (a gap of positions lies between them).
 */
import { tokenizeText } from '../classify/tokenize/normalize.js';
import type { SearchableText, SearchVector } from './types.js';

/** PostgreSQL's limits: a position is at most 16,383; a lexeme keeps 256 positions; 2 KB a lexeme. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS = 255;
const MAX_LEXEME_BYTES = 2_000;
const FIELD_GAP = 8;

class VectorBuilder {
  readonly lexemes = new Map<string, string[]>();
  position = 1;
  longText = false;

  add(words: string[], weight: 'A' | 'B' | 'D'): void {
    for (const word of words) {
      if (word.length === 0 || Buffer.byteLength(word) > MAX_LEXEME_BYTES) continue;
      let positions = this.lexemes.get(word);
      if (!positions) this.lexemes.set(word, (positions = []));
      const at = Math.min(this.position, MAX_POSITION);
      if (this.position > MAX_POSITION) this.longText = true;
      if (positions.length >= MAX_POSITIONS) this.longText = true;
      else if (!(this.position > MAX_POSITION && positions.length > 0)) positions.push(`${at}${weight === 'D' ? '' : weight}`);
      this.position++;
    }
    this.position += FIELD_GAP;
  }

  literal(): string {
    const parts: string[] = [];
    for (const [word, positions] of this.lexemes) parts.push(`${quoteLexeme(word)}:${positions.join(',')}`);
    return parts.join(' ');
  }
}

/** A lexeme quoted for a tsvector or tsquery literal. */
export function quoteLexeme(word: string): string {
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

export function searchVector(item: SearchableText): SearchVector {
  const b = new VectorBuilder();
  b.add(tokenizeText(item.title).folded, 'A');
  b.add(tokenizeText(item.body).folded, 'D');
  const names = new Set(item.entities.flatMap((e) => e.names ?? [e.name]));
  for (const name of names) b.add(tokenizeText(name).folded, 'B');
  return { literal: b.literal(), longText: b.longText };
}
