/**
 * The email channel: one message through nodemailer over an smtp:// or smtps:// URL, HTML
 * with its text alternative. The Message-ID is derived from the run, so a copy resent in the
 * window between sending and recording is recognisably the same message.
 */
import { createHash } from 'node:crypto';
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

function messageId(doc: RenderDoc, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'wirewatch.invalid';
  return `<${createHash('sha256').update(doc.id).digest('hex').slice(0, 24)}.wirewatch@${domain}>`;
}

/** SMTP 5xx and bad credentials will not fix themselves; 4xx, timeouts and refused connections may. */
function toDeliveryError(err: unknown): DeliveryError {
  const e = err as { message?: string; responseCode?: number; code?: string };
  const permanent = (e.responseCode !== undefined && e.responseCode >= 500) || e.code === 'EAUTH' || e.code === 'EENVELOPE';
  const code = e.responseCode ? ` ${e.responseCode}` : e.code ? ` ${e.code}` : '';
  return new DeliveryError(`email: SMTP failed${code}: ${e.message ?? String(err)}`, { retryable: !permanent, status: e.responseCode, cause: err });
}

export async function sendEmail(target: EmailTarget, doc: RenderDoc, opts: DeliverOptions) {
  const timeout = opts.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({ url: target.smtp, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
  const [mail] = renderEmail(doc);
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
      messageId: messageId(doc, target.from),
      headers: { 'X-Wirewatch-Run': doc.id },
    });
    return { parts: 1, totalParts: 1, detail: info.messageId };
  } catch (err) {
    throw toDeliveryError(err);
  } finally {
    opts.signal?.removeEventListener('abort', abort);
    transport.close();
  }
}
