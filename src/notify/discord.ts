/** The Discord channel: embed messages to a webhook, with ?wait=true so Discord confirms each. */
import type { RenderDoc } from '../digest/document.js';
import { renderDiscord } from '../digest/render-discord.js';
import { postMessages } from './post-messages.js';
import type { DeliverOptions } from './types.js';

/** Discord allows about five webhook messages every two seconds. */
const GAP_MS = 500;

export async function sendDiscord(webhook: string, doc: RenderDoc, opts: DeliverOptions) {
  const url = new URL(webhook);
  url.searchParams.set('wait', 'true');
  const messages = renderDiscord(doc).map((m) => ({ body: JSON.stringify(m) }));
  const parts = await postMessages({ name: 'discord', url: url.href, gapMs: GAP_MS }, messages, opts);
  return { parts, totalParts: messages.length, detail: url.host };
}
