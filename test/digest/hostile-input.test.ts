// Hostile feed text cannot stall a digest: building it and rendering it in every format grows
// at most about 2.5x per doubling of the text, up to 400,000 characters, within a budget.
import { test } from 'node:test';
import { buildDigest } from '../../src/digest/build-digest.js';
import { RENDER_FORMATS } from '../../src/digest/render-document.js';
import { renderDigest } from '../../src/digest/render-digest.js';
import { assertLinear, doublings } from '../classify/growth.js';
import { makeItem, makeMatch } from './make-items.js';

const SIZES = doublings(25_000, 400_000);

function repeat(piece: string, n: number): string {
  return piece.repeat(Math.max(1, Math.floor(n / piece.length)));
}

/** Two copies of one story (so the entry lists its sources), titles, text and snippets all hostile. */
function renderAll(text: string): void {
  const entries = ['a', 'b'].map((key, i) => {
    const item = makeItem(`hostile-${key}`, { title: `${text}${i}`, summary: text, body: `same story body ${text}`, url: `https://news.example/${key}` });
    const match = makeMatch(item, 'w', 5);
    match.hits = [{ term: `"${text.slice(0, 1000)}"`, field: 'body', start: 0, end: 10, snippet: text }];
    return { item, match };
  });
  const digest = buildDigest({ name: 'brief', runId: 'r', scheduledFor: '2026-11-21T07:00:00Z', entries, watchlists: { w: { description: text } }, maxItems: 10 });
  for (const format of RENDER_FORMATS) renderDigest(format, digest);
}

const HOSTILE: Record<string, string> = {
  'line breaks': '\n',
  'blank lines and list markers': '\n \n1.\n-',
  'mentions': '@@everyone ',
  'links': 'www.https://',
  'markdown': '\\`*_{}[]()<>!|~&#',
  'long word': 'x',
  'digits': '1234567890',
  'spaces and tabs': ' \t',
};

for (const [name, piece] of Object.entries(HOSTILE)) {
  test(`digest of ${name}`, () => {
    assertLinear(name, SIZES, (n) => repeat(piece, n), renderAll, { budgetMs: 3_000 });
  });
}
