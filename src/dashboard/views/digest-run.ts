/**
 * A digest run's page: per channel what happened (status, attempts, counts, where it went,
 * the delivery ids of the messages it accepted, the error) and what it was sent, item by item.
 */
import { html, type SafeHtml } from '../html.js';
import type { RunChannel, RunDetail, SentItem } from '../data/digest-run.js';
import { plural } from './format.js';
import { safeUrl } from './items.js';
import { page } from './layout.js';
import { runLabel } from './run-id.js';
import { timeTag } from './time.js';

export function runPage(r: RunDetail): string {
  const facts: Array<[string, SafeHtml | string]> = [
    ['digest', html`<a href="/digests#digest-${r.digest}">${r.digest}</a>`],
    ['run id', html`<code class="runid-full">${r.runId}</code>`],
    ['scheduled for', timeTag(r.scheduledFor)],
    ['started', timeTag(r.createdAt)],
  ];
  const body = html`<section class="card"><dl class="facts">${facts.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl></section>
${r.channels.map((c) => channelCard(r, c))}`;
  return page({ title: `Run ${runLabel(r.runId)}`, heading: `${r.digest} · run ${runLabel(r.runId)}`, path: '/digests', body });
}

const count = (n: number | undefined, one: string) => plural(n ?? 0, one);

function channelFacts(c: RunChannel): Array<[string, SafeHtml | string]> {
  const facts: Array<[string, SafeHtml | string]> = [
    ['status', html`<span class="pill ${c.status}">${c.status}</span>`],
    ['attempts', String(c.attempts)],
    ['sent', c.status === 'claimed' ? html`<span class="muted">not yet: ${count(c.claimed, 'item')} waiting for a retry</span>` : `${count(c.items, 'item')}${c.entries !== undefined ? ` in ${plural(c.entries, 'story', 'stories')}` : ''}`],
  ];
  if (c.heldBack) facts.push(['held back', `${count(c.heldBack, 'item')} over maxItems, back to pending for the next run`]);
  if (c.returned) facts.push(['returned', `${count(c.returned, 'item')} back to pending when the channel was given up`]);
  if (c.skipped) facts.push(['skipped', `${count(c.skipped, 'item')} under minScore or expired`]);
  facts.push(['claimed', count(c.claimed, 'item')]);
  if (c.status === 'delivered') facts.push(['messages', String(c.messages ?? 0)], ['delivered at', timeTag(c.deliveredAt)]);
  else if (c.parts) facts.push(['messages accepted', String(c.parts)]);
  if (c.detail) facts.push(['detail', html`<code>${c.detail}</code>`]);
  if (c.error) facts.push(['error', html`<span class="bad">${c.error}</span>`]);
  if (c.deliveryIds.length) facts.push(['delivery ids', html`<span class="ids">${c.deliveryIds.map((id) => html`<code>${id}</code> `)}</span>`]);
  return facts;
}

function channelCard(r: RunDetail, c: RunChannel): SafeHtml {
  return html`<section class="card" id="channel-${c.name}"><h2>${c.name} <span class="pill ${c.status}">${c.status}</span></h2>
<dl class="facts">${channelFacts(c).map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
<h3>What was sent</h3>${c.sent.length === 0 ? html`<p class="muted">Nothing${c.status === 'claimed' ? ' yet' : ''}.</p>` : sentTable(r, c)}</section>`;
}

function sentTable(r: RunDetail, c: RunChannel): SafeHtml {
  const multi = c.deliveryIds.length > 1;
  return html`<table class="wide stack sent"><thead><tr>${multi ? html`<th class="num">message</th>` : ''}<th>headline</th><th>watch-lists</th><th class="num">score</th></tr></thead><tbody>
${c.sent.map((it) => sentRow(r, c, it, multi))}</tbody></table>${c.sentMore ? html`<p class="muted">and ${c.sentMore} more items.</p>` : ''}`;
}

function sentRow(r: RunDetail, c: RunChannel, it: SentItem, multi: boolean): SafeHtml {
  const headline = it.expired
    ? html`<span class="pill expired">expired</span> <code class="small">${it.key}</code>`
    : it.url ? html`<a href="${safeUrl(it.url)}" rel="noopener noreferrer">${it.title}</a>` : html`${it.title}`;
  const part = multi ? html`<td data-label="message" class="num" title="${r.runId}.${c.name}.${it.part}">${it.part}</td>` : '';
  return html`<tr>${part}<td data-label="headline" class="headline">${headline}${it.feedId ? html` <span class="muted small">${it.feedId}</span>` : ''}</td>
<td data-label="watch-lists">${it.watchlists.map((w) => html`<span class="pill wl">${w}</span> `)}</td><td data-label="score" class="num">${it.score ?? '–'}</td></tr>`;
}
