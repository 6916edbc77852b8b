/** The feeds page: each feed's health. */
import { html } from '../html.js';
import type { FeedRow } from '../data/feeds.js';
import { duration, plural, timeTag } from './format.js';
import { page } from './layout.js';

export function feedsPage(feeds: FeedRow[]): string {
  const body = html`<section class="card"><table class="wide"><thead><tr><th>feed</th><th>status</th><th>last success</th><th>last error</th><th>next attempt</th><th class="num">items seen</th><th class="num">stored 24 h</th><th>interval</th></tr></thead><tbody>
${feeds.map((f) => html`<tr id="feed-${f.id}"><td><strong>${f.id}</strong><br><span class="muted small url">${f.url}</span>${f.tags.length ? html`<br><span class="small">${f.tags.join(', ')}</span>` : ''}</td>
<td><span class="pill ${f.status}">${f.status}</span>${f.consecutiveErrors ? html`<br><span class="small">${plural(f.consecutiveErrors, 'error')} in a row</span>` : ''}</td>
<td>${timeTag(f.lastSuccess)}</td><td class="${f.lastError ? 'bad' : ''}">${f.lastError ?? ''}</td><td>${timeTag(f.nextAttempt)}</td>
<td class="num">${f.itemsSeen}</td><td class="num">${f.items24h}</td><td>${duration(f.interval)}</td></tr>`)}
</tbody></table></section>${feeds.length === 0 ? html`<p class="muted">No feeds configured.</p>` : ''}`;
  return page({ title: 'Feeds', path: '/feeds', body, refresh: 60 });
}
