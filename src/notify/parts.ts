/**
 * What each message of a digest's delivery to a channel carries: the item keys of the entries
 * it completes, in sending order. The senders render the same document the same way, so the
 * first N lists are what a channel that accepted N messages has taken.
 */
import type { ChannelConfig } from '../config/schema.js';
import { digestDocument } from '../digest/document.js';
import { formatForChannel, renderDocumentParts } from '../digest/render-document.js';
import type { Digest } from '../digest/types.js';

export function digestPartKeys(channel: ChannelConfig, digest: Digest): string[][] {
  const chatId = channel.type === 'telegram' ? channel.chatId : 0;
  return renderDocumentParts(formatForChannel(channel.type), digestDocument(digest), chatId).map((p) => p.itemKeys);
}
