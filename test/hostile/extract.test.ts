/**
 * The extract stage on pages built to be slow, at sizes doubling up to fetch.maxBytes
 * (10 MB): time grows about linearly and stays within the budget at the cap; every page is
 * extracted (body within limits.bodyChars) or refused with an ExtractError.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExtractError } from '../../src/extract/errors.js';
import { extractArticle } from '../../src/extract/extract-article.js';
import { DEFAULT_LIMITS } from '../../src/limits.js';
import { assertLinear, doublingTo } from './growth.js';
import { HOSTILE_PAGES } from './inputs.js';

const CAP = 10 * 1024 * 1024;
/** CPU time allowed for one 10 MB hostile page; the slowest measured here takes about 1.5 s. */
const BUDGET_MS = 6_000;

function extract(page: Buffer): void {
  try {
    const article = extractArticle(page, { url: 'https://news.example.com/a', exclude: ['.share'] });
    assert.ok(article.text.length <= DEFAULT_LIMITS.bodyChars);
    assert.ok((article.title ?? '').length <= 1_000);
  } catch (err) {
    assert.ok(err instanceof ExtractError, `not an ExtractError: ${String(err)}`);
    assert.match(err.message, /^extract: /);
  }
}

for (const [name, build] of Object.entries(HOSTILE_PAGES)) {
  test(`extract: ${name}`, async () => {
    await assertLinear(`extract: ${name}`, {
      sizes: doublingTo(CAP, 4),
      build: (size) => Buffer.from(build(size)),
      run: extract,
      runs: 2,
      budgetMs: BUDGET_MS,
    });
  });
}
