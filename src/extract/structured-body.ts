/**
 * Page text or JSON-LD `articleBody`? The structured body is taken only when it is whole
 * and the page gave less: publishers often truncate it to a teaser, or leave it out.
 */
import type { BodySource } from '../types.js';

const MIN_STRUCTURED_CHARS = 200;

export function chooseStructuredBody(pageText: string, ldBody: string | undefined): { text: string; source: BodySource } {
  const page = { text: pageText, source: 'page' as const };
  if (!ldBody) return page;
  const structured = normalizeLd(ldBody);
  if (structured.length < MIN_STRUCTURED_CHARS || looksTruncated(structured)) return page;
  if (pageText.length >= structured.length * 0.8) return page;
  return { text: structured, source: 'structured-data' };
}

function normalizeLd(body: string): string {
  // articleBody is sometimes HTML-escaped or carries markup; paragraphs by newlines.
  const text = body.replace(/<[^>]+>/g, '\n').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
  return text
    .split(/\n\s*\n|\r?\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '')
    .join('\n\n');
}

function looksTruncated(text: string): boolean {
  return /(\.\.\.|…|\[\+\d+ chars\])\s*$/.test(text);
}
