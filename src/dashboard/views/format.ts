/** Small formatters shared by the pages. Times go out as <time> in UTC; app.js shows them in local time. */
import { html, type SafeHtml } from '../html.js';
import type { Hit } from '../../types.js';

export function timeTag(iso: string | undefined): SafeHtml {
  if (!iso) return html`<span class="muted">never</span>`;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return html`${iso}`;
  const text = d.toISOString().replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC');
  return html`<time datetime="${d.toISOString()}">${text}</time>`;
}

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

/** A hit's snippet with the matched words in <mark>; everything escaped. */
export function highlightedSnippet(hit: Hit, fields: { title: string; body: string }): SafeHtml {
  const s = hit.snippet;
  const matched = hitText(hit, fields);
  let at = matched ? s.indexOf(matched) : -1;
  if (matched && at < 0) at = s.toLowerCase().indexOf(matched.toLowerCase());
  if (!matched || at < 0) return html`${s}`;
  return html`${s.slice(0, at)}<mark>${s.slice(at, at + matched.length)}</mark>${s.slice(at + matched.length)}`;
}

/** The explanation of one verdict: each hit's term, field and highlighted snippet. */
export function hitList(hits: Hit[], fields: { title: string; body: string }, max = 6): SafeHtml {
  if (hits.length === 0) return html``;
  const shown = hits.slice(0, max);
  return html`<ul class="hits">${shown.map((h) => html`<li><code class="term">${h.term}</code> <span class="field">${h.field}</span> <span class="snippet">${highlightedSnippet(h, fields)}</span></li>`)}${
    hits.length > max ? html`<li class="muted">and ${hits.length - max} more</li>` : ''}</ul>`;
}
