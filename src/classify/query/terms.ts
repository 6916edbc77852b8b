/** Turns the text of a query word or phrase into the token units the matcher compares. */
import type { Unit } from './ast.js';
import { SyntaxProblem } from './errors.js';
import { isCaseSensitiveWord, tokenizeText } from '../tokenize/normalize.js';

/** Minimum letters or digits before a `*`: shorter prefixes match half the dictionary. */
export const MIN_PREFIX = 3;

/**
 * Units of a word or phrase (`offset` is where `value` starts in the query, for errors).
 * Whitespace-separated chunks are split like article text; a chunk may end in `*`.
 */
export function parseTermUnits(value: string, offset: number): Unit[] {
  const units: Unit[] = [];
  const chunk = /\S+/g;
  for (let m = chunk.exec(value); m !== null; m = chunk.exec(value)) {
    units.push(...chunkUnits(m[0], offset + m.index));
  }
  if (units.length === 0) throw new SyntaxProblem('this term has no letters or digits', offset);
  return units;
}

function chunkUnits(chunk: string, offset: number): Unit[] {
  const star = chunk.indexOf('*');
  if (star >= 0 && star !== chunk.length - 1) {
    throw new SyntaxProblem('a wildcard * goes only at the end of a word, as in airstrike*', offset + star);
  }
  const body = star >= 0 ? chunk.slice(0, -1) : chunk;
  const tokens = tokenizeText(body);
  const units: Unit[] = tokens.raw.map((raw, i) => (isCaseSensitiveWord(raw) ? { mode: 'case', value: raw } : { mode: 'fold', value: tokens.folded[i]! }));
  if (star < 0) return units;
  const last = units.length - 1;
  if (last < 0 || tokens.ends[last] !== body.length || [...tokens.folded[last]!].length < MIN_PREFIX) {
    throw new SyntaxProblem(`a wildcard needs at least ${MIN_PREFIX} letters before *, as in airstrike*`, offset + star);
  }
  units[last] = { mode: 'prefix', value: tokens.folded[last]! };
  return units;
}
