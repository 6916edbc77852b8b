/**
 * Words and two-word phrases of the cases, as query terms a suggestion may add or exclude.
 * A term is written so the query language reads it as meant: phrases quoted, words that are
 * operators left out, and a word of 2 to 4 capitals kept in capitals (matched case-sensitively)
 * only when the texts write it so, since `us` and `US` are not the same word.
 */

/** Function words: never a term on their own, nor the end of a phrase. */
const STOP = new Set(`a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has have having he her
here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on
once only or other our ours out over own same she should so some such than that the their theirs them then there these
they this those through to too under until up very was we were what when where which while who whom why will with would
you your yours said says say told one two three new last first year years week month time people mr mrs ms also its it's
like many much may might must still well back even way get got make made could us per cent according`.split(/\s+/));

/** Words the query language reads as operators, whatever their case. */
const OPERATORS = new Set(['and', 'or', 'not', 'near']);

export interface Token {
  /** Folded: lower case, accents removed. */
  key: string;
  /** As written. */
  raw: string;
}

/** Splits like the classifier does (letters and digits; hyphens and apostrophes split words). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.normalize('NFKC').matchAll(/[\p{L}\p{N}]+/gu)) {
    out.push({ raw: m[0], key: m[0].normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase() });
  }
  return out;
}

const isCaps = (raw: string) => /^\p{Lu}{2,4}$/u.test(raw);

function usableWord(key: string): boolean {
  return !STOP.has(key) && !OPERATORS.has(key) && !/^\p{N}+$/u.test(key) && /\p{L}/u.test(key);
}

/** Per case, the distinct candidate terms it contains (folded keys: `word` or `word word`). */
export function caseTerms(text: string, caps: Map<string, [number, number]>): Set<string> {
  const tokens = tokenize(text);
  const terms = new Set<string>();
  tokens.forEach((t, i) => {
    const counts = caps.get(t.key) ?? [0, 0];
    counts[isCaps(t.raw) ? 0 : 1]++;
    caps.set(t.key, counts);
    if (usableWord(t.key) && (t.key.length >= 3 || isCaps(t.raw))) terms.add(t.key);
    const next = tokens[i + 1];
    if (next && usableWord(t.key) && usableWord(next.key) && t.key.length > 1 && next.key.length > 1) terms.add(`${t.key} ${next.key}`);
  });
  return terms;
}

/**
 * The query form of a folded term. A 2-4 letter word the texts mostly write in capitals
 * becomes a case-sensitive capitals word; any other is written in lower case.
 */
export function queryTerm(key: string, caps: Map<string, [number, number]>): string {
  if (key.includes(' ')) return `"${key}"`;
  const [upper, other] = caps.get(key) ?? [0, 0];
  return key.length >= 2 && key.length <= 4 && upper > other ? key.toUpperCase() : key;
}
