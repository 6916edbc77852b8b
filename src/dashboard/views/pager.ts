/** Previous / next links and a few page numbers around the current page, keeping the rest of the query. */
import { html, type SafeHtml } from '../html.js';

export interface PagerOptions {
  path: string;
  /** The query of the current page; `page` is replaced in each link. */
  query: Record<string, string>;
  page: number;
  pageSize: number;
  total: number;
}

export function pageHref(o: Pick<PagerOptions, 'path' | 'query'>, page: number): string {
  const q = new URLSearchParams(Object.entries(o.query).filter(([k, v]) => k !== 'page' && typeof v === 'string' && v !== ''));
  if (page > 1) q.set('page', String(page));
  const qs = q.toString();
  return qs ? `${o.path}?${qs}` : o.path;
}

/** Page numbers to show: the first, the last, and two either side of the current one. */
function numbers(page: number, pages: number): Array<number | null> {
  const out: Array<number | null> = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - page) <= 2) out.push(p);
    else if (out.at(-1) !== null) out.push(null);
  }
  return out;
}

export function pager(o: PagerOptions): SafeHtml {
  const pages = Math.max(1, Math.ceil(o.total / o.pageSize));
  if (pages <= 1 && o.page <= 1) return html``;
  const link = (p: number, text: string, rel?: string) => html`<a href="${pageHref(o, p)}"${rel ? html` rel="${rel}"` : ''}>${text}</a>`;
  return html`<nav class="pager" aria-label="pages">
${o.page > 1 ? link(Math.min(o.page - 1, pages), '← Previous', 'prev') : html`<span class="muted">← Previous</span>`}
<span class="pages">${numbers(o.page, pages).map((p) => (p === null ? html`<span class="gap">…</span>` : p === o.page ? html`<strong aria-current="page">${p}</strong>` : link(p, String(p))))}</span>
${o.page < pages ? link(o.page + 1, 'Next →', 'next') : html`<span class="muted">Next →</span>`}
</nav>`;
}
