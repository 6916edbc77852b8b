/** Splits a watch-list query into tokens, each with its offset for error messages. */
import { SyntaxProblem } from './errors.js';

export type FieldName = 'title' | 'body' | 'person' | 'org' | 'place' | 'feed' | 'tag';
export const FIELD_NAMES: readonly FieldName[] = ['title', 'body', 'person', 'org', 'place', 'feed', 'tag'];

export type QueryToken =
  | { type: '(' | ')' | 'AND' | 'OR' | 'NOT'; offset: number; text: string }
  | { type: 'NEAR'; offset: number; text: string; distance: number }
  | { type: 'FIELD'; offset: number; text: string; field: FieldName }
  | { type: 'WORD' | 'PHRASE' | 'ENTITY'; offset: number; text: string; value: string }
  | { type: 'REGEX'; offset: number; text: string; value: string; flags: string };

const WORD_END = /[\s()"]/u;

/** Tokens of the query; throws SyntaxProblem at the offending character. */
export function lexQuery(query: string): QueryToken[] {
  const tokens: QueryToken[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    if (/\s/u.test(c)) { i++; continue; }
    const token = lexOne(query, i);
    tokens.push(token);
    i = token.offset + token.text.length;
  }
  return tokens;
}

function lexOne(q: string, i: number): QueryToken {
  const c = q[i]!;
  if (c === '(' || c === ')') return { type: c, offset: i, text: c };
  if (c === '"') return lexPhrase(q, i);
  if (c === '@' && q[i + 1] === '"') return lexQuotedEntity(q, i);
  // Only a slash that starts a token opens a regex: `NEAR/5` and `and/or` are not regexes.
  if (c === '/') return lexRegex(q, i);
  return lexWord(q, i);
}

function lexPhrase(q: string, i: number): QueryToken {
  const close = q.indexOf('"', i + 1);
  if (close < 0) throw new SyntaxProblem('this quote is never closed', i);
  const value = q.slice(i + 1, close);
  if (value.trim() === '') throw new SyntaxProblem('empty phrase ""', i);
  return { type: 'PHRASE', offset: i, text: q.slice(i, close + 1), value };
}

/** `@"US military"`: an entity whose name has spaces. */
function lexQuotedEntity(q: string, i: number): QueryToken {
  const phrase = lexPhrase(q, i + 1);
  const value = 'value' in phrase ? phrase.value : '';
  return { type: 'ENTITY', offset: i, text: q.slice(i, i + 1 + phrase.text.length), value };
}

function lexRegex(q: string, i: number): QueryToken {
  let j = i + 1;
  let inClass = false;
  for (; j < q.length; j++) {
    const c = q[j];
    if (c === '\\') { j++; continue; }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) break;
  }
  if (j >= q.length) throw new SyntaxProblem('this /regex/ is never closed', i);
  const flags = /^[a-z]*/.exec(q.slice(j + 1))![0];
  const bad = flags.search(/[^imsu]/);
  if (bad >= 0) throw new SyntaxProblem(`unknown regex flag "${flags[bad]}" (use i, m, s or u)`, j + 1 + bad);
  const value = q.slice(i + 1, j);
  if (value === '') throw new SyntaxProblem('empty /regex/', i);
  return { type: 'REGEX', offset: i, text: q.slice(i, j + 1 + flags.length), value, flags };
}

function lexWord(q: string, i: number): QueryToken {
  const field = /^([a-z]+):/.exec(q.slice(i, i + 8));
  if (field && (FIELD_NAMES as readonly string[]).includes(field[1]!)) {
    return { type: 'FIELD', offset: i, text: field[0], field: field[1] as FieldName };
  }
  let j = i;
  while (j < q.length && !WORD_END.test(q[j]!)) j++;
  const text = q.slice(i, j);
  if (text === 'AND' || text === 'OR' || text === 'NOT') return { type: text, offset: i, text };
  if (OPERATOR_WORDS.has(text.toLowerCase())) throw lowerCaseOperator(text, text.toUpperCase(), i);
  if (/^near\/\d+$/i.test(text) && !text.startsWith('NEAR')) throw lowerCaseOperator(text, text.toUpperCase(), i);
  if (text.startsWith('NEAR')) return lexNear(text, i);
  const unknownField = /^(\p{L}+):(?=\S)/u.exec(text);
  if (unknownField && !/^\p{N}/u.test(text)) {
    throw new SyntaxProblem(`unknown field "${unknownField[1]}:" (fields are ${FIELD_NAMES.map((f) => f + ':').join(' ')})`, i);
  }
  if (text.startsWith('@')) {
    if (text.length === 1) throw new SyntaxProblem('@ needs an entity name, as in @ISIS', i);
    return { type: 'ENTITY', offset: i, text, value: text.slice(1) };
  }
  return { type: 'WORD', offset: i, text, value: text };
}

const OPERATOR_WORDS = new Set(['and', 'or', 'not']);

/**
 * `virus or worm` would silently mean `virus AND or AND worm`, which never matches what was
 * meant: operators are written in capitals, and the word itself is quoted.
 */
function lowerCaseOperator(text: string, operator: string, offset: number): SyntaxProblem {
  return new SyntaxProblem(`"${text}" is not an operator (operators are written in capitals): did you mean ${operator}? To search for the word, quote it: "${text}"`, offset);
}

function lexNear(text: string, i: number): QueryToken {
  const m = /^NEAR\/(\d+)$/.exec(text);
  if (!m) {
    if (text === 'NEAR' || text === 'NEAR/') throw new SyntaxProblem('NEAR needs a distance, as in NEAR/5', i);
    if (!text.startsWith('NEAR/')) return { type: 'WORD', offset: i, text, value: text };
    throw new SyntaxProblem('NEAR needs a whole number of words, as in NEAR/5', i + 5);
  }
  const distance = Number(m[1]);
  if (distance < 1 || distance > 1000) throw new SyntaxProblem('NEAR distance must be from 1 to 1000 words', i + 5);
  return { type: 'NEAR', offset: i, text, distance };
}
