import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDigest } from '../../src/digest/build-digest.js';
import type { SlackMessage } from '../../src/digest/render-slack.js';
import { deliverDigest } from '../../src/notify/deliver.js';
import { DeliveryError } from '../../src/notify/delivery-error.js';
import { manyEntries } from '../digest/make-items.js';
import { startReceiver } from './receiver.js';

function digestOf(n: number) {
  return buildDigest({ name: 'brief', runId: 'brief-1', scheduledFor: '2026-11-21T07:00:00.000Z', entries: manyEntries(n), watchlists: { libya: {} }, maxItems: n });
}

function assertWithinSlackLimits(m: SlackMessage): void {
  assert.ok(m.blocks.length <= 50, `${m.blocks.length} blocks`);
  let total = m.text.length;
  for (const b of m.blocks) {
    const text = b.type === 'context' ? b.elements.map((e) => e.text).join('') : b.text.text;
    if (b.type === 'section') assert.ok(text.length <= 3000, `section of ${text.length} chars`);
    if (b.type === 'header') assert.ok(text.length <= 150);
    total += text.length;
  }
  assert.ok(total <= 13_000, `${total} chars in all`);
}

/** The story numbers linked as titles, in message order. */
function titlesIn(messages: SlackMessage[]): number[] {
  const text = messages.flatMap((m) => m.blocks.map((b) => (b.type === 'section' ? b.text.text : ''))).join('\n');
  return [...text.matchAll(/\|Story number (\d+):/g)].map((m) => Number(m[1]));
}

test('a 500-item digest reaches Slack as several ordered messages within the limits, nothing missing', async (t) => {
  const rx = await startReceiver();
  t.after(rx.close);
  const receipt = await deliverDigest('ops', { type: 'slack', webhook: `${rx.url}/hooks/T1` }, digestOf(500), { minGapMs: 0 });
  const messages = rx.accepted().map((b) => JSON.parse(b) as SlackMessage);
  assert.ok(messages.length > 1, 'split into several messages');
  assert.equal(receipt.parts, messages.length);
  messages.forEach((m, i) => {
    assertWithinSlackLimits(m);
    assert.equal(m.text, `brief (part ${i + 1}/${messages.length})`);
  });
  const seen = titlesIn(messages);
  assert.deepEqual(seen, Array.from({ length: 500 }, (_, i) => i), 'every story once, in rank order');
  assert.equal(rx.requests[0]!.path, '/hooks/T1');
  assert.equal(rx.requests[0]!.headers['content-type'], 'application/json');
});

test('internal retries: 500 three times then 429 with Retry-After, one call delivers exactly one digest', async (t) => {
  const rx = await startReceiver([{ status: 500 }, { status: 500 }, { status: 500 }, { status: 429, headers: { 'retry-after': '1' } }]);
  t.after(rx.close);
  const started = Date.now();
  await deliverDigest('ops', { type: 'slack', webhook: rx.url }, digestOf(20), { attempts: 5, backoffMs: 20 });
  assert.ok(Date.now() - started >= 1000, 'waited out Retry-After');
  assert.equal(rx.requests.length, 5);
  const accepted = rx.accepted().map((b) => JSON.parse(b) as SlackMessage);
  assert.equal(accepted.length, 1);
  assert.deepEqual(titlesIn(accepted), Array.from({ length: 20 }, (_, i) => i));
});

/** Mimics the worker: retry the job while the error says it may help, resuming after accepted parts. */
async function deliverLikeWorker(run: (fromPart: number) => Promise<unknown>, maxJobAttempts = 5): Promise<DeliveryError[]> {
  const failures: DeliveryError[] = [];
  let fromPart = 0;
  for (let job = 1; job <= maxJobAttempts; job++) {
    try {
      await run(fromPart);
      return failures;
    } catch (err) {
      assert.ok(err instanceof DeliveryError && err.retryable, String(err));
      failures.push(err);
      fromPart = err.partsDelivered;
    }
  }
  throw new Error('gave up');
}

