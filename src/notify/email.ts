/**
 * The email channel: one message through nodemailer over an smtp:// or smtps:// URL, HTML
 * with its text alternative. The Message-ID is the delivery id (`<run id>.<channel>.1@domain`),
 * so a copy resent after the sender died between sending and recording is the same message
 * to every mail client and to a receiver that drops ids it has seen.
 */
import nodemailer from 'nodemailer';
import type { RenderDoc } from '../digest/document.js';
import { renderEmail } from '../digest/render-email.js';
import { DeliveryError } from './delivery-error.js';
import type { DeliverOptions } from './types.js';

export interface EmailTarget {
  smtp: string;
  from: string;
  to: string[];
}

/** `<delivery id>@<the sender's domain>`, the id cut to what a Message-ID's left side allows. */
export function messageIdFor(deliveryId: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'wirewatch.invalid';
  const local = deliveryId.replace(/[^A-Za-z0-9._-]/g, '-').replace(/\.{2,}/g, '.').replace(/^\.|\.$/g, '');
  return `<${local}@${domain}>`;
}

/** SMTP 5xx and bad credentials will not fix themselves; 4xx, timeouts and refused connections may. */
function toDeliveryError(err: unknown): DeliveryError {
  const e = err as { message?: string; responseCode?: number; code?: string };
  const permanent = (e.responseCode !== undefined && e.responseCode >= 500) || e.code === 'EAUTH' || e.code === 'EENVELOPE';
  const code = e.responseCode ? ` ${e.responseCode}` : e.code ? ` ${e.code}` : '';
  // No SMTP answer at all (a timeout, a cut connection) after the message went out: it may be there.
  const maybeAccepted = e.responseCode === undefined && !permanent && !/ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(e.message ?? '');
  return new DeliveryError(`email: SMTP failed${code}: ${e.message ?? String(err)}`, { retryable: !permanent, status: e.responseCode, maybeAccepted, cause: err });
}

export async function sendEmail(target: EmailTarget, doc: RenderDoc, opts: DeliverOptions) {
  const timeout = opts.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({ url: target.smtp, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
  const [mail] = renderEmail(doc);
  const deliveryId = `${opts.deliveryId ?? doc.id}.1`;
  // nodemailer takes no AbortSignal: closing the transport ends the SMTP session instead.
  const abort = () => transport.close();
  opts.signal?.addEventListener('abort', abort, { once: true });
  try {
    const info = await transport.sendMail({
      from: target.from,
      to: target.to,
      subject: mail!.subject,
      text: mail!.text,
      html: mail!.html,
      messageId: messageIdFor(deliveryId, target.from),
      headers: { 'X-Wirewatch-Run': doc.id, 'X-Wirewatch-Delivery': deliveryId },
    });
    return { parts: 1, totalParts: 1, detail: info.messageId };
  } catch (err) {
    throw toDeliveryError(err);
  } finally {
    opts.signal?.removeEventListener('abort', abort);
    transport.close();
  }
}
