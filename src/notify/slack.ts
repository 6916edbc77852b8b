/** The Slack channel: Block Kit messages to an incoming webhook, about one a second. */
import type { RenderDoc } from '../digest/document.js';
import { renderSlack } from '../digest/render-slack.js';
import { postMessages } from './post-messages.js';
import type { DeliverOptions } from './types.js';

/** Slack allows about one message a second on a webhook. */
const GAP_MS = 1_000;

export async function sendSlack(webhook: string, doc: RenderDoc, opts: DeliverOptions) {
  const messages = renderSlack(doc).map((m) => ({ body: JSON.stringify(m) }));
  const parts = await postMessages({ name: 'slack', url: webhook, gapMs: GAP_MS }, messages, opts);
  return { parts, totalParts: messages.length, detail: new URL(webhook).host };
}
