/**
 * Discord webhook messages with embeds. Limits: 2,000 characters of content, 10 embeds and
 * 6,000 characters across a message's embeds, 256 a title, 4,096 a description. Feed text is
 * backslash-escaped (markdown, and '<' which opens mentions), @ is defused, and every
 * message carries allowed_mentions with nothing allowed, so nothing can ping.
 */
import { defuseText, encodeUrlDelimiters, escapeDiscord, markdownCode, safeHttpUrl } from './escape.js';
import { formatScore, whyWhere, withItemKeys, type RenderDoc, type RenderedPart, type RenderSection } from './document.js';
import { chunkLines } from './chunk-text.js';
import { fitEscaped } from './fit-text.js';
import { packMessages } from './pack.js';
import type { DigestEntry } from './types.js';

export interface DiscordEmbed {
  title: string;
  url?: string;
  description?: string;
  color?: number;
  footer?: { text: string };
}

export interface DiscordMessage {
  content: string;
  embeds: DiscordEmbed[];
  allowed_mentions: { parse: [] };
}

export const DISCORD_LIMITS = { content: 2000, embeds: 10, embedChars: 6000, title: 256, description: 4096 };
/** Below 4,096 so that several entries share a message's 6,000. */
const DESCRIPTION_CHUNK = 3_000;
const ENTRY_COLOR = 0x2b6cb0;
const SECTION_COLOR = 0x718096;

const esc = (text: string) => escapeDiscord(defuseText(text));

function maskedLink(label: string, url: string | undefined): string {
  const safe = safeHttpUrl(url);
  return safe ? `[${esc(label)}](${encodeUrlDelimiters(safe)})` : esc(label);
}

function entryEmbeds(entry: DigestEntry, section: string, compact: boolean): DiscordEmbed[] {
  const title = fitEscaped(entry.title, DISCORD_LIMITS.title, esc);
  const lines: string[] = title.cut ? [`**${esc(entry.title)}**`] : [];
  if (!compact) {
    if (entry.excerpt) lines.push(esc(entry.excerpt));
    for (const w of entry.why) lines.push(`• ${markdownCode(w.term)}${esc(w.detail + whyWhere(w))}`);
    if (entry.alsoMatched.length) lines.push(`Also matched: ${entry.alsoMatched.map(esc).join(', ')}`);
    const sources = entry.sources.map((s) => maskedLink(s.title !== entry.title ? `${s.feedId}: ${s.title}` : s.feedId, s.url));
    lines.push(`Sources (${sources.length}): ${sources.join(' · ')}`);
  }
  const chunks = chunkLines(lines.flatMap((l) => chunkLines(l.split(' · '), DESCRIPTION_CHUNK, ' · ')), DESCRIPTION_CHUNK);
  const footer = { text: `score ${formatScore(entry.score)} · ${defuseText(section)}` };
  const url = safeHttpUrl(entry.url);
  const first: DiscordEmbed = { title: title.text, ...(url ? { url } : {}), color: ENTRY_COLOR, footer };
  if (chunks[0]) first.description = chunks[0];
  const rest = chunks.slice(1).map((description) => ({ title: `${title.text.slice(0, 240)} (cont.)`, description, color: ENTRY_COLOR }));
  return [first, ...rest];
}

function sectionEmbed(s: RenderSection, continued: boolean): DiscordEmbed[] {
  const title = fitEscaped(`${s.heading}${continued ? ' (continued)' : ''}`, DISCORD_LIMITS.title, esc).text;
  const embed: DiscordEmbed = { title, color: SECTION_COLOR };
  if (s.description && !continued) embed.description = fitEscaped(s.description, DESCRIPTION_CHUNK, esc).text;
  return [embed];
}

export function measureEmbed(e: DiscordEmbed): number {
  return e.title.length + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0);
}

/** The document as ordered Discord webhook payloads, each within Discord's limits. */
export function renderDiscord(doc: RenderDoc): DiscordMessage[] {
  return renderDiscordParts(doc).map((p) => p.message);
}

/** The same payloads, each with the item keys of the entries it completes. */
export function renderDiscordParts(doc: RenderDoc): Array<RenderedPart<DiscordMessage>> {
  const sections = doc.sections.map((s) => ({
    heading: (c: boolean) => sectionEmbed(s, c),
    entries: s.entries.map((e) => entryEmbeds(e, s.heading, doc.compact)),
  }));
  const packed = packMessages(sections, { maxItems: DISCORD_LIMITS.embeds, maxChars: DISCORD_LIMITS.embedChars }, measureEmbed);
  if (packed.length === 0) packed.push({ items: [{ title: esc(doc.emptyNote) }], ends: [] });
  const head = fitEscaped(doc.heading, 200, esc).text;
  const sub = fitEscaped(doc.subheading, 1500, esc).text;
  return withItemKeys(doc, packed, packed.map(({ items: embeds }, i) => {
    const part = packed.length > 1 ? ` (part ${i + 1}/${packed.length})` : '';
    return { content: `**${head}**${part}\n${sub}`, embeds, allowed_mentions: { parse: [] } } satisfies DiscordMessage;
  }));
}
