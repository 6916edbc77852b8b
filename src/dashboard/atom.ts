/**
 * A watch-list's flagged items as an Atom 1.0 feed. Every text is XML-escaped and stripped of
 * characters XML 1.0 forbids, so a hostile title stays text and the document stays well formed.
 */
import type { FlaggedEntry } from './data/items.js';
import { formatReason, rankReasons } from '../classify/index.js';

/** Escapes text for XML content and attributes, dropping characters XML 1.0 cannot carry. */
export function escapeXml(text: unknown): string {
  return String(text ?? '')
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export interface AtomOptions {
  watchlist: string;
  description?: string;
  /** Absolute URL of this feed (rel=self), from the request. */
  selfUrl: string;
  /** Absolute URL of the dashboard's items page for this watch-list. */
  htmlUrl: string;
  entries: FlaggedEntry[];
  now?: Date;
}

export function renderAtom(o: AtomOptions): string {
  const updated = o.entries[0]?.flaggedAt ?? (o.now ?? new Date()).toISOString();
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${escapeXml(`tag:wirewatch,2026:watchlist/${encodeURIComponent(o.watchlist)}`)}</id>`,
    `<title type="text">${escapeXml(`wirewatch: ${o.watchlist}`)}</title>`,
    o.description ? `<subtitle type="text">${escapeXml(o.description)}</subtitle>` : '',
    `<updated>${escapeXml(updated)}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(o.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(o.htmlUrl)}"/>`,
    '<author><name>wirewatch</name></author>',
    '<generator>wirewatch</generator>',
    ...o.entries.map((e) => entryXml(o.watchlist, e)),
    '</feed>',
  ];
  return lines.filter(Boolean).join('\n') + '\n';
}

function entryXml(watchlist: string, e: FlaggedEntry): string {
  const it = e.item;
  // Strongest reasons first, one line per term, as on every other page that explains a flag.
  const why = rankReasons(e, 5).map((r) => `${formatReason(r)}${r.snippet ? ` (${r.field}): ${r.snippet}` : ''}`).join('\n');
  const summary = [`Score ${e.score} on ${watchlist}.`, why, it.summary].filter(Boolean).join('\n\n');
  return [
    '<entry>',
    `<id>${escapeXml(`tag:wirewatch,2026:item/${encodeURIComponent(watchlist)}/${encodeURIComponent(it.key)}`)}</id>`,
    `<title type="text">${escapeXml(it.title || '(no title)')}</title>`,
    `<updated>${escapeXml(e.flaggedAt)}</updated>`,
    it.published ? `<published>${escapeXml(it.published)}</published>` : '',
    it.url && /^https?:\/\//i.test(it.url) ? `<link rel="alternate" href="${escapeXml(it.url)}"/>` : '',
    it.byline ? `<author><name>${escapeXml(it.byline)}</name></author>` : '',
    `<category term="${escapeXml(watchlist)}"/>`,
    `<summary type="text">${escapeXml(summary)}</summary>`,
    '</entry>',
  ].filter(Boolean).join('\n');
}
