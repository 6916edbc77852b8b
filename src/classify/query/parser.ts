/**
 * The watch-list query language (README.md, "The query language"), made exact. Where the design left a choice,
 * this is the choice (each is tested in test/classify):
 *
 * Text and tokens
 * - Tokens are runs of letters, marks and digits; every other character (hyphen, apostrophe,
 *   dot, slash) splits words, except that dotted single letters (`U.S.`, `U.N.`, `D.C.`) join
 *   into one token (`US`). Chinese, Japanese, Thai, Lao, Khmer and Myanmar runs are split into
 *   words by Intl.Segmenter. Matching forms are NFKC, with Latin/Greek/Cyrillic diacritics,
 *   Arabic harakat and tatweel, and Hebrew points removed, then case folded (ß = ss, ς = σ).
 *   Kana voicing marks and Indic vowel signs are kept: they change the word. Soft hyphens and
 *   word joiners inside a word are dropped.
 * - A query word is split like text, so `al-Qaeda` is the phrase "al qaeda", `U.S.-led` is
 *   "US led" and `Libya's` is "Libya s". A piece written in 2 to 4 capital letters (`IS`, `US`,
 *   `U.S.`, `GNA`, `NATO`) matches only that exact capitalization, in phrases too; 5 or more
 *   capitals (`AFRICOM`) and everything else fold case. A text in capitals still contains the
 *   word: `troops` matches "MORE TROOPS"; but `IS` in a line in capitals counts only where the
 *   recognizer sees a name (case says nothing there).
 * - Entity names and aliases keep their case (README, "Names and case"): capitals match only
 *   capitals, a leading capital only a capitalized word, lower case anything, unless the entity
 *   says `case: insensitive`; where case says nothing (sentence starts, Title Case and capitals
 *   lines) the recognizer decides (tokenize/case-positions.ts, entities/case-rule.ts).
 * - `word*` is a case-insensitive prefix with at least 3 letters or digits before `*`; `*` goes
 *   only at the end of a word (it may end a word inside a phrase: `"special force*"`).
 * - A phrase matches consecutive tokens of one field; punctuation and line breaks between them
 *   do not matter ("Islamic\nState" and "Islamic State." both match "Islamic State").
 *
 * Operators
 * - Operators are AND, OR, NOT and NEAR/n, in capitals. The same words in any other case
 *   (`or`, `Not`, `near/5`) are refused, since `virus or worm` would silently mean three
 *   ANDed words; a quoted `"or"` is the word (`near` without a distance is a word).
 *   Precedence NEAR > NOT > AND (explicit or implicit, by adjacency) > OR, so `a OR b c` is
 *   `a OR (b AND c)` and `a NOT b` is `a AND NOT b`. Parentheses group.
 * - `A NEAR/n B`: an occurrence of A and one of B that do not overlap, in the same field, whose
 *   token positions differ by at most n (adjacent words differ by 1), in either order; for
 *   phrases the distance runs between their nearest ends. A and B may be words, phrases,
 *   wildcards, @entities or parenthesized OR-groups of them; n is 1 to 1000. A NEAR whose two
 *   sides are pinned to different fields (`title:a NEAR/5 body:b`) is refused; a side pinned
 *   to one field pins the pair.
 * - A query that would match an item containing none of its terms (`NOT x`, `a OR NOT b`)
 *   can match only by what it excludes: refused, at its first NOT.
 *
 * Fields and entities
 * - `title:` and `body:` restrict a term; without one a term looks in either. A field before
 *   parentheses applies inside them: `title:(ISIS OR Daesh)`; a different field inside is an
 *   error. Phrases and NEAR never span the two fields.
 * - `@Name` matches the entity's name and every alias (case-insensitive lookup of Name;
 *   `@"US military"` for names with spaces). An unknown entity is an error.
 * - `person:`, `org:`, `place:` match the item's entities of that type (the gazetteer's and
 *   the recognized ones): the value (word, phrase, wildcard or @entity) must occur in one of
 *   the entity's names, merged variants included, and person names also match by sound
 *   (person:Gadhafi matches an item that says "Muammar Gaddafi" or "Qaddafi"). A gazetteer
 *   entity's names are its key and what the article wrote, not all its aliases (an entity may
 *   group places: place:Tunisia must not match "Libya"); `place:@NorthAfrica` takes any alias.
 *   Hits point at the entity's mentions in the text.
 * - `feed:` and `tag:` compare the whole feed id or tag case-insensitively; `feed:libya*` is a
 *   prefix.
 * - `/regex/flags` (flags i, m, s, u) runs on the raw text of title and body, or of the field
 *   given, on RE2 (query/regex.ts): linear time, no lookaround or backreferences (refused at
 *   their place). It is the escape hatch: it runs for every article.
 *
 * Scores and hits
 * - Score: the sum over `weights` of weight x hits, each entry counting at most 3 hits; a
 *   weight key is one term, a NEAR, or an OR of them (AND and NOT are refused). Without
 *   weights, the number of distinct positive query terms (by text, not under NOT) that hit.
 *   Overlapping occurrences of one term count once (the longest).
 * - Hits list, per term, up to 3 occurrences with field, offsets into that field and a
 *   one-line snippet; verdicts list hits when the query matched (opt in to all with
 *   `{ hits: 'all' }`).
 */
