/** One queue's jobs by state, and one job in full, with the retry and remove buttons. */
import { html, type SafeHtml } from '../html.js';
import { STATES, type JobDetail, type JobRow, type JobState } from '../data/queues.js';
import { page } from './layout.js';
import { pager } from './pager.js';
import { relativeTag, timeTag } from './time.js';

export const JOBS_PAGE_SIZE = 25;
const DATA_LIMIT = 20_000;

const enc = encodeURIComponent;
const jobHref = (queue: string, id: string) => `/queues/${enc(queue)}/jobs/${enc(id)}`;

export function jobLink(queue: string, id: string): SafeHtml {
  return html`<a class="job-id" href="${jobHref(queue, id)}">${id}</a>`;
}

export function shortJson(data: unknown, max = 160): string {
  const s = JSON.stringify(data) ?? '';
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** Retry for a failed job, remove for one not running; each a same-origin POST that redirects back. */
export function jobActions(queue: string, id: string, can: { failed: boolean; removable: boolean }): SafeHtml {
  return html`${can.failed ? html`<form method="post" action="${jobHref(queue, id)}/retry" class="inline"><button type="submit">Retry</button></form>` : ''}${
    can.removable ? html`<form method="post" action="${jobHref(queue, id)}/remove" class="inline"><button type="submit" class="secondary">Remove</button></form>` : ''}`;
}

export interface JobsView {
  queue: string;
  state: JobState;
  page: number;
  jobs: JobRow[];
  total: number;
  counts: Record<string, number>;
  /** What a redirect just did ("removed"), and to which job. */
  done?: string;
  job?: string;
}

export function jobsPage(v: JobsView): string {
  const tabs = html`<nav class="tabs">${STATES.map((s) => html`<a href="/queues/${enc(v.queue)}?state=${s}"${s === v.state ? html` aria-current="page"` : ''}>${s} <span class="count">${v.counts[s] ?? 0}</span></a>`)}</nav>`;
  const notice = v.done === 'removed' && v.job ? html`<div class="notice" role="status" id="job-notice">Removed job <strong>${v.job}</strong>.</div>` : '';
  const body = html`${notice}${tabs}<section class="card">${v.jobs.length === 0 ? html`<p class="muted">No ${v.state} jobs.</p>` : jobTable(v)}
${pager({ path: `/queues/${enc(v.queue)}`, query: { state: v.state, page: String(v.page) }, page: v.page, pageSize: JOBS_PAGE_SIZE, total: v.total })}</section>`;
  return page({ title: `Queue ${v.queue}`, path: '/queues', body });
}

function jobTable(v: JobsView): SafeHtml {
  return html`<table class="wide stack" id="jobs"><thead><tr><th>job</th><th>added</th><th>finished</th><th class="num">tries</th><th>${v.state === 'failed' ? 'error' : 'data'}</th><th></th></tr></thead><tbody>
${v.jobs.map((j) => html`<tr><td data-label="job">${jobLink(v.queue, j.id)} <span class="muted small">${j.name}</span></td><td data-label="added" class="when">${relativeTag(j.addedAt)}</td>
<td data-label="finished" class="when">${relativeTag(j.finishedAt, '–')}</td><td data-label="tries" class="num">${j.attemptsMade} / ${j.attempts}</td>
<td data-label="${v.state === 'failed' ? 'error' : 'data'}">${v.state === 'failed' ? html`<span class="bad">${j.failedReason ?? ''}</span>` : html`<code class="small">${shortJson(j.data)}</code>`}</td>
<td class="actions">${jobActions(v.queue, j.id, { failed: v.state === 'failed', removable: v.state !== 'active' && !j.scheduled })}</td></tr>`)}
</tbody></table>`;
}

export function jobPage(v: { job: JobDetail; done?: string }): string {
  const j = v.job;
  const data = JSON.stringify(j.data, null, 2) ?? '';
  const facts: Array<[string, SafeHtml | string]> = [
    ['queue', html`<a href="/queues/${enc(j.queue)}?state=${j.state}">${j.queue}</a>`], ['name', j.name], ['state', html`<span class="pill ${j.state}">${j.state}</span>`],
    ['added', timeTag(j.addedAt)], ['started', timeTag(j.processedAt)], ['finished', timeTag(j.finishedAt)], ['tries', `${j.attemptsMade} of ${j.attempts}`],
  ];
  if (j.delay) facts.push(['delay', `${Math.round(j.delay / 1000)} s`]);
  const body = html`${v.done === 'retried' ? html`<div class="notice" role="status" id="job-notice">Retry queued: the job is <strong>${j.state}</strong> and a worker will pick it up.</div>` : ''}
<section class="card"><dl class="facts">${facts.map(([k, val]) => html`<dt>${k}</dt><dd>${val}</dd>`)}</dl>
<p>${jobActions(j.queue, j.id, { failed: j.state === 'failed', removable: j.state !== 'active' && !j.scheduled })}</p></section>
${j.failedReason ? html`<section class="card"><h2>Error</h2><p class="bad" id="job-error">${j.failedReason}</p>
${j.stacktrace.length ? j.stacktrace.map((s, i) => html`<h3>Stack, attempt ${i + 1}</h3><pre class="stack">${s}</pre>`) : html`<p class="muted">No stack recorded.</p>`}</section>` : ''}
<section class="card"><h2>Data</h2><pre class="data">${data.length > DATA_LIMIT ? `${data.slice(0, DATA_LIMIT)}\n… (${data.length - DATA_LIMIT} more characters)` : data}</pre></section>
${j.returnValue !== undefined ? html`<section class="card"><h2>Result</h2><pre class="data">${JSON.stringify(j.returnValue, null, 2)}</pre></section>` : ''}`;
  return page({ title: `Job ${j.id}`, heading: `${j.queue} · job ${j.id}`, path: '/queues', body });
}