test('worker retries: 500 three times then 429, exactly one digest arrives with every item', async (t) => {
  const rx = await startReceiver([{ status: 500 }, { status: 500 }, { status: 500 }, { status: 429, headers: { 'retry-after': '1' } }]);
  t.after(rx.close);
  const digest = digestOf(20);
  const failures = await deliverLikeWorker((fromPart) => deliverDigest('ops', { type: 'slack', webhook: rx.url }, digest, { attempts: 3, backoffMs: 10, fromPart }));
  assert.equal(failures.length, 1);
  assert.match(failures[0]!.message, /^notify: slack answered 500 \(part 1 of 1\)/);
  const accepted = rx.accepted().map((b) => JSON.parse(b) as SlackMessage);
  assert.equal(accepted.length, 1);
  assert.deepEqual(titlesIn(accepted), Array.from({ length: 20 }, (_, i) => i));
});

test('a failure in the middle of a multi-message digest resends none of the accepted parts', async (t) => {
  const rx = await startReceiver([{ status: 200 }, { status: 500 }, { status: 500 }, { status: 500 }, { status: 429, headers: { 'retry-after': '0' } }]);
  t.after(rx.close);
  const digest = digestOf(120);
  const failures = await deliverLikeWorker((fromPart) => deliverDigest('ops', { type: 'slack', webhook: rx.url }, digest, { attempts: 2, backoffMs: 10, minGapMs: 0, fromPart }));
  assert.ok(failures.length >= 1);
  assert.equal(failures[0]!.partsDelivered, 1);
  const accepted = rx.accepted().map((b) => JSON.parse(b) as SlackMessage);
  assert.ok(accepted.length > 2);
  assert.deepEqual(accepted.map((m) => m.text), accepted.map((_, i) => `brief (part ${i + 1}/${accepted.length})`));
  assert.deepEqual(titlesIn(accepted), Array.from({ length: 120 }, (_, i) => i));
});

test('a 404 is permanent: not retried inside the call, not retryable for the worker', async (t) => {
  const rx = await startReceiver([{ status: 404, body: 'no_service' }]);
  t.after(rx.close);
  await assert.rejects(deliverDigest('ops', { type: 'slack', webhook: rx.url }, digestOf(3), { backoffMs: 1 }), (err: unknown) => {
    assert.ok(err instanceof DeliveryError);
    assert.equal(err.retryable, false);
    assert.equal(err.permanent, true);
    assert.equal(err.status, 404);
    assert.match(err.message, /^notify: slack answered 404 \(part 1 of 1\): no_service/);
    return true;
  });
  assert.equal(rx.requests.length, 1);
});

test('a Retry-After beyond the bound is handed to the worker instead of waited out', async (t) => {
  const rx = await startReceiver([{ status: 429, headers: { 'retry-after': '120' } }]);
  t.after(rx.close);
  await assert.rejects(deliverDigest('ops', { type: 'slack', webhook: rx.url }, digestOf(3)), (err: unknown) => {
    assert.ok(err instanceof DeliveryError);
    assert.equal(err.retryable, true);
    assert.equal(err.retryAfterMs, 120_000);
    return true;
  });
  assert.equal(rx.requests.length, 1);
});

test('a redirect is not followed: the moved webhook is a permanent failure', async (t) => {
  const rx = await startReceiver([{ status: 301, headers: { location: 'http://127.0.0.1:1/elsewhere' } }]);
  t.after(rx.close);
  await assert.rejects(deliverDigest('ops', { type: 'slack', webhook: rx.url }, digestOf(1)), (err: unknown) => {
    assert.ok(err instanceof DeliveryError);
    assert.equal(err.retryable, false);
    assert.equal(err.status, 301);
    return true;
  });
  assert.equal(rx.requests.length, 1);
});
