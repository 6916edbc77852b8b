/** One-line excerpts around hits, cut once per occurrence however many watch-lists share the term. */
import type { ArticleContext, Occurrence } from '../types.js';

const SNIPPET_CONTEXT = 60;

/** A short, single-line excerpt around [start, end), cut at spaces. */
export function makeSnippet(text: string, start: number, end: number): string {
  let from = Math.max(0, start - SNIPPET_CONTEXT);
  let to = Math.min(text.length, end + SNIPPET_CONTEXT);
  if (from > 0) { const sp = text.indexOf(' ', from); if (sp >= 0 && sp < start) from = sp + 1; }
  if (to < text.length) { const sp = text.lastIndexOf(' ', to); if (sp > end) to = sp; }
  const cut = text.slice(from, to);
  const body = isTidy(cut) ? cut : cut.replace(/\s+/g, ' ').trim();
  return (from > 0 ? '…' : '') + body + (to < text.length ? '…' : '');
}

/** Whitespace other than the space (JavaScript's \s), which a snippet turns into spaces. */
function isOtherSpace(code: number): boolean {
  if (code < 128) return (code >= 9 && code <= 13);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029
    || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** True when collapsing whitespace and trimming would leave s as it is (the usual case). */
function isTidy(s: string): boolean {
  if (s.length === 0) return true;
  if (s.charCodeAt(0) === 32 || s.charCodeAt(s.length - 1) === 32) return false;
  let prevSpace = false;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code === 32) {
      if (prevSpace) return false;
      prevSpace = true;
    } else if (isOtherSpace(code)) return false;
    else prevSpace = false;
  }
  return true;
}

export function snippetOf(ctx: ArticleContext, o: Occurrence): string {
  if (o.field !== 'title' && o.field !== 'body') return fieldText(ctx, o.field);
  // Watch-lists share terms, so the same occurrence is explained many times: cut it once.
  const key = snippetKey(o);
  let snippet = ctx.snippets.get(key);
  if (snippet === undefined) {
    snippet = makeSnippet(fieldText(ctx, o.field), o.start, o.end);
    ctx.snippets.set(key, snippet);
  }
  return snippet;
}

const OFFSETS = 2 ** 26;

/** One number per title or body occurrence (offsets below 2^26, as in any article); a string beyond. */
function snippetKey(o: Occurrence): number | string {
  if (o.end >= OFFSETS) return `${o.field}:${o.start}:${o.end}`;
  const key = o.start * OFFSETS + o.end + 1;
  return o.field === 'title' ? -key : key;
}

export function fieldText(ctx: ArticleContext, field: string): string {
  if (field === 'title') return ctx.input.title;
  if (field === 'body') return ctx.input.body;
  if (field === 'feed') return ctx.input.feedId ?? '';
  return (ctx.input.tags ?? []).join(' ');
}