import type { FieldName, QueryToken } from './lexer.js';
import { lexQuery } from './lexer.js';
import type { Leaf, Positional, QueryNode, TextField } from './ast.js';
import { SyntaxProblem } from './errors.js';
import { compileRegex } from './regex.js';
import { parseTermUnits } from './terms.js';

/** What the parser needs to know about the rest of the file. */
export interface ParseContext {
  /** Entity names, lower-cased -> the name as written in the file. */
  entities: ReadonlyMap<string, string>;
}

/** Deepest nesting of parentheses and NOTs: the parse recurses that deep, and so does everything that walks the tree. */
const MAX_NESTING = 100;

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly q: string, private readonly tokens: QueryToken[], private readonly ctx: ParseContext) {}

  /** One level deeper, or a clear error: 4,000 "(" must not overflow the stack. */
  private nested<T>(offset: number, parse: () => T): T {
    if (++this.depth > MAX_NESTING) throw new SyntaxProblem(`parentheses and NOTs nested more than ${MAX_NESTING} deep`, offset);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  parse(): QueryNode {
    if (this.tokens.length === 0) throw new SyntaxProblem('empty query', 0);
    const node = this.parseOr(undefined);
    const next = this.peek();
    if (next) throw new SyntaxProblem(next.type === ')' ? 'this ) has no matching (' : `unexpected ${next.text}`, next.offset);
    return node;
  }

  private peek(): QueryToken | undefined {
    return this.tokens[this.pos];
  }

  private parseOr(field: FieldName | undefined): QueryNode {
    const items = [this.parseAnd(field)];
    while (this.peek()?.type === 'OR') {
      const op = this.tokens[this.pos++]!;
      if (!this.startsTerm(this.peek())) throw new SyntaxProblem('OR needs a term after it', op.offset);
      items.push(this.parseAnd(field));
    }
    return combine('or', items);
  }

  private parseAnd(field: FieldName | undefined): QueryNode {
    const items = [this.parseUnary(field)];
    for (;;) {
      const next = this.peek();
      if (next?.type === 'AND') {
        this.pos++;
        if (!this.startsTerm(this.peek())) throw new SyntaxProblem('AND needs a term after it', next.offset);
      } else if (!this.startsTerm(next)) break;
      items.push(this.parseUnary(field));
    }
    return combine('and', items);
  }

  private startsTerm(t: QueryToken | undefined): boolean {
    return t !== undefined && !['AND', 'OR', ')', 'NEAR'].includes(t.type);
  }

  private parseUnary(field: FieldName | undefined): QueryNode {
    const t = this.peek();
    if (t === undefined) throw new SyntaxProblem('the query ends where a term was expected', this.q.length);
    if (t.type !== 'NOT') return this.parseNear(field);
    this.pos++;
    if (!this.startsTerm(this.peek())) throw new SyntaxProblem('NOT needs a term after it', t.offset);
    const item = this.nested(t.offset, () => this.parseUnary(field));
    return { kind: 'not', item, offset: t.offset, end: item.end };
  }

  private parseNear(field: FieldName | undefined): QueryNode {
    let left = this.parsePrimary(field);
    while (this.peek()?.type === 'NEAR') {
      const op = this.tokens[this.pos++] as Extract<QueryToken, { type: 'NEAR' }>;
      if (!this.startsTerm(this.peek()) || this.peek()?.type === 'NOT') {
        throw new SyntaxProblem(`${op.text} needs a word, phrase or @entity after it`, op.offset);
      }
      const right = this.parsePrimary(field);
      left = buildNear(this.q, left, right, op);
    }
    return left;
  }

  private parsePrimary(field: FieldName | undefined): QueryNode {
    const t = this.tokens[this.pos++];
    if (t === undefined) throw new SyntaxProblem('the query ends where a term was expected', this.q.length);
    if (t.type === '(') return this.parseGroup(t, field);
    if (t.type === 'FIELD') return this.parseFielded(t, field);
    if (t.type === 'WORD' || t.type === 'PHRASE' || t.type === 'ENTITY' || t.type === 'REGEX') {
      return this.leafNode(t, field);
    }
    if (t.type === ')') throw new SyntaxProblem('this ) has no matching (', t.offset);
    throw new SyntaxProblem(`${t.text} needs a term before it`, t.offset);
  }

  private parseGroup(open: QueryToken, field: FieldName | undefined): QueryNode {
    if (this.peek()?.type === ')') throw new SyntaxProblem('empty parentheses', open.offset);
    const inner = this.nested(open.offset, () => this.parseOr(field));
    const close = this.tokens[this.pos++];
    if (close?.type !== ')') throw new SyntaxProblem('this ( is never closed', open.offset);
    return { ...inner, offset: open.offset, end: close.offset + 1 };
  }

  private parseFielded(t: Extract<QueryToken, { type: 'FIELD' }>, outer: FieldName | undefined): QueryNode {
    const next = this.peek();
    if (next === undefined || next.offset !== t.offset + t.text.length || !this.startsTerm(next) || next.type === 'FIELD' || next.type === 'NOT') {
      throw new SyntaxProblem(`${t.text} must be followed directly by a term, as in ${t.text}Libya`, t.offset);
    }
    if (outer !== undefined && outer !== t.field) {
      throw new SyntaxProblem(`${t.text} inside ${outer}: can never match`, t.offset);
    }
    const node = this.parsePrimary(t.field);
    return { ...node, offset: t.offset };
  }

  private leafNode(t: QueryToken, field: FieldName | undefined): QueryNode {
    const leaf = buildLeaf(t, field, this.ctx);
    const text = (field ? `${field}:` : '') + t.text;
    return { kind: 'leaf', leaf, text, offset: t.offset, end: t.offset + t.text.length };
  }
}

