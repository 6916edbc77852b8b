/**
 * The generic webhook channel: JSON POSTs signed with
 * `X-Wirewatch-Signature: sha256=<hex HMAC-SHA256 of the raw body with the secret>`.
 */
import { createHmac } from 'node:crypto';
import type { RenderDoc } from '../digest/document.js';
import { renderWebhook, stringifyInert } from '../digest/render-webhook.js';
import { postMessages } from './post-messages.js';
import type { DeliverOptions } from './types.js';

export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export async function sendWebhook(target: { url: string; secret?: string }, doc: RenderDoc, opts: DeliverOptions) {
  const messages = renderWebhook(doc).map((payload) => {
    const body = stringifyInert(payload);
    const headers: Record<string, string> = { 'x-wirewatch-event': payload.type, 'x-wirewatch-delivery': `${payload.id}#${payload.part}` };
    if (target.secret) headers['x-wirewatch-signature'] = signBody(body, target.secret);
    return { body, headers };
  });
  const parts = await postMessages({ name: 'webhook', url: target.url, gapMs: 0 }, messages, opts);
  return { parts, totalParts: messages.length, detail: new URL(target.url).host };
}
