/** The growth check itself: it must pass a linear stage and fail a quadratic one, even after its re-measuring. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertLinear, doublingTo } from './growth.js';

function pairs(n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sum += (i ^ j) & 1;
  return sum;
}

function single(n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (i * 2654435761) & 1;
  return sum;
}

test('a quadratic stage fails the growth check', async () => {
  await assert.rejects(
    assertLinear('quadratic', { sizes: doublingTo(8000, 4), build: (n) => n, run: pairs, budgetMs: 60_000, floorMs: 2 }),
    /quadratic: time grew \d\.\d\dx/,
  );
});

test('a linear stage passes it', async () => {
  const g = await assertLinear('linear', { sizes: doublingTo(64_000_000, 4), build: (n) => n, run: single, budgetMs: 60_000, floorMs: 2 });
  assert.equal(g.ms.length, 4);
});
