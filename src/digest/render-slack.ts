/**
 * Slack Block Kit for incoming webhooks. Limits: 50 blocks a message, 3,000 characters a
 * section text, about 13k characters in all; longer documents become several messages, each
 * headed "(part i/n)". Feed text has &, < and > escaped (no links, no <!channel>) and
 * mentions defused; link_names is never set.
 */
import { defuseText, encodeUrlDelimiters, escapeSlack, safeHttpUrl, slackCode } from './escape.js';
import { formatScore, whyWhere, withItemKeys, type RenderDoc, type RenderedPart, type RenderSection } from './document.js';
import { chunkLines } from './chunk-text.js';
import { packMessages } from './pack.js';
import type { DigestEntry, DigestSource } from './types.js';

export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: boolean } }
  | { type: 'context'; elements: Array<{ type: 'mrkdwn'; text: string }> }
  | { type: 'section'; text: { type: 'mrkdwn'; text: string } };

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
  unfurl_links: false;
  unfurl_media: false;
}

export const SLACK_LIMITS = { blocks: 50, sectionChars: 3000, messageChars: 12_000, headerChars: 150 };
/** Room kept in each message for its header blocks and fallback text. */
const HEADER_RESERVE = 1_000;
const SECTION_TEXT = 2_900;

const esc = (text: string) => escapeSlack(defuseText(text));

function slackLink(label: string, url: string | undefined): string {
  const safe = safeHttpUrl(url);
  return safe ? `<${escapeSlack(encodeUrlDelimiters(safe))}|${esc(label)}>` : esc(label);
}

function section(text: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function sourceText(s: DigestSource, entryTitle: string): string {
  return slackLink(s.title !== entryTitle ? `${s.feedId}: ${s.title}` : s.feedId, s.url);
}

function entryBlocks(entry: DigestEntry, compact: boolean): SlackBlock[] {
  const lines = [`*${slackLink(entry.title, entry.url)}*  ·  score ${formatScore(entry.score)}`];
  if (!compact) {
    if (entry.excerpt) lines.push(esc(entry.excerpt));
    if (entry.why.length) lines.push('_Why:_', ...entry.why.map((w) => `•  ${slackCode(w.term)}${esc(w.detail + whyWhere(w))}`));
    if (entry.alsoMatched.length) lines.push(`_Also matched:_ ${entry.alsoMatched.map(esc).join(', ')}`);
    const sources = entry.sources.map((s) => sourceText(s, entry.title));
    lines.push(`_Sources (${sources.length}):_ ${sources[0] ?? ''}`, ...sources.slice(1).map((s) => `  ·  ${s}`));
  }
  return chunkLines(lines, SECTION_TEXT).map(section);
}

function headingBlocks(s: RenderSection, continued: boolean): SlackBlock[] {
  const desc = s.description && !continued ? `\n${esc(s.description)}` : '';
  return [section(`*${esc(s.heading)}*${continued ? ' (continued)' : ''}${desc}`)];
}

export function measureSlack(block: SlackBlock): number {
  return block.type === 'context' ? block.elements.reduce((n, e) => n + e.text.length, 0) : block.text.text.length;
}

function headerBlocks(doc: RenderDoc, part: number, parts: number): SlackBlock[] {
  const suffix = parts > 1 ? ` (part ${part}/${parts})` : '';
  const title = defuseText(doc.heading).slice(0, SLACK_LIMITS.headerChars - suffix.length);
  return [
    { type: 'header', text: { type: 'plain_text', text: `${title}${suffix}`, emoji: false } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: esc(doc.subheading) }] },
  ];
}

/** The document as ordered Slack webhook payloads, each within Slack's limits. */
export function renderSlack(doc: RenderDoc): SlackMessage[] {
  return renderSlackParts(doc).map((p) => p.message);
}

/** The same payloads, each with the item keys of the entries it completes. */
export function renderSlackParts(doc: RenderDoc): Array<RenderedPart<SlackMessage>> {
  const sections = doc.sections.map((s) => ({ heading: (c: boolean) => headingBlocks(s, c), entries: s.entries.map((e) => entryBlocks(e, doc.compact)) }));
  const limits = { maxItems: SLACK_LIMITS.blocks - 2, maxChars: SLACK_LIMITS.messageChars - HEADER_RESERVE };
  const packed = packMessages(sections, limits, measureSlack);
  if (packed.length === 0) packed.push({ items: [section(esc(doc.emptyNote))], ends: [] });
  const bodies = packed.map((p) => p.items);
  return withItemKeys(doc, packed, bodies.map((body, i) => {
    const blocks = [...headerBlocks(doc, i + 1, bodies.length), ...body];
    const header = (blocks[0] as { text: { text: string } }).text.text;
    // The fallback text is what a phone notification shows: an alert's should say what happened.
    const first = doc.sections[0]?.entries[0];
    const text = doc.kind === 'alert' && first ? `${header}: ${esc(first.title)}` : header;
    return { text, blocks, unfurl_links: false, unfurl_media: false } satisfies SlackMessage;
  }));
}
