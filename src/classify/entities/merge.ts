/**
 * Merges the names of one article into entities: known variants (Gadhafi -> Muammar
 * Gaddafi), surnames into full names, spellings that sound alike, and acronyms into the
 * names they abbreviate (FSA -> Free Syrian Army).
 */
import type { Mention } from '../../types.js';
import type { FoundEntity, NameType } from '../types.js';
import { soundKey } from './keys.js';
import { findKnown, type Known } from './known.js';

/** One recognized name in a field, as text. */
export interface NameMention {
  field: 'title' | 'body';
  start: number;
  end: number;
  surface: string;
  /** The surface's folded tokens joined by spaces (foldKey). */
  key: string;
  type: NameType;
}

interface Group {
  type: NameType;
  known?: Known;
  mentions: NameMention[];
  canonical?: string;
}

const FILLER = new Set(['of', 'for', 'the', 'and', 'al', 'el', 'de', 'bin', 'to']);

function groupKey(m: NameMention): string {
  const known = findKnown(m.key);
  if (known) return `known:${known.name}`;
  const tokens = m.key.split(' ');
  if (m.type === 'person') return `person:${soundKey(tokens[tokens.length - 1]!)}`;
  return `${m.type}:${tokens.join(' ')}`;
}

function initials(name: string): string {
  return name.split(/[\s-]+/).filter((w) => w && !FILLER.has(w.toLowerCase())).map((w) => w[0]!.toUpperCase()).join('');
}

function canonicalOf(g: Group): string {
  return (g.canonical ??= pickCanonical(g));
}

function pickCanonical(g: Group): string {
  if (g.known) return g.known.name;
  const counts = new Map<string, number>();
  for (const m of g.mentions) counts.set(m.surface, (counts.get(m.surface) ?? 0) + 1);
  const words = (s: string) => s.split(' ').length;
  return [...counts].sort((a, b) => words(b[0]) - words(a[0]) || b[1] - a[1])[0]![0];
}

/** Folds a lone acronym group (FSA) into the group whose name it abbreviates. */
function mergeAcronyms(groups: Map<string, Group>): void {
  const byInitials = new Map<string, Group>();
  for (const g of groups.values()) {
    const name = canonicalOf(g);
    if (g.type === 'org' && name.includes(' ')) byInitials.set(initials(name), g);
  }
  for (const [key, g] of groups) {
    const name = canonicalOf(g);
    const target = /^\p{Lu}{2,6}$/u.test(name) ? byInitials.get(name) : undefined;
    if (!target || target === g || g.known) continue;
    target.mentions.push(...g.mentions);
    delete target.canonical;
    groups.delete(key);
  }
}

/** Mentions as offsets, title first, each field in text order (merged acronyms came last). */
function inTextOrder(mentions: NameMention[]): Mention[] {
  const out = mentions.map(({ field, start, end }) => ({ field, start, end }));
  return out.sort((a, b) => (a.field === b.field ? a.start - b.start : a.field === 'title' ? -1 : 1));
}

/** The entities of one article from its recognized names. */
export function mergeNames(mentions: NameMention[]): FoundEntity[] {
  const groups = new Map<string, Group>();
  for (const m of mentions) {
    const key = groupKey(m);
    let g = groups.get(key);
    if (!g) {
      const known = findKnown(m.key);
      g = { type: known?.type ?? m.type, mentions: [] };
      if (known) g.known = known;
      groups.set(key, g);
    }
    g.mentions.push(m);
  }
  mergeAcronyms(groups);
  return [...groups.values()].map((g) => {
    const name = canonicalOf(g);
    const seen = [...new Set(g.mentions.map((m) => m.surface))];
    const names = [...new Set([name, ...seen, ...(g.known?.variants ?? [])])];
    const found: FoundEntity = { name, type: g.type, count: g.mentions.length, names, mentions: inTextOrder(g.mentions) };
    return found;
  });
}
