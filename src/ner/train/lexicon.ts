/**
 * Lexical resources built for training: the capitalization prior (how often each word is
 * capitalized where case informs, counted over unlabeled news) and the gazetteers of names
 * seen in the training data, built per fold so a document never sees its own names.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildDoc, wordAt } from '../doc.js';
import { gazetteerKey } from '../features.js';
import { partOf, typeOf, U, L } from '../labels.js';
import { EMPTY_GAZETTEER, Gazetteer } from '../gazetteer.js';
import type { Resources } from '../types.js';
import { capClass } from '../words.js';
import type { Prepared } from './examples.js';

const EMPTY: Resources = { prior: new Map(), gazetteer: EMPTY_GAZETTEER };

export class CaseCounts {
  readonly cap = new Map<string, number>();
  readonly low = new Map<string, number>();
  tokens = 0;

  add(title: string, body: string): void {
    const doc = buildDoc(title, body, EMPTY);
    for (let k = 0; k < doc.n; k++) {
      if (doc.uninf[k]) continue;
      const info = wordAt(doc, k);
      const cls = capClass(info.flags);
      if (cls === 3) continue;
      const m = cls === 0 ? this.low : this.cap;
      m.set(info.lower, (m.get(info.lower) ?? 0) + 1);
      this.tokens++;
    }
  }

  /** Bucket 1 (almost always lower-case) .. 5 (almost always capitalized), for words seen twice or more. */
  buckets(minCount: number): Map<string, number> {
    const out = new Map<string, number>();
    const words = new Set([...this.cap.keys(), ...this.low.keys()]);
    for (const w of [...words].sort()) {
      const c = this.cap.get(w) ?? 0, l = this.low.get(w) ?? 0;
      if (c + l < minCount) continue;
      const r = c / (c + l);
      out.set(w, r < 0.02 ? 1 : r < 0.2 ? 2 : r < 0.8 ? 3 : r < 0.98 ? 4 : 5);
    }
    return out;
  }
}

/** Every file under dir (sorted, so the counts do not depend on directory order). */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

/** A BBC text: headline on the first line, then the body. */
export function addNewsFile(counts: CaseCounts, path: string): void {
  const text = readFileSync(path, 'utf8');
  const cut = text.indexOf('\n');
  counts.add(cut < 0 ? text : text.slice(0, cut), cut < 0 ? '' : text.slice(cut + 1));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The titles and descriptions of a feed file as plain text (tags dropped, common entities decoded). */
export function feedTexts(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<(title|description|summary|content)[^>]*>([\s\S]{0,20000}?)<\/\1>/g)) {
    const inner = m[2]!.replace(/<!\[CDATA\[|\]\]>/g, '')
      .replace(/&(#\d+|[a-z]+);/g, (_, e: string) => (e[0] === '#' ? String.fromCharCode(Number(e.slice(1))) : ENTITIES[e] ?? ' '))
      .replace(/<[^>]{0,2000}>/g, ' ');
    if (inner.trim()) out.push(inner);
  }
  return out;
}

/** Names of each prepared document as (gazetteer key, type, first word's hash, length in tokens). */
function namesOf(p: Prepared): [number, number, number, number][] {
  const out: [number, number, number, number][] = [];
  const hl = p.doc.hLow;
  let open = -1;
  for (let k = 0; k < p.doc.n; k++) {
    const lab = p.gold[k]!;
    if (lab === 0) { open = -1; continue; }
    const part = partOf(lab);
    if (part === U) out.push([gazetteerKey(hl, k, k + 1), typeOf(lab), hl[k]!, 1]);
    else if (part === L && open >= 0) out.push([gazetteerKey(hl, open, k + 1), typeOf(lab), hl[open]!, k + 1 - open]);
    else if (part === 0) open = k;
  }
  return out;
}

export function gazetteerOf(docs: Prepared[]): Gazetteer {
  const map = new Map<number, number>();
  const firsts = new Set<number>();
  let maxLen = 0;
  for (const p of docs) {
    for (const [key, type, first, len] of namesOf(p)) {
      map.set(key, (map.get(key) ?? 0) | (1 << type));
      firsts.add(first);
      if (len > maxLen) maxLen = len;
    }
  }
  const keys = Int32Array.from(map.keys());
  return new Gazetteer(keys, Uint8Array.from(keys, (k) => map.get(k)!), Int32Array.from(firsts), maxLen);
}
