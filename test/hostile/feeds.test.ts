/**
 * The feeds stage on inputs built to be slow, at sizes doubling up to fetch.maxBytes (10 MB):
 * time grows about linearly and stays within the budget at the cap, and every input either
 * parses or is refused with a FeedParseError.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FeedParseError } from '../../src/feeds/feed-parse-error.js';
import { readFeed } from '../../src/feeds/read-feed.js';
import { assertLinear, doublingTo } from './growth.js';
import { HOSTILE_FEEDS } from './inputs.js';

const CAP = 10 * 1024 * 1024;
/** CPU time allowed for one 10 MB hostile feed; the slowest measured here takes about 1.2 s. */
const BUDGET_MS = 5_000;

async function read(body: Buffer): Promise<void> {
  try {
    const feed = await readFeed(body, { url: 'https://feeds.example.com/feed', feedId: 'hostile' });
    assert.ok(feed.items.length <= 1_000);
  } catch (err) {
    assert.ok(err instanceof FeedParseError, `not a FeedParseError: ${String(err)}`);
    assert.match(err.message, /^parse: /);
  }
}

for (const [name, build] of Object.entries(HOSTILE_FEEDS)) {
  test(`feeds: ${name}`, async () => {
    await assertLinear(`feeds: ${name}`, {
      sizes: doublingTo(CAP, 4),
      build: (size) => Buffer.from(build(size)),
      run: read,
      runs: 2,
      budgetMs: BUDGET_MS,
    });
  });
}
