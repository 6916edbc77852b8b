/** The digests page: run history with per-channel delivery status, links to each run, and a run/retry button. */
import { html, type SafeHtml } from '../html.js';
import type { DigestRow } from '../data/digests.js';
import type { ChannelRun, DigestRun } from '../../store/digest-store.js';
import { plural } from './format.js';
import { page } from './layout.js';
import { runLink, runPath } from './run-id.js';
import { timeTag } from './time.js';

export interface DigestsView {
  rows: DigestRow[];
  /** A run just asked for (the page the retry redirects to). */
  notice?: { digest: string; runId: string; status: string };
  error?: string;
}

export function digestsPage(v: DigestsView): string {
  const body = html`${v.notice ? noticeBlock(v.notice) : ''}${v.error ? html`<p class="error" role="alert">${v.error}</p>` : ''}
${v.rows.length === 0 ? html`<p class="muted">No digests configured.</p>` : ''}${v.rows.map(digestCard)}`;
  return page({ title: 'Digests', path: '/digests', body });
}

function noticeBlock(n: NonNullable<DigestsView['notice']>): SafeHtml {
  return html`<div class="notice" role="status" id="retry-result">Queued <strong>${n.digest}</strong> as <a href="${runPath(n.digest, n.runId)}"><code>${n.runId}</code></a> (${n.status}).
<span class="small muted">Its page fills in once a worker has claimed it; a run with nothing pending makes no record.</span></div>`;
}

function digestCard(d: DigestRow): SafeHtml {
  const retry = html`<form method="post" action="/digests/${encodeURIComponent(d.name)}/retry" class="inline">
<button type="submit"${d.failedChannels.length ? '' : html` class="secondary"`}>${d.failedChannels.length ? `Retry failed (${d.failedChannels.join(', ')})` : 'Run now'}</button></form>`;
  return html`<section class="card" id="digest-${d.name}"><h2>${d.name} ${retry}</h2>
<p class="small">schedule <code>${d.schedule}</code> ${d.timezone} · watch-lists ${d.watchlists.join(', ')} · channels ${d.channels.join(', ')} · next run ${d.nextRun ? timeTag(d.nextRun) : html`<span class="muted">not scheduled</span>`} · <strong>${d.pending}</strong> pending</p>
${d.runs.length === 0 ? html`<p class="muted">No runs yet.</p>` : runTable(d.name, d.runs)}</section>`;
}

function runTable(digest: string, runs: DigestRun[]): SafeHtml {
  return html`<table class="wide runs"><thead><tr><th>run</th><th>scheduled for</th><th>channel</th><th>status</th><th class="num">attempts</th><th class="num">sent</th><th class="num">held back</th><th>delivered / error</th></tr></thead><tbody>
${runs.map((r) => {
    const chans = Object.entries(r.channels);
    return chans.map(([ch, c], i) => html`<tr>${i === 0 ? html`<td rowspan="${chans.length}" class="small">${runLink(digest, r.runId)}</td><td rowspan="${chans.length}">${timeTag(r.scheduledFor)}</td>` : ''}
<td>${ch}</td><td><span class="pill ${c.status}">${c.status}</span>${stateNote(c)}</td><td class="num">${c.attempts}</td><td class="num">${c.status === 'claimed' ? '–' : c.items}</td><td class="num">${c.heldBack || ''}</td>
<td>${c.error ? html`<span class="bad">${c.error}</span>` : c.status === 'delivered' ? timeTag(c.deliveredAt) : html`<span class="muted">–</span>`}</td></tr>`);
  })}</tbody></table>`;
}

/** What the counts of a channel not delivered mean: items waiting in the run, or given back. */
function stateNote(c: ChannelRun): SafeHtml | string {
  if (c.status === 'claimed') return html` <span class="small muted">${plural(c.claimed, 'item')} waiting</span>`;
  if (c.status === 'failed' && c.returned) return html` <span class="small muted">${plural(c.returned, 'item')} back to pending</span>`;
  return '';
}
