/** The overview page: ingestion and flags over time, queue depths, failing feeds, the last run of each digest. */
import { html, type SafeHtml } from '../html.js';
import { averageWaitSeconds, type IngestionHour } from '../data/ingestion.js';
import type { Overview } from '../data/overview.js';
import type { Bucket } from '../data/trends.js';
import type { DigestRun } from '../../store/digest-store.js';
import { legend, stackedBars } from './chart.js';
import { page } from './layout.js';
import { chartBlock } from './hour-charts.js';
import { dayLabel, hourAxis, hourName, minorHour, relativeTag, timeTag } from './time.js';
import { runPath } from './run-id.js';

/** Every 5th day under the 30-day chart. */
const dayAxis = (start: string, i: number) => (i % 5 === 0 ? dayLabel(Date.parse(start)) : '');

export function overviewPage(o: Overview): string {
  const body = html`
<section class="card" id="ingestion"><h2>Ingestion, last 24 hours <span class="muted small">(times in ${o.timeZone})</span></h2>
<div class="charts">${ingestionCharts(o.ingestion)}</div></section>
<section class="card" id="flagged"><h2>Flagged items per hour, last 24 hours <span class="muted small">(times in ${o.timeZone})</span></h2>
${stackedBars(o.trends.hours, o.watchlists, { title: 'Flagged per hour', label: hourAxis(3), minor: minorHour(6), name: hourName })}
<h2>Flagged items per day, last 30 days <span class="muted small">(days in ${o.timeZone})</span></h2>
${stackedBars(o.trends.days, o.watchlists, { title: 'Flagged per day', label: dayAxis, minor: (_s, i) => i % 10 !== 0, name: (s) => dayLabel(Date.parse(s)) })}
${legend(o.watchlists)}</section>
<div class="grid">
<section class="card"><h2>Queues</h2>${queueTable(o.queues)}<p><a href="/queues">Jobs, failures and retries</a></p></section>
<section class="card"><h2>Failing feeds</h2>${failingFeeds(o)}</section>
<section class="card"><h2>Digests</h2>${digestTable(o.digests)}</section>
</div>`;
  return page({ title: 'Overview', path: '/', body, refresh: 30 });
}

function series(hours: IngestionHour[], pick: (h: IngestionHour) => Record<string, number>): Bucket[] {
  return hours.map((h) => ({ start: h.start, counts: pick(h) }));
}

function ingestionCharts(hours: IngestionHour[]): SafeHtml[] {
  const queues = [...new Set(hours.flatMap((h) => Object.keys(h.queues)))].sort();
  const one = (title: string, key: string, value: (h: IngestionHour) => number, color: string) =>
    chartBlock({ title, buckets: series(hours, (h) => ({ [key]: value(h) })), series: [key], colors: [color] });
  return [
    one('Feed entries read', 'entries', (h) => h.counts.fetched, '#2563eb'),
    one('New items', 'new', (h) => h.counts.new, '#059669'),
    chartBlock({
      title: 'Items stored, by where the text came from', series: ['extracted from the page', 'feed text'], colors: ['#0891b2', '#94a3b8'],
      buckets: series(hours, (h) => ({ 'extracted from the page': h.counts.extracted, 'feed text': h.counts.stored - h.counts.extracted })),
    }),
    one('Items flagged', 'flagged', (h) => h.counts.flagged, '#d97706'),
    chartBlock({ title: 'Fetch errors', series: ['feed polls', 'pages'], colors: ['#dc2626', '#f97316'], buckets: series(hours, (h) => ({ 'feed polls': h.counts.fetchErrors, pages: h.counts.pageErrors })) }),
    chartBlock({ title: 'Average queue wait (s)', series: queues, averages: true, buckets: series(hours, (h) => Object.fromEntries(queues.map((q) => [q, averageWaitSeconds(h.queues[q])]))) }),
  ];
}

function queueTable(queues: Overview['queues']): SafeHtml {
  const states = ['waiting', 'active', 'delayed', 'failed'];
  return html`<table><thead><tr><th>queue</th>${states.map((s) => html`<th class="num">${s}</th>`)}</tr></thead><tbody>
${Object.entries(queues).map(([name, c]) => html`<tr><td class="name"><a href="/queues/${encodeURIComponent(name)}">${name}</a></td>${states.map((s) => html`<td class="num${s === 'failed' && (c[s] ?? 0) > 0 ? ' bad' : ''}">${c[s] ?? 0}</td>`)}</tr>`)}
</tbody></table>`;
}

function failingFeeds(o: Overview): SafeHtml {
  if (o.failingFeeds.length === 0) return html`<p class="ok">All ${o.feedCount} feeds healthy.</p>`;
  return html`<ul class="plain">${o.failingFeeds.map((f) => html`<li><a href="/feeds#feed-${f.id}">${f.id}</a>: <span class="bad">${f.lastError ?? 'failing'}</span> <span class="muted">(${f.consecutiveErrors} in a row; next try ${relativeTag(f.nextAttempt)})</span></li>`)}</ul>`;
}

export function runStatus(run: DigestRun | undefined): SafeHtml {
  if (!run) return html`<span class="muted">no run yet</span>`;
  return html`${Object.entries(run.channels).map(([ch, c]) => html`<span class="pill ${c.status}" title="${c.error ?? ''}">${ch}: ${c.status}</span> `)}`;
}

function digestTable(digests: Overview['digests']): SafeHtml {
  if (digests.length === 0) return html`<p class="muted">No digests configured.</p>`;
  return html`<table><thead><tr><th>digest</th><th>last run</th><th>channels</th><th class="num">pending</th></tr></thead><tbody>
${digests.map((d) => html`<tr><td><a href="/digests#digest-${d.name}">${d.name}</a></td><td class="when">${d.lastRun ? html`<a href="${runPath(d.name, d.lastRun.runId)}" title="${d.lastRun.runId}">${timeTag(d.lastRun.createdAt)}</a>` : timeTag(undefined)}</td><td>${runStatus(d.lastRun)}</td><td class="num">${d.pending}</td></tr>`)}
</tbody></table>`;
}