function combine(kind: 'and' | 'or', items: QueryNode[]): QueryNode {
  if (items.length === 1) return items[0]!;
  return { kind, items, offset: items[0]!.offset, end: items[items.length - 1]!.end };
}

function buildLeaf(t: QueryToken, field: FieldName | undefined, ctx: ParseContext): Leaf {
  if (field === 'feed' || field === 'tag') return buildMeta(t, field);
  if (t.type === 'REGEX') {
    if (field === 'person' || field === 'org' || field === 'place') {
      throw new SyntaxProblem(`a /regex/ reads title or body text, not ${field}:`, t.offset);
    }
    compileRegex(t.value, t.flags, t.offset);
    return { kind: 'regex', field: field ?? 'any', source: t.value, flags: t.flags };
  }
  const pattern = buildPositional(t, ctx);
  if (field === 'person' || field === 'org' || field === 'place') return { kind: 'named', field, pattern };
  return { kind: 'text', field: field ?? 'any', pattern };
}

function buildPositional(t: QueryToken, ctx: ParseContext): Positional {
  if (t.type === 'ENTITY') {
    const name = ctx.entities.get(t.value.toLowerCase());
    if (name === undefined) throw new SyntaxProblem(`unknown entity @${t.value} (define it under entities:)`, t.offset);
    return { kind: 'entity', name };
  }
  if (t.type === 'WORD') return { kind: 'seq', units: parseTermUnits(t.value, t.offset) };
  if (t.type === 'PHRASE') return { kind: 'seq', units: parseTermUnits(t.value, t.offset + 1) };
  throw new SyntaxProblem(`unexpected ${t.text}`, t.offset);
}

