/**
 * The items page: flagged items with a filter form, sorted by time or score, a page at a
 * time; each with its score and hits, and the words of the text filter marked wherever they
 * show (title and snippets).
 */
import { html, type SafeHtml } from '../html.js';
import { filterWords, type FlaggedEntry, type FlaggedPage } from '../data/items.js';
import { verdictKey, type UnflaggedItems } from '../data/verdict-pages.js';
import type { VerdictKind } from '../../tune/types.js';
import { markRanges, reasonList, wordRanges } from './format.js';
import { page } from './layout.js';
import { pager } from './pager.js';
import { pageHere, timeTag } from './time.js';
import { unflaggedSection, verdictForm } from './verdicts.js';

export interface ItemsView {
  result: FlaggedPage;
  /** The raw query values, to refill the form and build page links. */
  query: Record<string, string>;
  watchlists: string[];
  feeds: string[];
  /** Entity names from the config, suggested in the entity box. */
  entities: string[];
  /** Verdicts already given on the flags shown (by verdictKey). */
  verdicts?: Map<string, VerdictKind>;
  /** With a text filter: stored items with its words that were not flagged. */
  unflagged?: UnflaggedItems;
}

export const PAGE_SIZES = [25, 50, 100];
export const DEFAULT_PAGE_SIZE = 25;

export function itemsPage(v: ItemsView): string {
  const words = filterWords(v.query.q);
  const { result } = v;
  const here = pageHere() ?? '/items';
  const verdict = (e: FlaggedEntry, n: number) => verdictForm({
    watchlist: e.watchlist, subject: { itemKey: e.item.key }, kinds: ['relevant', 'not-relevant'], next: `${here}#flag-${n}`,
    current: v.verdicts?.get(verdictKey(e.watchlist, e.item.key)),
  });
  const body = html`${filterForm(v)}
<p class="muted" id="result-count">${countLine(result)}</p>
<ol class="items">${result.entries.map((e, n) => itemCard(e, words, n, verdict(e, n)))}</ol>
${pager({ path: '/items', query: v.query, page: result.page, pageSize: result.limit, total: result.total })}
${v.unflagged ? unflaggedSection(v.unflagged, v.watchlists, here) : ''}`;
  return page({ title: 'Flagged items', path: '/items', body });
}

function countLine(r: FlaggedPage): string {
  if (r.total === 0) return 'No flagged items match.';
  const first = (r.page - 1) * r.limit + 1;
  const last = first + r.entries.length - 1;
  const what = `${r.total} flagged ${r.total === 1 ? 'item' : 'items'}${r.scanned ? ' among the newest searched' : ''}`;
  const order = r.sort === 'score' ? 'highest score first' : 'newest first';
  return r.entries.length === 0 ? `${what}; this page is past the end.` : `${first}–${last} of ${what}, ${order}`;
}

function select(name: string, label: string, options: Array<[string, string]>, current: string | undefined): SafeHtml {
  return html`<label>${label} <select name="${name}" data-autosubmit>${options.map(([value, text]) =>
    html`<option value="${value}"${value === (current ?? '') ? html` selected` : ''}>${text}</option>`)}</select></label>`;
}

const any = (names: string[]): Array<[string, string]> => [['', 'any'], ...names.map((n): [string, string] => [n, n])];

function filterForm(v: ItemsView): SafeHtml {
  const q = v.query;
  const times: Array<[string, string]> = [['', 'any time'], ['1h', 'last hour'], ['24h', 'last 24 h'], ['7d', 'last 7 days'], ['30d', 'last 30 days']];
  return html`<form class="filters" method="get" action="/items">
${select('watchlist', 'Watch-list', any(v.watchlists), q.watchlist)}
${select('feed', 'Feed', any(v.feeds), q.feed)}
<label>Entity <input name="entity" list="entity-names" value="${q.entity ?? ''}" placeholder="e.g. ISIS"></label>
<datalist id="entity-names">${entityNames(v).map((n) => html`<option value="${n}">`)}</datalist>
${select('since', 'Since', times, q.since)}
<label>Text <input type="search" name="q" value="${q.q ?? ''}" placeholder="words in the item"></label>
${select('sort', 'Sort', [['', 'newest first'], ['score', 'highest score']], q.sort === 'time' ? '' : q.sort)}
${select('limit', 'Per page', pageSizes(v.result.limit), v.result.limit === DEFAULT_PAGE_SIZE ? '' : String(v.result.limit))}
<button type="submit">Filter</button> <a href="/items">clear</a></form>`;
}

/** The usual sizes, and the one in use when a link asked for another. */
function pageSizes(current: number): Array<[string, string]> {
  const sizes = PAGE_SIZES.includes(current) ? PAGE_SIZES : [...PAGE_SIZES, current].sort((a, b) => a - b);
  return sizes.map((n): [string, string] => [n === DEFAULT_PAGE_SIZE ? '' : String(n), String(n)]);
}

/** Entity names to suggest: the config's, then those of the items shown. */
function entityNames(v: ItemsView): string[] {
  return [...new Set([...v.entities, ...v.result.entries.flatMap((e) => e.item.entities.map((n) => n.name))])].slice(0, 200);
}

function itemCard(e: FlaggedEntry, words: string[], n: number, verdict: SafeHtml): SafeHtml {
  const it = e.item;
  const text = it.title || '(no title)';
  const marked = markRanges(text, wordRanges(text, words));
  const title = it.url ? html`<a href="${safeUrl(it.url)}" rel="noopener noreferrer">${marked}</a>` : marked;
  return html`<li class="item" id="flag-${n}"><div class="item-head"><span class="score" title="score">${e.score}</span> <strong class="item-title">${title}</strong></div>
<div class="meta"><span class="pill wl">${e.watchlist}</span> ${it.feedId}${it.alsoIn?.length ? html` <span class="muted">(also ${it.alsoIn.join(', ')})</span>` : ''} · flagged ${timeTag(e.flaggedAt)}${
    it.entities.length ? html` · <span class="muted">${it.entities.slice(0, 6).map((n) => n.name).join(', ')}</span>` : ''}</div>
${reasonList(e, it, 6, words)}${it.truncated ? html`<p class="small muted truncated">Body cut at the body cap (limits.bodyChars): the page had more text; terms past the cut were not seen.</p>` : ''}${verdict}</li>`;
}

/** Links from feeds go out only as http(s); anything else (javascript:, data:) is dropped. */
export function safeUrl(url: string): string {
  return /^https?:\/\//i.test(url) ? url : '#';
}
