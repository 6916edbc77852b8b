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

/** The group a mention joins, given the known entry its key is a variant of (if any). */
function groupKey(m: NameMention, known: Known | undefined): string {
  if (known) return `known:${known.name}`;
  // A person groups by the sound of the key's last word (keys are words joined by single spaces).
  if (m.type === 'person') return `person:${soundKey(m.key.slice(m.key.lastIndexOf(' ') + 1))}`;
  return `${m.type}:${m.key}`;
}

function initials(name: string): string {
  return name.split(/[\s-]+/).filter((w) => w && !FILLER.has(w.toLowerCase())).map((w) => w[0]!.toUpperCase()).join('');
}

function canonicalOf(g: Group): string {
  return (g.canonical ??= pickCanonical(g));
}

/** Has the surface a lower-case letter (is it written as text, not as a capitals headline)? */
const hasLower = (s: string): boolean => s !== s.toUpperCase();

/**
 * The surface with the most words, then the most mentions; the first written among equals.
 * Surfaces written in ordinary case come before capitals ("Labour", not the "LABOUR" of a
 * capitals headline) when the article has any.
 */
function pickCanonical(g: Group): string {
  if (g.known) return g.known.name;
  if (g.mentions.length === 1) return g.mentions[0]!.surface;
  const counts = new Map<string, number>();
  for (const m of g.mentions) counts.set(m.surface, (counts.get(m.surface) ?? 0) + 1);
  const cased = [...counts.keys()].some(hasLower);
  let best = '', bestWords = -1, bestCount = 0;
  for (const [surface, count] of counts) {
    if (cased && !hasLower(surface)) continue;
    const words = wordCount(surface);
    if (words > bestWords || (words === bestWords && count > bestCount)) { best = surface; bestWords = words; bestCount = count; }
  }
  return best;
}

/** s.split(' ').length, without the array. */
function wordCount(s: string): number {
  let n = 1;
  for (let i = s.indexOf(' '); i >= 0; i = s.indexOf(' ', i + 1)) n++;
  return n;
}

/** Folds a lone acronym group (FSA) into the group whose name it abbreviates. */
function mergeAcronyms(groups: Map<string, Group>): void {
  const byInitials = new Map<string, Group>();
  for (const g of groups.values()) {
    const name = canonicalOf(g);
    if (g.type === 'org' && name.includes(' ')) byInitials.set(initials(name), g);
  }
  // No multi-word organization: no acronym can fold into one (and no name need be tested).
  if (byInitials.size === 0) return;
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
  const out: Mention[] = [];
  for (const m of mentions) out.push({ field: m.field, start: m.start, end: m.end });
  if (out.length < 2) return out;
  return out.sort((a, b) => (a.field === b.field ? a.start - b.start : a.field === 'title' ? -1 : 1));
}

/** The entities of one article from its recognized names. */
export function mergeNames(mentions: NameMention[]): FoundEntity[] {
  const groups = new Map<string, Group>();
  for (const m of mentions) {
    const known = findKnown(m.key);
    const key = groupKey(m, known);
    let g = groups.get(key);
    if (!g) {
      g = { type: known?.type ?? m.type, mentions: [] };
      if (known) g.known = known;
      groups.set(key, g);
    }
    g.mentions.push(m);
  }
  mergeAcronyms(groups);
  const out: FoundEntity[] = [];
  for (const g of groups.values()) {
    const name = canonicalOf(g);
    // The canonical name, then the surfaces as first written, then the known variants; each once.
    const names = new Set<string>([name]);
    for (const m of g.mentions) names.add(m.surface);
    if (g.known) for (const v of g.known.variants) names.add(v);
    out.push({ name, type: g.type, count: g.mentions.length, names: [...names], mentions: inTextOrder(g.mentions) });
  }
  return out;
}
