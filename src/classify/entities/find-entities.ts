/**
 * The entities of an article: the gazetteer of watchlists.yaml (each entity with its aliases)
 * plus the people, organizations and places the recognizer finds, name variants merged.
 */
import type { Mention } from '../../types.js';
import { spansIn } from '../tokenize/match-text.js';
import type { Classifier, FieldMatch, FoundEntity, NameSpan } from '../types.js';
import { entitiesFromSpans } from './recognized.js';

function findGazetteerEntities(c: Classifier, fields: FieldMatch[]): FoundEntity[] {
  const out: FoundEntity[] = [];
  for (const entity of c.entities) {
    const mentions: Mention[] = [];
    for (const f of fields) {
      for (const [s, e] of spansIn(f, entity.seqs)) {
        mentions.push({ field: f.name, start: f.tokens.starts[s]!, end: f.tokens.ends[e - 1]! });
      }
    }
    if (mentions.length === 0) continue;
    const seen = mentions.map((m) => textOf(fields, m));
    // Names are the key and what the article wrote, not every alias: an entity may group
    // several things (NorthAfrica: Libya, Tunisia...), and place:Tunisia must not match "Libya".
    out.push({ name: entity.name, type: entity.type, count: mentions.length, names: unique([entity.name, ...seen]), mentions, seenKeys: entity.keys });
  }
  return out;
}

function textOf(fields: FieldMatch[], m: Mention): string {
  const f = fields.find((x) => x.name === m.field)!;
  return f.tokens.text.slice(m.start, m.end).replace(/\s+/g, ' ');
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

/**
 * Gazetteer entities first; then the recognizer's names (`spans`; none when recognition is
 * off), except those the article wrote exactly as a name or alias of a gazetteer entity of the
 * same type: they are counted under that entity already ("Islamic State" under ISIS; "Libya"
 * under a NorthAfrica place entity).
 */
export function findEntities(c: Classifier, fields: FieldMatch[], spans: readonly NameSpan[] | undefined): FoundEntity[] {
  const gazetteer = findGazetteerEntities(c, fields);
  if (!spans) return gazetteer;
  const known = new Set<string>();
  for (const g of gazetteer) for (const key of g.seenKeys) known.add(`${g.type}\u0000${key}`);
  const tokens = { title: fields[0]!.tokens, body: fields[1]!.tokens };
  const recognized = entitiesFromSpans(spans, tokens).filter((r) => !r.seenKeys.some((key) => known.has(`${r.type}\u0000${key}`)));
  return [...gazetteer, ...recognized];
}
