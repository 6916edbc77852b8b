/** Turns the text of a query word or phrase into the token units the matcher compares. */
import type { Unit } from './ast.js';
import { SyntaxProblem } from './errors.js';
import { isCaseSensitiveWord, tokenizeText } from '../tokenize/normalize.js';

/** Minimum letters or digits before a `*`: shorter prefixes match half the dictionary. */
export const MIN_PREFIX = 3;

/** How a term's words treat case: as query words do, or as entity names and aliases do. */
export type CaseRule = 'query' | 'name' | 'insensitive';

/**
 * Units of a word or phrase (`offset` is where `value` starts in the query, for errors).
 * Whitespace-separated chunks are split like article text; a chunk may end in `*`.
 */
export function parseTermUnits(value: string, offset: number, rule: CaseRule = 'query'): Unit[] {
  const units: Unit[] = [];
  const chunk = /\S+/g;
  for (let m = chunk.exec(value); m !== null; m = chunk.exec(value)) {
    units.push(...chunkUnits(m[0], offset + m.index, rule));
  }
  if (units.length === 0) throw new SyntaxProblem('this term has no letters or digits', offset);
  return units;
}

/**
 * A word's unit. Query words: 2 to 4 capitals match exactly, everything else folds. Names
 * (entity names and aliases): all capitals match only all capitals, a leading capital only a
 * capitalized word, lower case anything; `insensitive` folds them all.
 */
function wordUnit(raw: string, folded: string, rule: CaseRule): Unit {
  if (rule === 'query') return isCaseSensitiveWord(raw) ? { mode: 'case', value: raw } : { mode: 'fold', value: folded };
  if (rule === 'insensitive' || raw === folded) return { mode: 'fold', value: folded };
  if (isAllCapitals(raw)) return { mode: 'case', value: raw };
  return raw[0] !== raw[0]!.toLowerCase() ? { mode: 'cap', value: folded } : { mode: 'fold', value: folded };
}

/** Two letters or more, every letter with case a capital ("ISIS", "G20", "U.S." as "US"). */
function isAllCapitals(raw: string): boolean {
  let letters = 0;
  for (const ch of raw) {
    if (ch === ch.toLowerCase() && ch !== ch.toUpperCase()) return false;
    if (ch !== ch.toLowerCase()) letters++;
  }
  return letters >= 2;
}

function chunkUnits(chunk: string, offset: number, rule: CaseRule): Unit[] {
  const star = chunk.indexOf('*');
  if (star >= 0 && star !== chunk.length - 1) {
    throw new SyntaxProblem('a wildcard * goes only at the end of a word, as in airstrike*', offset + star);
  }
  const body = star >= 0 ? chunk.slice(0, -1) : chunk;
  const tokens = tokenizeText(body);
  const units: Unit[] = tokens.raw.map((raw, i) => wordUnit(raw, tokens.folded[i]!, rule));
  if (star < 0) return units;
  const last = units.length - 1;
  if (last < 0 || tokens.ends[last] !== body.length || [...tokens.folded[last]!].length < MIN_PREFIX) {
    throw new SyntaxProblem(`a wildcard needs at least ${MIN_PREFIX} letters before *, as in airstrike*`, offset + star);
  }
  units[last] = { mode: 'prefix', value: tokens.folded[last]! };
  return units;
}
