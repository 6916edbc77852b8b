import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { buildDigest } from '../../src/digest/build-digest.js';
import { deliverDigest } from '../../src/notify/deliver.js';
import { DeliveryError } from '../../src/notify/delivery-error.js';
import { makeItem, makeMatch, manyEntries } from '../digest/make-items.js';

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

async function startSmtp(reject?: { code: number; message: string }) {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (reject) return callback(Object.assign(new Error(reject.message), { responseCode: reject.code }));
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}/?ignoreTLS=true`, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Just enough MIME: headers, multipart boundaries, quoted-printable and base64 bodies. */
function parseMime(raw: string): { headers: Map<string, string>; parts: Array<{ type: string; body: string }> } {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = new Map<string, string>();
  for (const line of head!.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get('content-type') ?? '')?.[1];
  const body = rest.join('\n\n');
  if (!boundary) return { headers, parts: [{ type: headers.get('content-type') ?? '', body }] };
  const parts = body.split(`--${boundary}`).slice(1, -1).map((chunk) => {
    const sub = parseMime(chunk.replace(/^\r?\n/, ''));
    const enc = sub.headers.get('content-transfer-encoding') ?? '';
    return { type: sub.headers.get('content-type') ?? '', body: decode(sub.parts[0]!.body, enc) };
  });
  return { headers, parts };
}

function decode(body: string, encoding: string): string {
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => `%${h}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/g, '%25'));
  }
  return body;
}

function decodeHeader(value: string): string {
  return value.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, kind: string, text: string) =>
    kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeURIComponent(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/g, '%$1')),
  );
}

test('email: a real SMTP server receives the digest as HTML with a text alternative', async (t) => {
  const smtp = await startSmtp();
  t.after(smtp.close);
  const digest = buildDigest({ name: 'brief', runId: 'brief-20261121T070000Z', scheduledFor: '2026-11-21T07:00:00.000Z', entries: manyEntries(12), watchlists: { libya: { description: 'Libya' } }, maxItems: 50 });
  const channel = { type: 'email' as const, smtp: smtp.url, from: 'wirewatch <alerts@example.org>', to: ['desk@example.org', 'ops@example.org'] };
  const receipt = await deliverDigest('desk', channel, digest);
  assert.equal(smtp.mails.length, 1);
  const mail = smtp.mails[0]!;
  assert.equal(mail.from, 'alerts@example.org');
  assert.deepEqual(mail.to, ['desk@example.org', 'ops@example.org']);
  const { headers, parts } = parseMime(mail.raw);
  assert.match(headers.get('content-type')!, /^multipart\/alternative/);
  assert.equal(decodeHeader(headers.get('subject')!), 'brief · 21 Nov 2026, 07:00 UTC · 12 stories from 12 items');
  assert.equal(headers.get('message-id'), receipt.detail);
  // The Message-ID is the delivery id: run, channel and message, the same on every retry.
  assert.equal(headers.get('message-id'), '<brief-20261121T070000Z.desk.1@example.org>');
  assert.equal(headers.get('x-wirewatch-delivery'), 'brief-20261121T070000Z.desk.1');
  assert.equal(headers.get('x-wirewatch-run'), 'brief-20261121T070000Z');
  await deliverDigest('desk', channel, digest);
  assert.equal(parseMime(smtp.mails[1]!.raw).headers.get('message-id'), '<brief-20261121T070000Z.desk.1@example.org>', 'a resend is the same message');
  const text = parts.find((p) => p.type.startsWith('text/plain'))!;
  const html = parts.find((p) => p.type.startsWith('text/html'))!;
  assert.ok(text && html, 'both alternatives');
  for (let i = 0; i < 12; i++) {
    assert.ok(text.body.includes(`Story number ${i}:`), `text has story ${i}`);
    assert.ok(html.body.includes(`>Story number ${i}:`), `html has story ${i}`);
  }
  assert.match(html.body, /<div style="[^"]+">/, 'inline styles');
  assert.doesNotMatch(html.body, /<style|class=/, 'no stylesheet or classes for mail clients to strip');
});

test('email: an alert goes out with its headline as the subject', async (t) => {
  const smtp = await startSmtp();
  t.after(smtp.close);
  const { buildAlert } = await import('../../src/digest/build-alert.js');
  const item = makeItem('x', { title: 'Airstrike near Sirte' });
  const alert = buildAlert({ name: 'flash', item, match: makeMatch(item, 'libya', 9) });
  const { deliverAlert } = await import('../../src/notify/deliver.js');
  await deliverAlert('desk', { type: 'email', smtp: smtp.url, from: 'a@example.org', to: ['b@example.org'] }, alert);
  assert.equal(decodeHeader(parseMime(smtp.mails[0]!.raw).headers.get('subject')!), 'Alert: flash: Airstrike near Sirte');
});

test('email: a 550 from the server is permanent, a refused connection retryable', async (t) => {
  const smtp = await startSmtp({ code: 550, message: 'mailbox unavailable' });
  t.after(smtp.close);
  const digest = buildDigest({ name: 'b', runId: 'r', scheduledFor: '2026-11-21T07:00:00Z', entries: manyEntries(1), watchlists: { libya: {} }, maxItems: 5 });
  const ch = { type: 'email' as const, smtp: smtp.url, from: 'a@example.org', to: ['b@example.org'] };
  await assert.rejects(deliverDigest('desk', ch, digest), (err: unknown) => err instanceof DeliveryError && !err.retryable && /^notify: email: SMTP failed 550/.test(err.message));
  const closed = { ...ch, smtp: 'smtp://127.0.0.1:1/?ignoreTLS=true' };
  await assert.rejects(deliverDigest('desk', closed, digest, { timeoutMs: 2000 }), (err: unknown) => err instanceof DeliveryError && err.retryable);
});
