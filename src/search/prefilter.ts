/**
 * buildPrefilter: a parsed query as tsquery literals that find every stored item the query can
 * match, and usually few others. It only has to be a superset: search.ts judges each
 * candidate exactly with the classifier. So case rules fold, NEAR becomes AND, NOT, regexes,
 * feed: and tag: constrain nothing, and an entity stands for its name and all its aliases.
 */
import type { Leaf, Positional, QueryNode, TextField, Unit } from '../classify/query/ast.js';
import { parseTermUnits } from '../classify/query/terms.js';
import { foldForm } from '../classify/tokenize/normalize.js';
import { quoteLexeme } from './document.js';
import type { Prefilter } from './types.js';

/** Entity name -> its aliases (watchlists.yaml `entities:`). */
export type EntityAliases = ReadonlyMap<string, readonly string[]>;

/** undefined is "no constraint" (every item is a candidate). */
type Filter = string | undefined;

interface Ctx {
  entities: EntityAliases;
  /** Phrases as <-> (true) or as AND of words (false). */
  phrases: boolean;
}

// No weight for either field: a weighted lexeme makes PostgreSQL re-read each candidate's vector, and the
// names' words (weight B) it lets in are judged away afterwards.
const WEIGHTS: Record<TextField, string> = { any: '', title: 'A', body: 'D' };

function lexeme(u: Unit, weight: string): string {
  const value = u.mode === 'case' ? foldForm(u.value) : u.value;
  const suffix = `${u.mode === 'prefix' ? '*' : ''}${weight}`;
  return suffix ? `${quoteLexeme(value)}:${suffix}` : quoteLexeme(value);
}

function and(parts: Filter[]): Filter {
  const kept = parts.filter((p): p is string => p !== undefined);
  return kept.length === 0 ? undefined : kept.length === 1 ? kept[0] : `(${kept.join(' & ')})`;
}

function or(parts: Filter[]): Filter {
  if (parts.length === 0 || parts.some((p) => p === undefined)) return undefined;
  return parts.length === 1 ? parts[0] : `(${parts.join(' | ')})`;
}

function seq(units: Unit[], weight: string, c: Ctx): Filter {
  const lexemes = units.map((u) => lexeme(u, weight));
  return lexemes.length === 1 ? lexemes[0] : `(${lexemes.join(c.phrases ? ' <-> ' : ' & ')})`;
}

function aliasUnits(name: string, c: Ctx): Unit[][] {
  const aliases = c.entities.get(name) ?? [];
  return [name, ...aliases].flatMap((alias) => {
    try {
      return [parseTermUnits(alias, 0, 'insensitive')];
    } catch {
      return []; // an alias with no letters can match nothing
    }
  });
}

function positional(p: Positional, weight: string, c: Ctx): Filter {
  if (p.kind === 'seq') return seq(p.units, weight, c);
  if (p.kind === 'entity') return or(aliasUnits(p.name, c).map((units) => seq(units, weight, c)));
  return or(p.items.map((item) => positional(item, weight, c)));
}

function leaf(l: Leaf, c: Ctx): Filter {
  switch (l.kind) {
    case 'text': return positional(l.pattern, WEIGHTS[l.field], c);
    case 'near': return and([positional(l.left, WEIGHTS[l.field], c), positional(l.right, WEIGHTS[l.field], c)]);
    // A recognized name is written in the text, or is a merged or known form of one: its words
    // anywhere (title, body or the stored names) keep every candidate.
    case 'named': return positional(l.pattern, '', { ...c, phrases: false });
    case 'meta': return undefined;
    case 'regex': return undefined;
  }
}

function walk(node: QueryNode, c: Ctx): Filter {
  if (node.kind === 'leaf') return leaf(node.leaf, c);
  if (node.kind === 'not') return undefined;
  return node.kind === 'and' ? and(node.items.map((n) => walk(n, c))) : or(node.items.map((n) => walk(n, c)));
}

export function buildPrefilter(query: QueryNode, entities: EntityAliases): Prefilter {
  const phrase = walk(query, { entities, phrases: true });
  const words = walk(query, { entities, phrases: false });
  const out: Prefilter = {};
  if (phrase !== undefined) out.phrase = phrase;
  if (words !== undefined) out.words = words;
  return out;
}
