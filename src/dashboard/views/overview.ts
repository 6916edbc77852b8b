/** The overview page: trends, queue depths, failing feeds, the last run of each digest. */
import { html, type SafeHtml } from '../html.js';
import type { Overview } from '../data/overview.js';
import type { DigestRun } from '../../store/digest-store.js';
import { legend, stackedBars } from './chart.js';
import { timeTag } from './format.js';
import { page } from './layout.js';

const hourLabel = (start: string, i: number) => (i % 3 === 0 ? `${start.slice(11, 13)}h` : '');
const dayLabel = (start: string, i: number) => (i % 5 === 0 ? start.slice(5, 10) : '');

export function overviewPage(o: Overview): string {
  const body = html`
<section class="card"><h2>Flagged items per hour, last 24 hours (UTC)</h2>
${stackedBars(o.trends.hours, o.watchlists, { title: 'Flagged per hour', label: hourLabel, name: (s) => s.slice(0, 13).replace('T', ' ') + 'h' })}
<h2>Flagged items per day, last 30 days</h2>
${stackedBars(o.trends.days, o.watchlists, { title: 'Flagged per day', label: dayLabel, name: (s) => s.slice(0, 10) })}
${legend(o.watchlists)}</section>
<div class="grid">
<section class="card"><h2>Queues</h2>${queueTable(o.queues)}<p><a href="/queues">Failed jobs and workers</a></p></section>
<section class="card"><h2>Failing feeds</h2>${failingFeeds(o)}</section>
<section class="card"><h2>Digests</h2>${digestTable(o.digests)}</section>
</div>`;
  return page({ title: 'Overview', path: '/', body, refresh: 30 });
}

function queueTable(queues: Overview['queues']): SafeHtml {
  const states = ['waiting', 'active', 'delayed', 'failed'];
  return html`<table><thead><tr><th>queue</th>${states.map((s) => html`<th class="num">${s}</th>`)}</tr></thead><tbody>
${Object.entries(queues).map(([name, c]) => html`<tr><td class="name">${name}</td>${states.map((s) => html`<td class="num${s === 'failed' && (c[s] ?? 0) > 0 ? ' bad' : ''}">${c[s] ?? 0}</td>`)}</tr>`)}
</tbody></table>`;
}

function failingFeeds(o: Overview): SafeHtml {
  if (o.failingFeeds.length === 0) return html`<p class="ok">All ${o.feedCount} feeds healthy.</p>`;
  return html`<ul class="plain">${o.failingFeeds.map((f) => html`<li><a href="/feeds#feed-${f.id}">${f.id}</a>: <span class="bad">${f.lastError ?? 'failing'}</span> <span class="muted">(${f.consecutiveErrors} in a row; next try ${timeTag(f.nextAttempt)})</span></li>`)}</ul>`;
}

export function runStatus(run: DigestRun | undefined): SafeHtml {
  if (!run) return html`<span class="muted">no run yet</span>`;
  return html`${Object.entries(run.channels).map(([ch, c]) => html`<span class="pill ${c.status}" title="${c.error ?? ''}">${ch}: ${c.status}</span> `)}`;
}

function digestTable(digests: Overview['digests']): SafeHtml {
  if (digests.length === 0) return html`<p class="muted">No digests configured.</p>`;
  return html`<table><thead><tr><th>digest</th><th>last run</th><th>channels</th><th class="num">pending</th></tr></thead><tbody>
${digests.map((d) => html`<tr><td><a href="/digests#digest-${d.name}">${d.name}</a></td><td>${timeTag(d.lastRun?.createdAt)}</td><td>${runStatus(d.lastRun)}</td><td class="num">${d.pending}</td></tr>`)}
</tbody></table>`;
}
