/** The queues page: depths and workers, jobs, failures and waits per hour, and the latest failed jobs with their actions. */
import { html, type SafeHtml } from '../html.js';
import { averageWaitSeconds, type IngestionHour } from '../data/ingestion.js';
import { STATES, type FailedJob, type QueueSummary } from '../data/queues.js';
import type { Bucket } from '../data/trends.js';
import { legend } from './chart.js';
import { chartBlock } from './hour-charts.js';
import { page } from './layout.js';
import { jobActions, jobLink, shortJson } from './queue-jobs.js';
import { pageZone, relativeTag } from './time.js';

export interface QueuesView {
  queues: QueueSummary[];
  hours: IngestionHour[];
}

export function queuesPage(v: QueuesView): string {
  const names = v.queues.map((q) => q.name);
  const body = html`<section class="card"><table class="wide" id="queue-counts"><thead><tr><th>queue</th><th class="num">workers</th>${STATES.map((s) => html`<th class="num">${s}</th>`)}</tr></thead><tbody>
${v.queues.map((q) => html`<tr><td><a href="/queues/${encodeURIComponent(q.name)}">${q.name}</a></td><td class="num${q.workers === 0 ? ' bad' : ''}">${q.workers ?? '?'}</td>${STATES.map((s) =>
    html`<td class="num${s === 'failed' && (q.counts[s] ?? 0) > 0 ? ' bad' : ''}"><a href="/queues/${encodeURIComponent(q.name)}?state=${s}">${q.counts[s] ?? 0}</a></td>`)}</tr>`)}
</tbody></table></section>
<section class="card" id="queue-history"><h2>Last 24 hours <span class="muted small">(times in ${pageZone()})</span></h2>
<div class="charts">
${chartBlock({ title: 'Jobs started per hour', buckets: perQueue(v.hours, names, (q) => q?.jobs ?? 0), series: names, legend: false })}
${chartBlock({ title: 'Failed attempts per hour', buckets: perQueue(v.hours, names, (q) => q?.failed ?? 0), series: names, legend: false })}
${chartBlock({ title: 'Average wait before a job starts (s)', buckets: perQueue(v.hours, names, averageWaitSeconds), series: names, averages: true, legend: false })}
</div>${legend(names)}</section>
${v.queues.map(failedBlock)}`;
  return page({ title: 'Queues', path: '/queues', body, refresh: 30 });
}

function perQueue(hours: IngestionHour[], names: string[], value: (q: IngestionHour['queues'][string] | undefined) => number): Bucket[] {
  return hours.map((h) => ({ start: h.start, counts: Object.fromEntries(names.map((n) => [n, value(h.queues[n])])) }));
}

function failedBlock(q: QueueSummary): SafeHtml {
  if (q.failed.length === 0) return html``;
  const total = q.counts.failed ?? q.failed.length;
  return html`<section class="card failed-jobs" id="failed-${q.name}"><h2>${q.name}: latest failed jobs <a class="small" href="/queues/${encodeURIComponent(q.name)}?state=failed">all ${total} →</a></h2>
<table class="wide stack"><thead><tr><th>job</th><th>failed</th><th class="num">tries</th><th>error</th><th>data</th><th></th></tr></thead><tbody>
${q.failed.map((j) => failedRow(q.name, j))}
</tbody></table></section>`;
}

function failedRow(queue: string, j: FailedJob): SafeHtml {
  return html`<tr><td data-label="job">${jobLink(queue, j.id)}</td><td data-label="failed" class="when">${relativeTag(j.finishedOn)}</td><td data-label="tries" class="num">${j.attemptsMade}</td>
<td data-label="error" class="bad">${j.failedReason}</td><td data-label="data"><code class="small">${shortJson(j.data)}</code></td>
<td class="actions">${jobActions(queue, j.id, { failed: true, removable: true })}</td></tr>`;
}
