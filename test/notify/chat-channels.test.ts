import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { buildDigest } from '../../src/digest/build-digest.js';
import type { DiscordMessage } from '../../src/digest/render-discord.js';
import type { TeamsMessage } from '../../src/digest/render-teams.js';
import type { TelegramMessage } from '../../src/digest/render-telegram.js';
import type { WebhookPayload } from '../../src/digest/render-webhook.js';
import { deliverDigest } from '../../src/notify/deliver.js';
import { DeliveryError } from '../../src/notify/delivery-error.js';
import { manyEntries } from '../digest/make-items.js';
import { startReceiver } from './receiver.js';

const fast = { minGapMs: 0, backoffMs: 5 };

function digestOf(n: number) {
  return buildDigest({ name: 'brief', runId: 'brief-20261121T070000Z', scheduledFor: '2026-11-21T07:00:00.000Z', entries: manyEntries(n), watchlists: { libya: { description: 'Libya' } }, maxItems: n });
}

const numbers = (text: string, re: RegExp) => [...text.matchAll(re)].map((m) => Number(m[1]));
const all = (n: number) => Array.from({ length: n }, (_, i) => i);

test('discord: embeds within limits, in order, no mentions allowed, every story once', async (t) => {
  const rx = await startReceiver([], { status: 200, body: '{"id":"1"}' });
  t.after(rx.close);
  await deliverDigest('d', { type: 'discord', webhook: `${rx.url}/api/webhooks/1/abc` }, digestOf(200), fast);
  assert.ok(rx.requests.every((r) => r.path === '/api/webhooks/1/abc?wait=true'));
  const messages = rx.accepted().map((b) => JSON.parse(b) as DiscordMessage);
  assert.ok(messages.length > 1);
  let titles = '';
  messages.forEach((m, i) => {
    assert.deepEqual(m.allowed_mentions, { parse: [] });
    assert.ok(m.content.length <= 2000);
    assert.ok(m.content.includes(`(part ${i + 1}/${messages.length})`));
    assert.ok(m.embeds.length <= 10, `${m.embeds.length} embeds`);
    const chars = m.embeds.reduce((n, e) => n + e.title.length + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0), 0);
    assert.ok(chars <= 6000, `${chars} embed chars`);
    for (const e of m.embeds) {
      assert.ok(e.title.length <= 256);
      assert.ok((e.description?.length ?? 0) <= 4096);
      titles += `${e.title}\n`;
    }
  });
  assert.deepEqual(numbers(titles, /^Story number (\d+):/gm), all(200));
});

