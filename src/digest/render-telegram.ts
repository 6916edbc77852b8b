/**
 * Telegram Bot API sendMessage payloads in HTML parse mode, at most 4,096 characters each
 * (counted here on the raw HTML, which is never shorter than what Telegram counts). Feed text
 * is HTML-escaped and defused; link previews are off so a feed's link cannot pull in a card.
 */
import { defuseText, escapeHtml, safeHttpUrl } from './escape.js';
import { formatScore, whyWhere, withItemKeys, type RenderDoc, type RenderedPart, type RenderSection } from './document.js';
import { chunkLines } from './chunk-text.js';
import { packMessages } from './pack.js';
import type { DigestEntry } from './types.js';

export interface TelegramMessage {
  chat_id: string | number;
  text: string;
  parse_mode: 'HTML';
  link_preview_options: { is_disabled: true };
}

export const TELEGRAM_LIMIT = 4096;
/** Room kept in each message for its header. */
const HEADER_RESERVE = 500;
const PIECE = 3_000;

const esc = (text: string) => escapeHtml(defuseText(text));

/** Longest link markup kept: a line must fit a piece whole, or a tag would be split. */
const MAX_ANCHOR = 2_500;

function anchor(label: string, url: string | undefined): string {
  const safe = safeHttpUrl(url);
  const html = safe ? `<a href="${escapeHtml(safe)}">${esc(label)}</a>` : esc(label);
  return html.length <= MAX_ANCHOR ? html : `${esc(label)} (link too long to show)`;
}

function entryPieces(entry: DigestEntry, n: number, compact: boolean): string[] {
  const lines = [`${n}. <b>${anchor(entry.title, entry.url)}</b> · score ${formatScore(entry.score)}`];
  if (!compact) {
    if (entry.excerpt) lines.push(esc(entry.excerpt));
    if (entry.why.length) lines.push('<i>Why:</i>', ...entry.why.map((w) => `• <code>${escapeHtml(w.term)}</code>${esc(w.detail + whyWhere(w))}`));
    if (entry.alsoMatched.length) lines.push(`<i>Also matched:</i> ${entry.alsoMatched.map(esc).join(', ')}`);
    const sources = entry.sources.map((s) => anchor(s.title !== entry.title ? `${s.feedId}: ${s.title}` : s.feedId, s.url));
    lines.push(`<i>Sources (${sources.length}):</i>`, ...sources.map((a) => `  • ${a}`));
  }
  // A blank line after each entry; every piece is whole lines, so no tag is ever split.
  return chunkLines([...lines, ''], PIECE).map((p) => `${p}\n`);
}

function headingPiece(s: RenderSection, continued: boolean): string[] {
  const desc = s.description && !continued ? `\n<i>${esc(s.description)}</i>` : '';
  return [`<b>${esc(s.heading)}</b>${continued ? ' (continued)' : ''}${desc}\n\n`];
}

/** The document as ordered sendMessage payloads for `chatId`. */
export function renderTelegram(doc: RenderDoc, chatId: string | number): TelegramMessage[] {
  return renderTelegramParts(doc, chatId).map((p) => p.message);
}

/** The same payloads, each with the item keys of the entries it completes. */
export function renderTelegramParts(doc: RenderDoc, chatId: string | number): Array<RenderedPart<TelegramMessage>> {
  const sections = doc.sections.map((s) => ({ heading: (c: boolean) => headingPiece(s, c), entries: s.entries.map((e, i) => entryPieces(e, i + 1, doc.compact)) }));
  const packed = packMessages(sections, { maxItems: Infinity, maxChars: TELEGRAM_LIMIT - HEADER_RESERVE }, (p) => p.length);
  if (packed.length === 0) packed.push({ items: [esc(doc.emptyNote)], ends: [] });
  return withItemKeys(doc, packed, packed.map(({ items: pieces }, i) => {
    const part = packed.length > 1 ? ` (part ${i + 1}/${packed.length})` : '';
    const header = `<b>${esc(doc.heading).slice(0, 200)}</b>${part}\n<i>${esc(doc.subheading).slice(0, 250)}</i>\n\n`;
    return { chat_id: chatId, text: `${header}${pieces.join('')}`.trimEnd(), parse_mode: 'HTML', link_preview_options: { is_disabled: true } } satisfies TelegramMessage;
  }));
}
