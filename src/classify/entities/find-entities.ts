/**
 * The entities of an article: the gazetteer of watchlists.yaml (each entity with its aliases)
 * plus the people, organizations and places the recognizer finds, name variants merged.
 */
import type { Mention } from '../../types.js';
import { spansIn } from '../tokenize/match-text.js';
import type { Classifier, FieldMatch, FoundEntity, NameSpan } from '../types.js';
import { overlapsAny, rangeIndex } from './overlap.js';
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
    out.push({ name: entity.name, type: entity.type, count: mentions.length, names: unique([entity.name, ...seen]), mentions });
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
 * off), except where a gazetteer name or alias was found: the gazetteer keeps precedence
 * ("Islamic State" counts under ISIS; "Labour said" under the Labour org, whatever type the
 * recognizer guessed).
 */
export function findEntities(c: Classifier, fields: FieldMatch[], spans: readonly NameSpan[] | undefined): FoundEntity[] {
  const gazetteer = findGazetteerEntities(c, fields);
  if (!spans) return gazetteer;
  const taken = (['title', 'body'] as const).map((field) => rangeIndex(gazetteer.flatMap((g) => g.mentions.filter((m) => m.field === field))));
  const free = spans.filter((s) => !overlapsAny(taken[s.field === 'title' ? 0 : 1]!, s.start, s.end));
  const tokens = { title: fields[0]!.tokens, body: fields[1]!.tokens };
  return [...gazetteer, ...entitiesFromSpans(free, tokens)];
}
