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

const SECRET = 'webhook-secret-0123456789';

/** What a receiver does (README's snippet, in TypeScript): recompute, compare, and refuse old ones. */
function verify(header: string, body: string, secret: string, toleranceS = 300): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  const expected = createHmac('sha256', secret).update(`${m[1]}.${body}`).digest('hex');
  return expected === m[2] && Math.abs(Date.now() / 1000 - Number(m[1])) <= toleranceS;
}

test('webhook: JSON signed with a timestamp (t=<unix>,v1=HMAC-SHA256 of "<t>.<body>") and a delivery id', async (t) => {
  const rx = await startReceiver();
  t.after(rx.close);
  const digest = digestOf(5);
  const before = Math.floor(Date.now() / 1000);
  await deliverDigest('hook', { type: 'webhook', url: `${rx.url}/hook`, secret: SECRET }, digest, fast);
  const [req] = rx.requests;
  const signature = String(req!.headers['x-wirewatch-signature']);
  const [, t0] = /^t=(\d+),/.exec(signature)!;
  assert.ok(Number(t0) >= before && Number(t0) <= before + 5);
  assert.equal(signature, `t=${t0},v1=${createHmac('sha256', SECRET).update(`${t0}.${req!.body}`).digest('hex')}`);
  assert.ok(verify(signature, req!.body, SECRET));
  assert.ok(!verify(signature, req!.body.replace('brief', 'brieF'), SECRET), 'a changed body fails');
  assert.ok(!verify(signature.replace(/^t=\d+/, `t=${Number(t0) - 1}`), req!.body, SECRET), 'a changed time fails');
  assert.ok(!verify(signature, req!.body, SECRET, -1), 'an old signature is refused by a receiver that keeps a tolerance');
  assert.equal(req!.headers['x-wirewatch-delivery'], 'brief-20261121T070000Z.hook.1');
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

test('every HTTP channel sends X-Wirewatch-Delivery, the same for a message on every try', async (t) => {
  const rx = await startReceiver([{ status: 500 }, { status: 503 }], { status: 200, body: '{"ok":true,"result":{}}' });
  t.after(rx.close);
  const digest = digestOf(200);
  await deliverDigest('ops', { type: 'slack', webhook: `${rx.url}/slack` }, digest, fast);
  const ids = rx.requests.map((r) => r.headers['x-wirewatch-delivery']);
  assert.deepEqual(ids.slice(0, 3), ['brief-20261121T070000Z.ops.1', 'brief-20261121T070000Z.ops.1', 'brief-20261121T070000Z.ops.1'], 'retries of part 1 keep its id');
  const accepted = rx.requests.filter((r) => r.status === 200).map((r) => r.headers['x-wirewatch-delivery']);
  assert.deepEqual(accepted, accepted.map((_, i) => `brief-20261121T070000Z.ops.${i + 1}`));
  for (const [type, extra] of [['discord', { webhook: `${rx.url}/d` }], ['teams', { webhook: `${rx.url}/t` }], ['telegram', { token: '1:x', chatId: 1, apiUrl: rx.url }]] as const) {
    const before = rx.requests.length;
    await deliverDigest(`c-${type}`, { type, ...extra } as never, digestOf(1), fast);
    assert.equal(rx.requests[before]!.headers['x-wirewatch-delivery'], `brief-20261121T070000Z.c-${type}.1`, type);
  }
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

/** A receiver that answers `status` and then streams its body without end, counting what it wrote. */
async function endlessAnswer(t: { after(fn: () => void): void }, status: number) {
  const { createServer } = await import('node:http');
  const sent = { bytes: 0 };
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(status, { 'content-type': 'text/plain' });
    const chunk = Buffer.alloc(16 * 1024, 'x');
    const pump = () => { while (!res.destroyed && res.write(chunk)) sent.bytes += chunk.length; };
    res.on('drain', pump);
    pump();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => { server.closeAllConnections(); server.close(); });
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, sent };
}

test('an answer with an endless body is read only to its limit: a 200 is a delivery, at once', async (t) => {
  const rx = await endlessAnswer(t, 200);
  const started = Date.now();
  const receipt = await deliverDigest('hook', { type: 'webhook', url: rx.url }, digestOf(1), { ...fast, timeoutMs: 10_000 });
  assert.equal(receipt.parts, 1);
  assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
});

test('an endless error answer still fails fast with a short message', async (t) => {
  const rx = await endlessAnswer(t, 500);
  const started = Date.now();
  await assert.rejects(deliverDigest('hook', { type: 'webhook', url: rx.url }, digestOf(1), { ...fast, timeoutMs: 10_000, attempts: 1 }), (err: unknown) => {
    assert.ok(err instanceof DeliveryError);
    assert.match(err.message, /^notify: webhook answered 500 \(part 1 of 1\): x{200}$/);
    return true;
  });
  assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
});
