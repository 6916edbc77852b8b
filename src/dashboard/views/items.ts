/** The items page: flagged items with a filter form, each with score and highlighted hits. */
import { html, type SafeHtml } from '../html.js';
import type { FlaggedEntry } from '../data/items.js';
import { hitList, timeTag } from './format.js';
import { page } from './layout.js';

export interface ItemsView {
  entries: FlaggedEntry[];
  /** The raw query values, to refill the form. */
  query: Record<string, string>;
  watchlists: string[];
  feeds: string[];
  /** Entity names from the config, suggested in the entity box. */
  entities: string[];
  /** How many were asked for: a full page offers more. */
  limit: number;
}

const MAX_LIMIT = 1000;

function moreQuery(v: ItemsView): string {
  const q = new URLSearchParams(Object.entries(v.query).filter(([, val]) => typeof val === 'string' && val !== ''));
  q.set('limit', String(MAX_LIMIT));
  return q.toString();
}

export function itemsPage(v: ItemsView): string {
  const body = html`${filterForm(v)}
<p class="muted" id="result-count">${v.entries.length} flagged ${v.entries.length === 1 ? 'item' : 'items'}</p>
<ol class="items">${v.entries.map(itemCard)}</ol>${v.entries.length === v.limit && v.limit < MAX_LIMIT ? html`<p><a href="/items?${moreQuery(v)}">Show up to ${MAX_LIMIT}</a></p>` : ''}`;
  return page({ title: 'Flagged items', path: '/items', body });
}

function select(name: string, label: string, options: string[], current: string | undefined): SafeHtml {
  return html`<label>${label} <select name="${name}" data-autosubmit><option value="">any</option>${options.map((o) =>
    html`<option value="${o}"${o === current ? html` selected` : ''}>${o}</option>`)}</select></label>`;
}

function filterForm(v: ItemsView): SafeHtml {
  const q = v.query;
  const times: Array<[string, string]> = [['', 'any time'], ['1h', 'last hour'], ['24h', 'last 24 h'], ['7d', 'last 7 days'], ['30d', 'last 30 days']];
  return html`<form class="filters" method="get" action="/items">
${select('watchlist', 'Watch-list', v.watchlists, q.watchlist)}
${select('feed', 'Feed', v.feeds, q.feed)}
<label>Entity <input name="entity" list="entity-names" value="${q.entity ?? ''}" placeholder="e.g. ISIS"></label>
<datalist id="entity-names">${entityNames(v).map((n) => html`<option value="${n}">`)}</datalist>
<label>Since <select name="since" data-autosubmit>${times.map(([val, label]) => html`<option value="${val}"${val === (q.since ?? '') ? html` selected` : ''}>${label}</option>`)}</select></label>
<label>Text <input type="search" name="q" value="${q.q ?? ''}" placeholder="words in the item"></label>
<button type="submit">Filter</button> <a href="/items">clear</a></form>`;
}

/** Entity names to suggest: the config's, then those of the items shown. */
function entityNames(v: ItemsView): string[] {
  return [...new Set([...v.entities, ...v.entries.flatMap((e) => e.item.entities.map((n) => n.name))])].slice(0, 200);
}

function itemCard(e: FlaggedEntry): SafeHtml {
  const it = e.item;
  const title = it.url ? html`<a href="${safeUrl(it.url)}" rel="noopener noreferrer">${it.title || '(no title)'}</a>` : html`${it.title || '(no title)'}`;
  return html`<li class="item"><div class="item-head"><span class="score" title="score">${e.score}</span> <strong class="item-title">${title}</strong></div>
<div class="meta"><span class="pill wl">${e.watchlist}</span> ${it.feedId}${it.alsoIn?.length ? html` <span class="muted">(also ${it.alsoIn.join(', ')})</span>` : ''} · flagged ${timeTag(e.flaggedAt)}${
    it.entities.length ? html` · <span class="muted">${it.entities.slice(0, 6).map((n) => n.name).join(', ')}</span>` : ''}</div>
${hitList(e.hits, it)}</li>`;
}

/** Links from feeds go out only as http(s); anything else (javascript:, data:) is dropped. */
export function safeUrl(url: string): string {
  return /^https?:\/\//i.test(url) ? url : '#';
}
