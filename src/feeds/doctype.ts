/**
 * Reads the DOCTYPE of an XML document with a scanner that only moves forward: where the
 * declaration starts and ends, and the general entities its internal subset declares. A
 * regular expression with a lazy `[\s\S]*?` did this before and cost quadratic time on a
 * document repeating "<!DOCTYPE [" (20 s for 1 MB). The scanner looks in the prolog only,
 * so a DOCTYPE quoted inside CDATA content is content, and honours quoted literals, so a
 * `]>` inside an entity value does not end the subset.
 */
import { FeedParseError } from './feed-parse-error.js';
import { nameAt, skipMisc, startsWithIgnoreCase } from './prolog.js';

/** Most entities one document may declare; real feeds declare a handful. */
export const MAX_DECLARED_ENTITIES = 10_000;

export interface Doctype {
  start: number;
  /** Index just past the closing `>`. */
  end: number;
  /** Internal general entities, name to replacement text (the first declaration wins). */
  entities: Map<string, string>;
}

const SPACE = new Set([' ', '\t', '\n', '\r']);

function skipSpace(text: string, i: number): number {
  while (i < text.length && SPACE.has(text[i]!)) i++;
  return i;
}

function neverCloses(start: number): FeedParseError {
  return new FeedParseError(`DOCTYPE declaration at offset ${start} never closes`);
}

/** Index just past `close`, searched from `from`; the DOCTYPE never closes when it is missing. */
function past(text: string, from: number, close: string, doctypeStart: number): number {
  const at = text.indexOf(close, from);
  if (at < 0) throw neverCloses(doctypeStart);
  return at + close.length;
}

/** Where the prolog's DOCTYPE starts, or -1: only declarations, comments and space may come before it. */
function findInProlog(text: string): number {
  const i = skipMisc(text);
  return i >= 0 && startsWithIgnoreCase(text, i, '<!DOCTYPE') ? i : -1;
}

/** One `<!...>` markup declaration from `i`; an ENTITY's value goes into `entities`. */
function readDeclaration(text: string, i: number, entities: Map<string, string>, doctypeStart: number): number {
  if (startsWithIgnoreCase(text, i, '<!ENTITY')) {
    let j = skipSpace(text, i + 8);
    const parameter = text[j] === '%';
    if (parameter) j = skipSpace(text, j + 1);
    const name = nameAt(text, j);
    j = skipSpace(text, j + name.length);
    const quote = text[j];
    if (!parameter && /^[A-Za-z_]/.test(name) && (quote === '"' || quote === "'")) {
      const close = past(text, j + 1, quote, doctypeStart);
      if (!entities.has(name)) {
        if (entities.size >= MAX_DECLARED_ENTITIES) throw new FeedParseError(`more than ${MAX_DECLARED_ENTITIES} entities declared`);
        entities.set(name, text.slice(j + 1, close - 1));
      }
      j = close;
    }
    return skipToEnd(text, j, doctypeStart);
  }
  return skipToEnd(text, i + 2, doctypeStart);
}

/** Index past the `>` that ends a declaration, stepping over quoted literals. */
function skipToEnd(text: string, i: number, doctypeStart: number): number {
  while (i < text.length) {
    const c = text[i]!;
    if (c === '>') return i + 1;
    i = c === '"' || c === "'" ? past(text, i + 1, c, doctypeStart) : i + 1;
  }
  throw neverCloses(doctypeStart);
}

/** The internal subset from just after `[`; returns the index of its closing `]`. */
function readSubset(text: string, i: number, entities: Map<string, string>, doctypeStart: number): number {
  while (i < text.length) {
    const c = text[i]!;
    if (c === ']') return i;
    if (text.startsWith('<!--', i)) i = past(text, i + 4, '-->', doctypeStart);
    else if (text.startsWith('<?', i)) i = past(text, i + 2, '?>', doctypeStart);
    else if (text.startsWith('<!', i)) i = readDeclaration(text, i, entities, doctypeStart);
    // Space, parameter-entity references and stray characters carry nothing we use.
    else i++;
  }
  throw neverCloses(doctypeStart);
}

/** The prolog's DOCTYPE, or undefined when there is none. Throws FeedParseError when it never closes. */
export function readDoctype(text: string): Doctype | undefined {
  const start = findInProlog(text);
  if (start < 0) return undefined;
  const entities = new Map<string, string>();
  let i = start + '<!DOCTYPE'.length;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '>') return { start, end: i + 1, entities };
    if (c === '"' || c === "'") i = past(text, i + 1, c, start);
    else if (c === '[') i = readSubset(text, i + 1, entities, start) + 1;
    else i++;
  }
  throw neverCloses(start);
}