test('telegram: sendMessage in HTML mode, each under 4,096 characters, every story once', async (t) => {
  const rx = await startReceiver([], { status: 200, body: '{"ok":true,"result":{"message_id":1}}' });
  t.after(rx.close);
  const receipt = await deliverDigest('tg', { type: 'telegram', token: '123:SECRET', chatId: -100, apiUrl: rx.url }, digestOf(200), fast);
  assert.ok(rx.requests.every((r) => r.path === '/bot123:SECRET/sendMessage'));
  assert.ok(!JSON.stringify(receipt).includes('SECRET'), 'the token stays out of the receipt');
  const messages = rx.accepted().map((b) => JSON.parse(b) as TelegramMessage);
  assert.ok(messages.length > 1);
  for (const m of messages) {
    assert.equal(m.parse_mode, 'HTML');
    assert.equal(m.chat_id, -100);
    assert.ok(m.text.length <= 4096, `${m.text.length} chars`);
    assert.equal((m.text.match(/<a /g) ?? []).length, (m.text.match(/<\/a>/g) ?? []).length, 'no tag split across messages');
  }
  assert.deepEqual(numbers(messages.map((m) => m.text).join('\n'), /">Story number (\d+):/g), all(200));
});

test('telegram: a 200 with ok:false is a permanent failure', async (t) => {
  const rx = await startReceiver([{ status: 200, body: '{"ok":false,"description":"Bad Request: chat not found"}' }]);
  t.after(rx.close);
  await assert.rejects(deliverDigest('tg', { type: 'telegram', token: 't', chatId: 1, apiUrl: rx.url }, digestOf(2), fast), (err: unknown) => {
    assert.ok(err instanceof DeliveryError);
    assert.equal(err.retryable, false);
    assert.match(err.message, /^notify: telegram: telegram refused the message: Bad Request: chat not found/);
    return true;
  });
});

test('telegram: a 429 with parameters.retry_after is waited out', async (t) => {
  const rx = await startReceiver([{ status: 429, body: '{"ok":false,"parameters":{"retry_after":1}}' }], { status: 200, body: '{"ok":true}' });
  t.after(rx.close);
  const started = Date.now();
  await deliverDigest('tg', { type: 'telegram', token: 't', chatId: 1, apiUrl: rx.url }, digestOf(2), fast);
  assert.ok(Date.now() - started >= 1000);
  assert.equal(rx.accepted().length, 1);
});

test('teams: Adaptive Card payloads under 28 KB, in order, every story once', async (t) => {
  const rx = await startReceiver([], { status: 202, body: '' });
  t.after(rx.close);
  await deliverDigest('teams', { type: 'teams', webhook: `${rx.url}/workflows/1` }, digestOf(300), fast);
  const messages = rx.accepted().map((b) => JSON.parse(b) as TeamsMessage);
  assert.ok(messages.length > 1);
  let titles = '';
  rx.accepted().forEach((raw, i) => {
    assert.ok(Buffer.byteLength(raw) <= 28_000, `${Buffer.byteLength(raw)} bytes`);
    const m = messages[i]!;
    assert.equal(m.type, 'message');
    const att = m.attachments[0]!;
    assert.equal(att.contentType, 'application/vnd.microsoft.card.adaptive');
    assert.equal(att.content.type, 'AdaptiveCard');
    assert.equal(att.content.body[0]!.inlines[0]!.text, `brief (part ${i + 1}/${messages.length})`);
    for (const b of att.content.body) for (const r of b.inlines) if (r.weight === 'Bolder' && r.selectAction) titles += `${r.text}\n`;
  });
  assert.deepEqual(numbers(titles, /^Story number (\d+):/gm), all(300));
});

test('webhook: JSON signed with HMAC-SHA256 of the raw body', async (t) => {
  const rx = await startReceiver();
  t.after(rx.close);
  const digest = digestOf(5);
  await deliverDigest('hook', { type: 'webhook', url: `${rx.url}/hook`, secret: 's3cret' }, digest, fast);
  const [req] = rx.requests;
  const expected = `sha256=${createHmac('sha256', 's3cret').update(req!.body).digest('hex')}`;
  assert.equal(req!.headers['x-wirewatch-signature'], expected);
  assert.equal(req!.headers['content-type'], 'application/json');
  assert.equal(req!.headers['x-wirewatch-event'], 'digest');
  const payload = JSON.parse(req!.body) as WebhookPayload;
  assert.equal(payload.name, 'brief');
  assert.equal(payload.id, 'brief-20261121T070000Z');
  assert.deepEqual([payload.part, payload.parts], [1, 1]);
  assert.deepEqual(payload.itemKeys, digest.itemKeys);
  assert.equal(payload.sections[0]!.watchlist, 'libya');
  assert.equal(payload.sections[0]!.entries.length, 5);
  assert.deepEqual(Object.keys(payload.sections[0]!.entries[0]!.why[0]!), ['term', 'detail', 'field', 'snippet']);
});

test('webhook: no secret, no signature header', async (t) => {
  const rx = await startReceiver();
  t.after(rx.close);
  await deliverDigest('hook', { type: 'webhook', url: rx.url }, digestOf(1), fast);
  assert.equal(rx.requests[0]!.headers['x-wirewatch-signature'], undefined);
});

test('a receiver that never answers times out as a retryable error', async (t) => {
  const { createServer } = await import('node:http');
  const server = createServer(() => undefined);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  const port = (server.address() as { port: number }).port;
  await assert.rejects(deliverDigest('hook', { type: 'webhook', url: `http://127.0.0.1:${port}/` }, digestOf(1), { ...fast, timeoutMs: 200, attempts: 2 }), (err: unknown) => {
    assert.ok(err instanceof DeliveryError);
    assert.equal(err.retryable, true);
    assert.match(err.message, /^notify: webhook: request timed out \(part 1 of 1\)/);
    return true;
  });
});

test('an aborted delivery stops at once with a retryable error', async (t) => {
  const rx = await startReceiver([{ status: 503, headers: { 'retry-after': '30' } }]);
  t.after(rx.close);
  const controller = new AbortController();
  setTimeout(() => controller.abort(new Error('shutdown')), 100);
  const started = Date.now();
  await assert.rejects(deliverDigest('hook', { type: 'webhook', url: rx.url }, digestOf(1), { signal: controller.signal }), (err: unknown) => err instanceof DeliveryError && err.retryable);
  assert.ok(Date.now() - started < 5000, 'did not wait out the 30 s Retry-After');
});