function buildMeta(t: QueryToken, field: 'feed' | 'tag'): Leaf {
  if (t.type !== 'WORD' && t.type !== 'PHRASE') {
    throw new SyntaxProblem(`${field}: takes a name, as in ${field}:libya`, t.offset);
  }
  const value = t.value.trim().toLowerCase();
  const prefix = value.endsWith('*');
  if (value.slice(0, -1).includes('*')) throw new SyntaxProblem('a wildcard * goes at the end of a word', t.offset);
  return { kind: 'meta', field, value: prefix ? value.slice(0, -1) : value, prefix };
}

/** The positional content of a node usable as a NEAR side, with the field it is pinned to. */
function positionalOf(node: QueryNode): { pattern: Positional; field: TextField } | undefined {
  if (node.kind === 'leaf' && node.leaf.kind === 'text') return { pattern: node.leaf.pattern, field: node.leaf.field };
  if (node.kind !== 'or') return undefined;
  const parts = node.items.map(positionalOf);
  if (parts.some((p) => p === undefined)) return undefined;
  const fields = new Set(parts.map((p) => p!.field));
  if (fields.size > 1) return undefined;
  return { pattern: { kind: 'group', items: parts.map((p) => p!.pattern) }, field: parts[0]!.field };
}

function buildNear(q: string, left: QueryNode, right: QueryNode, op: Extract<QueryToken, { type: 'NEAR' }>): QueryNode {
  const a = positionalOf(left);
  const b = positionalOf(right);
  const what = 'NEAR joins words, phrases, wildcards, @entities or (… OR …) groups of them in title or body';
  if (!a) throw new SyntaxProblem(what, left.offset);
  if (!b) throw new SyntaxProblem(what, right.offset);
  if (a.field !== 'any' && b.field !== 'any' && a.field !== b.field) {
    throw new SyntaxProblem(`NEAR compares words of one field; these are in ${a.field}: and ${b.field}:`, op.offset);
  }
  const field = a.field !== 'any' ? a.field : b.field;
  const leaf: Leaf = { kind: 'near', field, left: a.pattern, right: b.pattern, distance: op.distance };
  return { kind: 'leaf', leaf, text: q.slice(left.offset, right.end), offset: left.offset, end: right.end };
}

/** True when the query is satisfied by an item in which none of its terms occur. */
function matchesNothingPresent(node: QueryNode): boolean {
  if (node.kind === 'leaf') return false;
  if (node.kind === 'not') return !matchesNothingPresent(node.item);
  if (node.kind === 'and') return node.items.every(matchesNothingPresent);
  return node.items.some(matchesNothingPresent);
}

function firstNot(node: QueryNode): number {
  if (node.kind === 'not') return node.offset;
  if (node.kind === 'leaf') return -1;
  for (const item of node.items) {
    const at = firstNot(item);
    if (at >= 0) return at;
  }
  return -1;
}

/** Parses a query; throws SyntaxProblem (message and offset) on any error. */
export function parseQuery(query: string, ctx: ParseContext): QueryNode {
  const node = new Parser(query, lexQuery(query), ctx).parse();
  if (matchesNothingPresent(node)) {
    throw new SyntaxProblem('this query can match only by what it excludes: add a term it must find', Math.max(0, firstNot(node)));
  }
  return node;
}
