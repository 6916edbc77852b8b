/** Reads the fixture pages in test/fixtures/pages and scores extracted text against them. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PAGES_DIR = join(import.meta.dirname, '..', 'fixtures', 'pages');

export interface FixturePage {
  name: string;
  source: Buffer;
  expected: string;
}

export function fixturePages(): FixturePage[] {
  return readdirSync(PAGES_DIR)
    .sort()
    .map((name) => ({
      name,
      source: readFileSync(join(PAGES_DIR, name, 'source.html')),
      expected: readFileSync(join(PAGES_DIR, name, 'expected.txt'), 'utf8'),
    }));
}

export function fixturePage(name: string): FixturePage {
  const page = fixturePages().find((p) => p.name === name);
  if (!page) throw new Error(`no fixture page ${name}`);
  return page;
}

/** Word 4-gram F1, the extraction benchmark's measure: 1 when the texts' words agree. */
export function shingleF1(expected: string, got: string): number {
  const want = counts(shingles(expected));
  const have = counts(shingles(got));
  let tp = 0;
  for (const [k, n] of have) tp += Math.min(n, want.get(k) ?? 0);
  const p = tp / Math.max(1, sum(have));
  const r = tp / Math.max(1, sum(want));
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

function shingles(text: string): string[] {
  const words = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  const out: string[] = [];
  for (let i = 0; i + 4 <= words.length; i++) out.push(words.slice(i, i + 4).join(' '));
  if (out.length === 0 && words.length > 0) out.push(words.join(' '));
  return out;
}

function counts(items: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of items) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

function sum(m: Map<string, number>): number {
  let n = 0;
  for (const v of m.values()) n += v;
  return n;
}

/** The furniture lines from the sample articles' pages (shared/samples/README.md). */
export const BOILERPLATE_LINES = [
  'Menu', 'in', 'Related posts', 'Leave a Reply', 'Written by raed_admin', 'Exit mobile version', 'No comments:',
  'Post a Comment', 'Support SouthFront', 'Click to see full-size image',
  'Your email address will not be published. Required fields are marked *', 'Comments', 'Popular posts from this blog',
];
