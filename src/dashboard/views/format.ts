/** Small formatters shared by the pages. Times are in ./time.ts: one zone a page, named on it. */
import { html, type SafeHtml } from '../html.js';
import type { Hit } from '../../types.js';
import { matchedWords, pointsOf, rankReasons, type Explainable, type RankedReason } from '../../classify/index.js';
import { makeSnippet } from '../../classify/judge/snippets.js';

export { timeTag } from './time.js';

export function duration(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000} d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Math.round(ms / 1000)} s`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The text a hit matched, read from the field it hit (whitespace folded as in its snippet). */
export function hitText(hit: Hit, fields: { title: string; body: string }): string | undefined {
  const text = hit.field === 'title' ? fields.title : hit.field === 'body' ? fields.body : undefined;
  if (text === undefined || hit.end <= hit.start || hit.end > text.length) return undefined;
  return text.slice(hit.start, hit.end).replace(/\s+/g, ' ');
}

/** A stretch of text to mark: a hit (what the watch-list matched) or a word the viewer searched. */
export interface MarkRange {
  start: number;
  end: number;
  kind: 'hit' | 'q';
}

const escapeRegExp = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where the searched words occur in a text, case-insensitively (indices into the text itself). */
export function wordRanges(text: string, words: string[]): MarkRange[] {
  const wanted = words.filter((w) => w.length > 0);
  if (wanted.length === 0 || !text) return [];
  const re = new RegExp(wanted.map(escapeRegExp).sort((a, b) => b.length - a.length).join('|'), 'giu');
  return [...text.matchAll(re)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, kind: 'q' as const }));
}

/** The text with each range in <mark> (a searched word as <mark class="q">); overlaps merge; all escaped. */
export function markRanges(text: string, ranges: MarkRange[]): SafeHtml {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
  const merged: MarkRange[] = [];
  for (const r of sorted) {
    const last = merged.at(-1);
    if (last && r.start <= last.end) {
      last.end = Math.max(last.end, r.end);
      if (r.kind === 'hit') last.kind = 'hit';
    } else merged.push({ ...r });
  }
  const out: Array<SafeHtml | string> = [];
  let at = 0;
  for (const r of merged) {
    out.push(text.slice(at, r.start), r.kind === 'q' ? html`<mark class="q">${text.slice(r.start, r.end)}</mark>` : html`<mark>${text.slice(r.start, r.end)}</mark>`);
    at = r.end;
  }
  out.push(text.slice(at));
  return html`${out}`;
}

/** A hit's snippet with the matched words in <mark> and any searched words marked too; everything escaped. */
export function highlightedSnippet(hit: Hit, fields: { title: string; body: string }, words: string[] = []): SafeHtml {
  const s = hit.snippet;
  const matched = hitText(hit, fields);
  let at = matched ? s.indexOf(matched) : -1;
  if (matched && at < 0) at = s.toLowerCase().indexOf(matched.toLowerCase());
  const ranges = wordRanges(s, words);
  if (matched && at >= 0) ranges.push({ start: at, end: at + matched.length, kind: 'hit' });
  return markRanges(s, ranges);
}

/**
 * Why a flag was raised, as the dashboard shows it: one line per term, strongest first by its
 * share of the score (rankReasons), with how often it occurred, the words that matched when
 * they are not the term itself (an alias: `@Labour: "Labour Party" x3`), its points, and the
 * first occurrence's snippet with the matched and searched words marked.
 */
export function reasonList(match: Explainable, fields: { title: string; body: string }, max = 6, words: string[] = []): SafeHtml {
  const reasons = rankReasons(match);
  if (reasons.length === 0) return html``;
  const shown = reasons.slice(0, max).map((r) => reasonLine(r, match.hits, fields, words));
  return html`<ul class="hits">${shown}${searchLine(shown, fields, words)}${
    reasons.length > max ? html`<li class="muted">and ${plural(reasons.length - max, 'more term')}</li>` : ''}</ul>`;
}

/** Where a searched word occurs in the body, when neither the title nor any reason shown has it. */
function searchLine(shown: SafeHtml[], fields: { title: string; body: string }, words: string[]): SafeHtml | '' {
  if (words.length === 0 || wordRanges(fields.title, words).length > 0 || shown.some((l) => l.value.includes('<mark class="q">'))) return '';
  const at = wordRanges(fields.body, words)[0];
  if (!at) return '';
  const text = makeSnippet(fields.body, at.start, at.end);
  return html`<li class="search-hit"><span class="field">text</span> <span class="snippet">${markRanges(text, wordRanges(text, words))}</span></li>`;
}

function reasonLine(r: RankedReason, hits: Hit[], fields: { title: string; body: string }, words: string[]): SafeHtml {
  // With a text filter on, the occurrence whose snippet shows a searched word is the one to show.
  const ofTerm = hits.filter((h) => h.term === r.fullTerm);
  const first = ofTerm.find((h) => wordRanges(h.snippet, words).length > 0) ?? ofTerm[0];
  const matched = matchedWords(r);
  const points = pointsOf(r);
  const share = r.share !== undefined && r.share > 0 ? ` · ${Math.round(r.share * 100)}%` : '';
  const term = r.term === r.fullTerm ? html`<code class="term">${r.term}</code>` : html`<code class="term" title="${r.fullTerm}">${r.term}</code>`;
  return html`<li>${term}${matched ? html` <span class="matched">${matched}</span>` : ''}${r.count > 1 && !matched ? html` <span class="count">x${r.count}</span>` : ''}${
    points ? html` <span class="points" title="points added to the score${share ? ' (share of the score)' : ''}">${points}${share}</span>` : ''}${
    first ? html` <span class="field">${first.field}</span> <span class="snippet">${highlightedSnippet(first, fields, words)}</span>` : ''}</li>`;
}
