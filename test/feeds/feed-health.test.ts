import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, recordPollOutcome, type FeedHealth } from '../../src/feeds/feed-health.js';

const timing = { interval: 600_000, maxBackoff: 86_400_000 };

test('a first success records validators, items and the next regular poll', () => {
  const h = recordPollOutcome(undefined, { kind: 'ok', items: 12, etag: '"a"', lastModified: 'x', url: 'https://new/' }, 1_000, timing);
  assert.deepEqual(h, { status: 'ok', consecutiveErrors: 0, itemsSeen: 12, lastAttempt: 1_000, lastSuccess: 1_000, nextAttempt: 601_000, etag: '"a"', lastModified: 'x', url: 'https://new/' });
});

test('not-modified keeps the validators and counts as success', () => {
  const prev: FeedHealth = { status: 'failing', consecutiveErrors: 2, itemsSeen: 5, etag: '"a"', lastError: 'fetch: x' };
  const h = recordPollOutcome(prev, { kind: 'not-modified' }, 10, timing);
  assert.equal(h.status, 'ok');
  assert.equal(h.etag, '"a"');
  assert.equal(h.itemsSeen, 5);
  assert.equal(h.lastError, undefined);
});

test('errors back off exponentially with jitter, cap at maxBackoff, and never stop', () => {
  let h: FeedHealth | undefined;
  let now = 0;
  for (let i = 0; i < 30; i++) {
    h = recordPollOutcome(h, { kind: 'error', error: 'fetch: HTTP 500' }, now, timing);
    const delay = h.nextAttempt! - now;
    const exp = Math.min(timing.maxBackoff, timing.interval * 2 ** i);
    assert.ok(delay >= exp / 2 && delay <= exp, `attempt ${i}: ${delay}`);
    now = h.nextAttempt!;
  }
  assert.equal(h!.status, 'failing');
  assert.equal(h!.consecutiveErrors, 30);
  assert.ok(h!.nextAttempt! - h!.lastAttempt! <= timing.maxBackoff);
  const back = recordPollOutcome(h, { kind: 'ok', items: 1 }, now, timing);
  assert.equal(back.nextAttempt, now + timing.interval);
});

test('Retry-After raises the wait but not past the cap', () => {
  assert.equal(backoffDelay(1, { ...timing, random: () => 0 }, 3_600_000), 3_600_000);
  assert.equal(backoffDelay(1, { ...timing, random: () => 0 }, 10 * 86_400_000), 86_400_000);
});

test('a permanent error (404, 410, refused) backs off faster but is still retried', () => {
  const h = recordPollOutcome(undefined, { kind: 'error', error: 'fetch: HTTP 410', permanent: true }, 0, { ...timing, random: () => 1 });
  assert.equal(h.nextAttempt, timing.interval * 8);
  let later: FeedHealth = h;
  for (let i = 0; i < 20; i++) later = recordPollOutcome(later, { kind: 'error', error: 'fetch: HTTP 410', permanent: true }, 0, { ...timing, random: () => 1 });
  assert.equal(later.nextAttempt, timing.maxBackoff);
});
