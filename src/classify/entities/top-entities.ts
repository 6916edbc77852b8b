/**
 * The most mentioned entities across items (the dashboard's top-entities chips), counting one
 * thing once whatever name each item gave it. Each item's entity carries its variant names, so
 * entities of different items are one when they share a name of the same type, or when they
 * have the same canonical name (whatever type each item's recognizer guessed). The chip shows
 * the name written most often and the type most mentions had.
 */
import type { EntityMention, EntityType } from '../../types.js';
import { foldKey } from '../tokenize/normalize.js';

export interface EntityCount {
  /** The name most mentions used. */
  name: string;
  /** The type most mentions had. */
  type: EntityType;
  /** Items that mention it. */
  items: number;
  /** Every name it went by, most used first. */
  names: string[];
}

const SHOWN_TYPES = new Set<string>(['person', 'org', 'place', 'other']);

class Components {
  private readonly parent: number[] = [];

  add(): number {
    this.parent.push(this.parent.length);
    return this.parent.length - 1;
  }

  find(a: number): number {
    while (this.parent[a] !== a) a = this.parent[a] = this.parent[this.parent[a]!]!;
    return a;
  }

  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}

interface Node { item: number; entity: EntityMention }

/** What one group of entities adds up to, before it becomes a chip. */
interface Tally {
  names: Map<string, number>;
  types: Map<EntityType, number>;
  items: Set<number>;
}

function bump<K>(map: Map<K, number>, key: K, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function most<K>(counts: Map<K, number>): K {
  return [...counts].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])))[0]![0];
}

function tally(nodes: Node[]): Tally {
  const t: Tally = { names: new Map(), types: new Map(), items: new Set() };
  for (const { item, entity } of nodes) {
    t.items.add(item);
    bump(t.names, entity.name, entity.count);
    bump(t.types, entity.type, entity.count);
    for (const n of entity.names ?? []) bump(t.names, n, 0);
  }
  return t;
}

function merge(into: Tally, from: Tally): void {
  for (const [n, c] of from.names) bump(into.names, n, c);
  for (const [ty, c] of from.types) bump(into.types, ty, c);
  for (const i of from.items) into.items.add(i);
}

function chip(t: Tally): EntityCount {
  const names = [...t.names].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([n]) => n);
  return { name: names[0]!, type: most(t.types), items: t.items.size, names };
}

/** Entities of one type that share any name are one (an item merged them as variants). */
function groupByNames(lists: readonly (readonly EntityMention[])[], keyOf: (name: string) => string): Node[][] {
  const nodes: Node[] = [];
  const parts = new Components();
  const owner = new Map<string, number>();
  lists.forEach((list, item) => {
    for (const entity of list) {
      if (!SHOWN_TYPES.has(entity.type)) continue;
      const node = parts.add();
      nodes.push({ item, entity });
      for (const n of new Set([entity.name, ...(entity.names ?? [])])) {
        const key = `${entity.type}\u0000${keyOf(n)}`;
        const other = owner.get(key);
        if (other === undefined) owner.set(key, node);
        else parts.union(node, other);
      }
    }
  });
  const groups = new Map<number, Node[]>();
  nodes.forEach((n, i) => {
    const root = parts.find(i);
    const g = groups.get(root);
    if (g) g.push(n);
    else groups.set(root, [n]);
  });
  return [...groups.values()];
}

/**
 * The `top` entities of the items (each item's entity list), by the number of items naming
 * them. Groups of different types that end up under one name are one chip, of the type most
 * mentions had: a recognizer that once typed a party as a person does not make a second chip.
 */
export function topEntities(lists: readonly (readonly EntityMention[])[], top: number): EntityCount[] {
  const folded = new Map<string, string>();
  const keyOf = (name: string) => folded.get(name) ?? folded.set(name, foldKey(name)).get(name)!;
  const byName = new Map<string, Tally>();
  for (const group of groupByNames(lists, keyOf)) {
    const t = tally(group);
    const key = keyOf(most(t.names));
    const same = byName.get(key);
    if (same) merge(same, t);
    else byName.set(key, t);
  }
  return [...byName.values()].map(chip).sort((a, b) => b.items - a.items || a.name.localeCompare(b.name)).slice(0, top);
}
