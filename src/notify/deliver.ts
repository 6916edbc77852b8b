/**
 * The notify stage's entry points: render a digest or an alert for one channel and send it.
 * The worker owns the bookkeeping (claims, per-channel delivered marks, job retries, alert
 * rate limits); this module only turns content into accepted messages, or a DeliveryError.
 * Every delivery has an id, `<run or alert id>.<channel>`, and each of its messages
 * `<that>.<part>`: the same on every retry of the run, so receivers can drop repeats.
 */
import { createHash } from 'node:crypto';
import type { ChannelConfig } from '../config/schema.js';
import { alertDocument, digestDocument, type RenderDoc } from '../digest/document.js';
import type { AnyAlert, Digest } from '../digest/types.js';
import { sendConsole } from './console.js';
import { DeliveryError } from './delivery-error.js';
import { fileStamp, sendFile } from './file.js';
import { sendSlack } from './slack.js';
import { sendDiscord } from './discord.js';
import { sendTeams } from './teams.js';
import { sendTelegram } from './telegram.js';
import { sendWebhook } from './webhook.js';
import { sendEmail } from './email.js';
import type { DeliverOptions, DeliveryReceipt } from './types.js';

type Sent = { parts: number; totalParts?: number; detail?: string };
type SendOptions = DeliverOptions & { channelId?: string };

async function sendDoc(channel: ChannelConfig, doc: RenderDoc, fileBase: string, opts: SendOptions): Promise<Sent> {
  switch (channel.type) {
    case 'console':
      return sendConsole(doc, opts);
    case 'file':
      return sendFile(channel.dir, fileBase, doc, opts.channelId ?? 'file');
    case 'slack':
      return sendSlack(channel.webhook, doc, opts);
    case 'discord':
      return sendDiscord(channel.webhook, doc, opts);
    case 'teams':
      return sendTeams(channel.webhook, doc, opts);
    case 'telegram':
      return sendTelegram(channel, doc, opts);
    case 'webhook':
      return sendWebhook(channel, doc, opts);
    case 'email':
      return sendEmail(channel, doc, opts);
  }
}

async function deliver(channelId: string, channel: ChannelConfig, doc: RenderDoc, fileBase: string, opts: DeliverOptions): Promise<DeliveryReceipt> {
  if (opts.signal?.aborted) throw new DeliveryError(`${channel.type}: delivery aborted`, { retryable: true, cause: opts.signal.reason });
  const sent = await sendDoc(channel, doc, fileBase, { ...opts, channelId, deliveryId: `${doc.id}.${channelId}${opts.revision ? `.r${opts.revision}` : ''}` });
  return {
    channelId,
    type: channel.type,
    parts: sent.parts,
    totalParts: sent.totalParts ?? sent.parts,
    deliveredAt: new Date().toISOString(),
    detail: sent.detail,
  };
}

/** Renders the digest for the channel's platform and sends every part, in order. The file channel names its file after the run id. */
export function deliverDigest(channelId: string, channel: ChannelConfig, digest: Digest, opts: DeliverOptions = {}): Promise<DeliveryReceipt> {
  return deliver(channelId, channel, digestDocument(digest), digest.runId, opts);
}

/** Sends one alert, or a folded "and N more" alert. */
export function deliverAlert(channelId: string, channel: ChannelConfig, alert: AnyAlert, opts: DeliverOptions = {}): Promise<DeliveryReceipt> {
  const doc = alertDocument(alert);
  const tag = createHash('sha256').update(doc.id).digest('hex').slice(0, 8);
  return deliver(channelId, channel, doc, `${alert.name}-alert-${fileStamp(alert.createdAt)}-${tag}`, opts);
}
