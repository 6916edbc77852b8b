/**
 * One entry to every renderer, by format name: what `digest preview` prints and what each
 * channel type sends.
 */
import type { ChannelConfig } from '../config/schema.js';
import type { RenderDoc, RenderedPart } from './document.js';
import { renderDiscord, renderDiscordParts, type DiscordMessage } from './render-discord.js';
import { renderEmail, type EmailMessage } from './render-email.js';
import { renderMarkdown } from './render-markdown.js';
import { renderSlack, renderSlackParts, type SlackMessage } from './render-slack.js';
import { renderTeams, renderTeamsParts, type TeamsMessage } from './render-teams.js';
import { renderTelegram, renderTelegramParts, type TelegramMessage } from './render-telegram.js';
import { renderText } from './render-text.js';
import { renderWebhook, renderWebhookParts, type WebhookPayload } from './render-webhook.js';

/** What each format renders to: one element a message, in sending order. */
export interface RenderedByFormat {
  text: string;
  markdown: string;
  email: EmailMessage;
  slack: SlackMessage;
  discord: DiscordMessage;
  teams: TeamsMessage;
  telegram: TelegramMessage;
  webhook: WebhookPayload;
}

export type RenderFormat = keyof RenderedByFormat;

export const RENDER_FORMATS: RenderFormat[] = ['text', 'markdown', 'email', 'slack', 'discord', 'teams', 'telegram', 'webhook'];

const FORMAT_OF: Record<ChannelConfig['type'], RenderFormat> = {
  console: 'text', file: 'markdown', email: 'email', slack: 'slack', discord: 'discord', teams: 'teams', telegram: 'telegram', webhook: 'webhook',
};

/** The format a channel type sends. */
export function formatForChannel(type: ChannelConfig['type']): RenderFormat {
  return FORMAT_OF[type];
}

/** Renders a document in one format; `chatId` only matters to Telegram. */
export function renderDocument<F extends RenderFormat>(format: F, doc: RenderDoc, chatId: string | number = 0): Array<RenderedByFormat[F]> {
  const table: { [K in RenderFormat]: () => Array<RenderedByFormat[K]> } = {
    text: () => renderText(doc),
    markdown: () => renderMarkdown(doc),
    email: () => renderEmail(doc),
    slack: () => renderSlack(doc),
    discord: () => renderDiscord(doc),
    teams: () => renderTeams(doc),
    telegram: () => renderTelegram(doc, chatId),
    webhook: () => renderWebhook(doc),
  };
  return table[format]() as Array<RenderedByFormat[F]>;
}

/**
 * The messages of one format, each with the item keys of the entries it completes: what a
 * channel that accepted the first N messages has delivered. Formats that are never split by
 * entry (text, Markdown, email) put every key on their last message.
 */
export function renderDocumentParts<F extends RenderFormat>(format: F, doc: RenderDoc, chatId: string | number = 0): Array<RenderedPart<RenderedByFormat[F]>> {
  const split: { [K in RenderFormat]?: () => Array<RenderedPart<RenderedByFormat[K]>> } = {
    slack: () => renderSlackParts(doc),
    discord: () => renderDiscordParts(doc),
    teams: () => renderTeamsParts(doc),
    telegram: () => renderTelegramParts(doc, chatId),
    webhook: () => renderWebhookParts(doc),
  };
  const parts = split[format]?.();
  if (parts) return parts as Array<RenderedPart<RenderedByFormat[F]>>;
  const messages = renderDocument(format, doc, chatId);
  return messages.map((message, i) => ({ message, itemKeys: i === messages.length - 1 ? doc.itemKeys : [] }));
}
