/** The queues page: counts per state, workers, and the latest failed jobs with their errors. */
import { html, type SafeHtml } from '../html.js';
import type { QueueSummary } from '../data/queues.js';
import { timeTag } from './format.js';
import { page } from './layout.js';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'];

export function queuesPage(queues: QueueSummary[]): string {
  const body = html`<section class="card"><table class="wide"><thead><tr><th>queue</th><th class="num">workers</th>${STATES.map((s) => html`<th class="num">${s}</th>`)}</tr></thead><tbody>
${queues.map((q) => html`<tr><td>${q.name}</td><td class="num${q.workers === 0 ? ' bad' : ''}">${q.workers ?? '?'}</td>${STATES.map((s) => html`<td class="num">${q.counts[s] ?? 0}</td>`)}</tr>`)}
</tbody></table></section>
${queues.map(failedBlock)}`;
  return page({ title: 'Queues', path: '/queues', body, refresh: 15 });
}

function failedBlock(q: QueueSummary): SafeHtml {
  if (q.failed.length === 0) return html``;
  return html`<section class="card"><h2>${q.name}: latest failed jobs</h2><table class="wide"><thead><tr><th>job</th><th>failed</th><th class="num">attempts</th><th>error</th><th>data</th></tr></thead><tbody>
${q.failed.map((j) => html`<tr><td class="small">${j.id}</td><td>${timeTag(j.finishedOn)}</td><td class="num">${j.attemptsMade}</td><td class="bad">${j.failedReason}</td><td><code class="small">${shortJson(j.data)}</code></td></tr>`)}
</tbody></table></section>`;
}

function shortJson(data: unknown): string {
  const s = JSON.stringify(data) ?? '';
  return s.length > 160 ? `${s.slice(0, 160)}…` : s;
}
