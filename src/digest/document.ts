/**
 * What every renderer draws: a heading, a line under it and sections of entries. Digests,
 * alerts and folded alerts all become a RenderDoc, so each platform's renderer (escaping,
 * limits, splitting) is written once. Every string in a RenderDoc is raw, unescaped text.
 */
import type { EntryRef, PackedMessage } from './pack.js';
import type { AnyAlert, Digest, DigestEntry, WhyPart } from './types.js';

export interface RenderSection {
  heading: string;
  description?: string;
  entries: DigestEntry[];
}

export interface RenderDoc {
  kind: 'digest' | 'alert' | 'folded';
  /** The digest's or alert's name in digests.yaml. */
  name: string;
  /** The digest or alert name, as a title. */
  heading: string;
  /** When, and how much. */
  subheading: string;
  sections: RenderSection[];
  /** Folded alerts list headlines only. */
  compact: boolean;
  /** Shown when there are no entries. */
  emptyNote: string;
  /** Every item key the document stands for (the webhook payload carries them). */
  itemKeys: string[];
  /** The run id or alert id, for payloads that want one. */
  id: string;
  /** ISO time of the run or alert. */
  time: string;
}

/** One message of a rendered document, with the item keys of the entries it completes. */
export interface RenderedPart<M> {
  message: M;
  itemKeys: string[];
}

/** Pairs each message with the item keys of the entries its packed body completes. */
export function withItemKeys<M>(doc: RenderDoc, packed: Array<PackedMessage<unknown>>, messages: M[]): Array<RenderedPart<M>> {
  const keysOf = (ends: EntryRef[]) => ends.flatMap(([s, e]) => doc.sections[s]?.entries[e]?.itemKeys ?? []);
  return messages.map((message, i) => ({ message, itemKeys: keysOf(packed[i]?.ends ?? []) }));
}

/** A time as people read it in the digest's zone: "21 Nov 2026, 07:00 UTC". */
export function formatTime(iso: string | undefined, timeZone: string): string {
  const ms = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(ms)) return '';
  try {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
    }).format(ms);
  } catch {
    return new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  }
}

export function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(2).replace(/0+$/, '');
}

/** Where a reason's first hit is, as plain text: ` — in title: …snippet…` ('' when unknown). */
export function whyWhere(part: WhyPart): string {
  return part.snippet ? ` — in ${part.field}: ${part.snippet}` : '';
}


const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function digestDocument(digest: Digest): RenderDoc {
  const when = formatTime(digest.scheduledFor, digest.timezone);
  const count = `${plural(digest.entryCount, 'story', 'stories')} from ${plural(digest.itemKeys.length, 'item')}`;
  return {
    kind: 'digest',
    name: digest.name,
    heading: digest.name,
    subheading: [when, count].filter(Boolean).join(' · '),
    sections: digest.sections.map((s) => ({ heading: s.watchlist, description: s.description, entries: s.entries })),
    compact: false,
    emptyNote: 'Nothing new matched since the last digest.',
    itemKeys: digest.itemKeys,
    id: digest.runId,
    time: digest.scheduledFor,
  };
}

export function alertDocument(alert: AnyAlert): RenderDoc {
  const when = formatTime(alert.createdAt, alert.timezone);
  const base = { name: alert.name, itemKeys: alert.itemKeys, time: alert.createdAt, emptyNote: '' };
  if (alert.kind === 'alert') {
    const e: DigestEntry = alert.entry;
    return {
      ...base,
      kind: 'alert',
      heading: `Alert: ${alert.name}`,
      subheading: [when, `${e.watchlist}, score ${formatScore(e.score)}`].filter(Boolean).join(' · '),
      sections: [{ heading: e.watchlist, description: alert.description, entries: [e] }],
      compact: false,
      id: `${alert.name}-${e.key}`,
    };
  }
  const more = `and ${alert.count} more`;
  return {
    ...base,
    kind: 'folded',
    heading: `Alert: ${alert.name}, ${more}`,
    subheading: [when, `${plural(alert.count, 'alert')} over the rate limit, folded into one message`].filter(Boolean).join(' · '),
    sections: [{ heading: more, entries: alert.entries }],
    compact: true,
    id: `${alert.name}-folded-${alert.createdAt}`,
  };
}
