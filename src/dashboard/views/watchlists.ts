/** The watch-lists page: queries, counts, top entities, and the "try it" box with its verdicts. */
import { html, type SafeHtml } from '../html.js';
import type { ClassifyResponse } from '../data/classify.js';
import type { WatchlistRow } from '../data/watchlists.js';
import { reasonList } from './format.js';
import { page } from './layout.js';
import { textVerdictButtons, textVerdictForm } from './verdicts.js';

export interface WatchlistsView {
  rows: WatchlistRow[];
  /** The last "try it" input, to refill the box. */
  tried?: { text?: string; url?: string };
  result?: ClassifyResponse;
  error?: string;
}

export function watchlistsPage(v: WatchlistsView): string {
  const body = html`<section class="card" id="try"><h2>Try it</h2>
<p class="muted">Paste text (first line is the title) or give a URL: every watch-list judges it now, with the reasons.</p>
<form method="post" action="/watchlists/try#try" class="try">
<textarea name="text" rows="5" placeholder="Title on the first line&#10;Body below">${v.tried?.text ?? ''}</textarea>
<div class="row"><input type="url" name="url" value="${v.tried?.url ?? ''}" placeholder="or https://… a page to fetch"><button type="submit">Classify</button></div>
</form>
${v.error ? html`<p class="error" role="alert">${v.error}</p>` : ''}${v.result ? resultBlock(v.result) : ''}</section>
${v.rows.map(watchlistCard)}`;
  return page({ title: 'Watch-lists', path: '/watchlists', body });
}

export function watchlistCard(w: WatchlistRow): SafeHtml {
  const weights = Object.entries(w.weights ?? {});
  return html`<section class="card" id="wl-${w.id}"><h2>${w.id}</h2>${w.description ? html`<p>${w.description}</p>` : ''}
<pre class="query">${w.query}</pre>
${weights.length ? html`<p class="small">weights: ${weights.map(([t, n]) => html`<code>${t}</code>&nbsp;${n} `)}</p>` : ''}
<p class="small">threshold ${w.threshold}${w.alert !== undefined ? `, alert at ${w.alert}` : ''}</p>
<p><a href="/items?watchlist=${encodeURIComponent(w.id)}">${w.flagged} flagged</a> · ${w.flagged24h} in 24 h · ${w.flagged30d} in 30 days · <a href="/watchlists/${encodeURIComponent(w.id)}#verdicts">verdicts</a> · <a href="/feeds/${encodeURIComponent(w.id)}.atom">Atom</a></p>
${w.topEntities.length ? html`<p class="small">top entities: ${w.topEntities.map((e) => html`<a class="pill" href="/items?watchlist=${encodeURIComponent(w.id)}&amp;entity=${encodeURIComponent(e.name)}">${e.name} ${e.items}</a> `)}</p>` : ''}
</section>`;
}

function resultBlock(r: ClassifyResponse): SafeHtml {
  const fields = { title: r.title, body: r.body };
  const sorted = [...r.matches].sort((a, b) => Number(b.flagged) - Number(a.flagged) || b.score - a.score);
  return html`<div class="result" id="try-result"><h3>${r.title || '(no title)'}</h3>${r.url ? html`<p class="small muted url">${r.url}</p>` : ''}
<p class="small">entities: ${r.entities.length ? r.entities.slice(0, 12).map((e) => `${e.name} (${e.type})`).join(', ') : 'none'}</p>
<table class="wide stack"><thead><tr><th>watch-list</th><th>verdict</th><th class="num">score</th><th>why</th><th>right?</th></tr></thead><tbody>
${sorted.map((m) => html`<tr><td>${m.watchlist}</td><td data-label="verdict"><span class="pill ${m.flagged ? 'flagged' : m.queryMatched ? 'below' : 'nomatch'}">${m.flagged ? 'flagged' : m.queryMatched ? 'below threshold' : 'no match'}</span></td>
<td class="num" data-label="score">${m.score} / ${m.threshold}</td><td>${reasonList(m, fields)}</td><td>${
    textVerdictButtons(m.watchlist, m.flagged ? ['relevant', 'not-relevant'] : ['missed', 'not-relevant'])}</td></tr>`)}
</tbody></table>${textVerdictForm({ title: r.title, body: r.body, ...(r.url ? { url: r.url } : {}) })}</div>`;
}
