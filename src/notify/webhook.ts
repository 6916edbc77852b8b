/**
 * The generic webhook channel: JSON POSTs, signed when a secret is set with
 * `X-Wirewatch-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. The time
 * is part of what is signed, so a receiver can refuse a captured request replayed later; each
 * try is signed afresh.
 */
import { createHmac } from 'node:crypto';
import type { RenderDoc } from '../digest/document.js';
import { renderWebhook, stringifyInert } from '../digest/render-webhook.js';
import { postMessages } from './post-messages.js';
import type { DeliverOptions } from './types.js';

/** The signature header's value for `body` sent at `unixSeconds`. */
export function signBody(body: string, secret: string, unixSeconds = Math.floor(Date.now() / 1000)): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`, 'utf8').digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}

export async function sendWebhook(target: { url: string; secret?: string }, doc: RenderDoc, opts: DeliverOptions) {
  const messages = renderWebhook(doc).map((payload) => ({ body: stringifyInert(payload), headers: { 'x-wirewatch-event': payload.type } }));
  const secret = target.secret;
  const sign = secret ? (body: string) => ({ 'x-wirewatch-signature': signBody(body, secret) }) : undefined;
  const parts = await postMessages({ name: 'webhook', url: target.url, gapMs: 0, sign }, messages, opts);
  return { parts, totalParts: messages.length, detail: new URL(target.url).host };
}
