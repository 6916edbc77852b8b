/**
 * Page text or JSON-LD `articleBody`? The structured body is taken only when it is whole
 * and the page gave less: publishers often truncate it to a teaser, or leave it out.
 */
import { DEFAULT_LIMITS } from '../limits.js';
import type { BodySource } from '../types.js';

const MIN_STRUCTURED_CHARS = 200;

/**
 * `maxChars` is the body cap: articleBody is cut to four times it before its markup is
 * stripped (the slack markup needs), since text past the cap would be cut anyway.
 */
export function chooseStructuredBody(pageText: string, ldBody: string | undefined, maxChars: number = DEFAULT_LIMITS.bodyChars): { text: string; source: BodySource } {
  const page = { text: pageText, source: 'page' as const };
  if (!ldBody) return page;
  const structured = normalizeLd(ldBody.slice(0, maxChars * 4));
  if (structured.length < MIN_STRUCTURED_CHARS || looksTruncated(structured)) return page;
  if (pageText.length >= structured.length * 0.8) return page;
  return { text: structured, source: 'structured-data' };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
  });
}

/**
 * Tags end at the next `<` or `>` and an unclosed script runs to the end: each match stays
 * local, so no articleBody makes these expressions quadratic (`<[^>]+>` on "<<<<..." was).
 */
const LD_SCRIPT = /<(script|style)\b[^<>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;
const LD_BLOCK = /<\/?(p|div|h\d|li|br|blockquote|ul|ol|figure|table|tr)\b[^<>]*>/gi;
const LD_TAG = /<[^<>]+>/g;

function normalizeLd(body: string): string {
  // articleBody is sometimes HTML, escaped or not, with literal "\r\n" left in by a template.
  const text = decodeEntities(decodeEntities(body.replace(/\\r\\n|\\n/g, '\n')))
    .replace(LD_SCRIPT, ' ')
    .replace(LD_BLOCK, '\n')
    .replace(LD_TAG, '');
  return text
    .split(/\n\s*\n|\r?\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '')
    .join('\n\n');
}

function looksTruncated(text: string): boolean {
  return /(\.\.\.|…|\[\+\d+ chars\])\s*$/.test(text);
}
