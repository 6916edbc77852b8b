import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MinimalJob } from 'bullmq';
import { retryAfterBackoff } from '../../src/jobs/backoff.js';

const job = { opts: { backoff: { type: 'retry-after', delay: 10_000 } } } as unknown as MinimalJob;

test('retries back off exponentially, never sooner than a Retry-After, never past an hour', () => {
  assert.equal(retryAfterBackoff(1, 'retry-after', new Error('x'), job), 10_000);
  assert.equal(retryAfterBackoff(3, 'retry-after', new Error('x'), job), 40_000);
  const slow = Object.assign(new Error('429'), { retryAfterMs: 120_000 });
  assert.equal(retryAfterBackoff(1, 'retry-after', slow, job), 120_000);
  assert.equal(retryAfterBackoff(30, 'retry-after', new Error('x'), job), 3_600_000);
});
