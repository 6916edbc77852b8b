/**
 * The generic JSON webhook: the document as data, for other systems. Feed text stays as it
 * is (JSON encoding is its escape), but <, > and & are written as \u escapes so a receiver
 * that drops a body into HTML cannot be handed live markup. Large documents are split into
 * parts of at most 1 MB, each carrying the item keys it covers.
 */
import { withItemKeys, type RenderDoc, type RenderedPart } from './document.js';
import { packMessages } from './pack.js';
import type { DigestEntry } from './types.js';

export interface WebhookEntry {
  key: string;
  title: string;
  url?: string;
  score: number;
  time?: string;
  excerpt: string;
  why: DigestEntry['why'];
  alsoMatched: string[];
  sources: DigestEntry['sources'];
  itemKeys: string[];
}

export interface WebhookPayload {
  type: 'digest' | 'alert' | 'folded';
  name: string;
  id: string;
  time: string;
  title: string;
  subtitle: string;
  part: number;
  parts: number;
  sections: Array<{ watchlist: string; description?: string; entries: WebhookEntry[] }>;
  itemKeys: string[];
}

const MAX_PART_BYTES = 1_000_000;

type Element = { section: number; entry?: WebhookEntry };

function toWebhookEntry(e: DigestEntry): WebhookEntry {
  return { key: e.key, title: e.title, url: e.url, score: e.score, time: e.time, excerpt: e.excerpt, why: e.why, alsoMatched: e.alsoMatched, sources: e.sources, itemKeys: e.itemKeys };
}

/** JSON with <, > and & as \u escapes: the same value, inert if pasted into HTML. */
export function stringifyInert(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function assemble(doc: RenderDoc, parts: Element[][]): WebhookPayload[] {
  return parts.map((elements, i) => {
    const sections: WebhookPayload['sections'] = [];
    for (const el of elements) {
      const src = doc.sections[el.section]!;
      let s = sections.at(-1);
      if (!s || s.watchlist !== src.heading) sections.push((s = { watchlist: src.heading, description: src.description, entries: [] }));
      if (el.entry) s.entries.push(el.entry);
    }
    const itemKeys = sections.flatMap((s) => s.entries.flatMap((e) => e.itemKeys));
    return { type: doc.kind, name: doc.name, id: doc.id, time: doc.time, title: doc.heading, subtitle: doc.subheading, part: i + 1, parts: parts.length, sections, itemKeys };
  });
}

/** The document as ordered webhook payloads (one unless it is over 1 MB). */
export function renderWebhook(doc: RenderDoc): WebhookPayload[] {
  return renderWebhookParts(doc).map((p) => p.message);
}

/** The same payloads, each with the item keys of the entries it completes (its own `itemKeys`). */
export function renderWebhookParts(doc: RenderDoc): Array<RenderedPart<WebhookPayload>> {
  const sections = doc.sections.map((s, i) => ({
    heading: (): Element[] => [{ section: i }],
    entries: s.entries.map((e): Element[] => [{ section: i, entry: toWebhookEntry(e) }]),
  }));
  const measure = (el: Element) => (el.entry ? Buffer.byteLength(JSON.stringify(el.entry)) : 200);
  const packed = packMessages(sections, { maxItems: Infinity, maxChars: MAX_PART_BYTES }, measure);
  if (packed.length === 0) packed.push({ items: [], ends: [] });
  return withItemKeys(doc, packed, assemble(doc, packed.map((p) => p.items)));
}
