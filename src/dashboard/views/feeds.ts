/** The feeds page: each feed's health, failing feeds first, times relative with the absolute time on hover. */
import { html, type SafeHtml } from '../html.js';
import type { FeedRow } from '../data/feeds.js';
import { duration, plural } from './format.js';
import { page } from './layout.js';
import { relativeTag } from './time.js';

const RANK: Record<string, number> = { failing: 0, never: 1 };

/** Failing feeds first (longest streak first), then feeds never polled, then the rest; config order within each. */
export function feedOrder(feeds: FeedRow[]): FeedRow[] {
  return feeds.map((f, i) => ({ f, i }))
    .sort((a, b) => (RANK[a.f.status] ?? 2) - (RANK[b.f.status] ?? 2) || (a.f.status === 'failing' ? b.f.consecutiveErrors - a.f.consecutiveErrors : 0) || a.i - b.i)
    .map(({ f }) => f);
}

export function feedsPage(feeds: FeedRow[]): string {
  const failing = feeds.filter((f) => f.status === 'failing').length;
  const body = html`<p class="muted" id="feed-summary">${plural(feeds.length, 'feed')}${failing ? html`, <strong class="bad">${failing} failing</strong>` : ', all healthy'}.</p>
<section class="card"><table class="wide stack" id="feeds"><thead><tr><th>feed</th><th>status</th><th>last success</th><th>last error</th><th>next poll</th><th class="num">items seen</th><th class="num" title="items stored from this feed in the last 24 hours">stored 24 h</th><th>every</th></tr></thead><tbody>
${feedOrder(feeds).map(feedRow)}
</tbody></table></section>${feeds.length === 0 ? html`<p class="muted">No feeds configured.</p>` : ''}`;
  return page({ title: 'Feeds', path: '/feeds', body, refresh: 60 });
}

function feedRow(f: FeedRow): SafeHtml {
  return html`<tr id="feed-${f.id}" class="feed-${f.status}"><td data-label="feed"><strong>${f.id}</strong><br><span class="muted small url">${f.url}</span>${f.tags.length ? html`<br><span class="small">${f.tags.join(', ')}</span>` : ''}</td>
<td data-label="status"><span class="pill ${f.status}">${f.status}</span>${f.consecutiveErrors ? html`<br><span class="small nowrap">${plural(f.consecutiveErrors, 'error')} in a row</span>` : ''}</td>
<td data-label="last success" class="when">${relativeTag(f.lastSuccess)}</td>
<td data-label="last error" class="${f.lastError ? 'bad error-text' : ''}">${f.lastError ? html`${f.lastError}${f.lastAttempt ? html` <span class="muted small when">(${relativeTag(f.lastAttempt)})</span>` : ''}` : html`<span class="muted">none</span>`}</td>
<td data-label="next poll" class="when">${relativeTag(f.nextAttempt, 'when its schedule fires')}</td>
<td data-label="items seen" class="num">${f.itemsSeen}</td><td data-label="stored 24 h" class="num">${f.items24h}</td><td data-label="every" class="nowrap">${duration(f.interval)}</td></tr>`;
}
