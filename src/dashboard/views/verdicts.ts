/**
 * Verdicts on the pages: the buttons that give one (a plain form POSTed to /feedback, which
 * answers with a redirect, so a reload never gives it twice), the stored items a text filter
 * finds that a watch-list did not flag, and a watch-list's page with its verdicts and their
 * precision and recall week by week.
 */
import type { UnflaggedItems, WatchlistVerdicts } from '../data/verdict-pages.js';
import { html, type SafeHtml } from '../html.js';
import type { Verdict, VerdictKind } from '../../tune/types.js';
import type { WeekFigures } from '../../tune/weekly.js';
import { safeUrl } from './items.js';
import { page } from './layout.js';
import { timeTag } from './time.js';
import { watchlistCard } from './watchlists.js';

const LABELS: Record<VerdictKind, string> = { relevant: 'Relevant', 'not-relevant': 'Not relevant', missed: 'Should have been flagged' };
const DONE: Record<VerdictKind, string> = { relevant: 'marked relevant', 'not-relevant': 'marked not relevant', missed: 'marked missed' };

/** What a verdict is about: a stored item, or text from the "try it" box. */
export type VerdictSubject = { itemKey: string } | { title: string; body: string; url?: string };

export interface VerdictFormOptions {
  /** The watch-list; without one, the form asks which (a select of `choices`). */
  watchlist?: string;
  choices?: string[];
  subject: VerdictSubject;
  kinds: VerdictKind[];
  /** Where the browser lands afterwards (a path on this server). */
  next: string;
  /** The verdict already given, if any. */
  current?: VerdictKind;
}

function subjectFields(s: VerdictSubject): SafeHtml {
  if ('itemKey' in s) return html`<input type="hidden" name="itemKey" value="${s.itemKey}">`;
  return html`<input type="hidden" name="title" value="${s.title}"><input type="hidden" name="body" value="${s.body}">${
    s.url ? html`<input type="hidden" name="url" value="${s.url}">` : ''}`;
}

/**
 * The "try it" box's verdicts: the text rides once in one form, and each watch-list's buttons
 * (in its row of the result) name that form and say `verdict:watch-list` as their value.
 */
export const TEXT_FORM_ID = 'try-verdict';

export function textVerdictForm(subject: { title: string; body: string; url?: string }): SafeHtml {
  return html`<form id="${TEXT_FORM_ID}" class="verdict" method="post" action="/feedback">${subjectFields(subject)}</form>`;
}

export function textVerdictButtons(watchlist: string, kinds: VerdictKind[]): SafeHtml {
  return html`<div class="verdict">${kinds.map((k) => html`<button form="${TEXT_FORM_ID}" name="pick" value="${k}:${watchlist}" class="secondary">${LABELS[k]}</button> `)}</div>`;
}

export function verdictForm(o: VerdictFormOptions): SafeHtml {
  const which = o.watchlist
    ? html`<input type="hidden" name="watchlist" value="${o.watchlist}">`
    : html`<label class="small">for <select name="watchlist">${(o.choices ?? []).map((w) => html`<option value="${w}">${w}</option>`)}</select></label> `;
  return html`<form class="verdict" method="post" action="/feedback">${which}${subjectFields(o.subject)}<input type="hidden" name="next" value="${o.next}">${
    o.kinds.map((k) => html`<button name="verdict" value="${k}" class="secondary${k === o.current ? ' chosen' : ''}" aria-pressed="${k === o.current ? 'true' : 'false'}">${LABELS[k]}</button> `)}${
    o.current ? html`<span class="pill given">${DONE[o.current]}</span>` : ''}</form>`;
}

/** Below the flags: stored items with the filter's words that were not flagged, each with "should have been flagged". */
export function unflaggedSection(u: UnflaggedItems, watchlists: string[], next: string): SafeHtml {
  const who = u.watchlist ? `${u.watchlist} did not flag` : 'no watch-list flagged';
  return html`<section class="card" id="unflagged"><h2>Not flagged, with these words</h2>
<p class="muted small">${u.items.length ? `Stored items that ${who}, among the newest ${u.scanned}: say which should have been.` : `None among the newest ${u.scanned} stored items that ${who}.`}</p>
<ol class="items">${u.items.map((it, n) => html`<li class="item" id="unflagged-${n}"><strong class="item-title">${it.url ? html`<a href="${safeUrl(it.url)}" rel="noopener noreferrer">${it.title || '(no title)'}</a>` : it.title || '(no title)'}</strong>
<div class="meta">${it.feedId} · stored ${timeTag(it.processedAt)}</div>
${verdictForm({ ...(u.watchlist ? { watchlist: u.watchlist } : { choices: watchlists }), subject: { itemKey: it.key }, kinds: ['missed', 'not-relevant'], next: `${next}#unflagged-${n}` })}</li>`)}</ol></section>`;
}

const pct = (v: number | null) => (v === null ? '–' : v.toFixed(2));

function weeksTable(weeks: WeekFigures[]): SafeHtml {
  if (weeks.length === 0) return html`<p class="muted">No verdicts yet.</p>`;
  return html`<table class="wide stack" id="weeks"><thead><tr><th>week of</th><th class="num">verdicts</th><th class="num">right flags</th><th class="num">false alarms</th><th class="num">misses</th><th class="num">right passes</th><th class="num">precision</th><th class="num">recall</th><th class="num">F1</th></tr></thead><tbody>
${weeks.map((w) => html`<tr><td data-label="week of">${w.week}</td><td class="num" data-label="verdicts">${w.verdicts}</td><td class="num" data-label="right flags">${w.truePositives}</td><td class="num" data-label="false alarms">${w.falsePositives}</td><td class="num" data-label="misses">${w.falseNegatives}</td><td class="num" data-label="right passes">${w.trueNegatives}</td><td class="num" data-label="precision">${pct(w.precision)}</td><td class="num" data-label="recall">${pct(w.recall)}</td><td class="num" data-label="F1">${w.f1.toFixed(2)}</td></tr>`)}
</tbody></table>`;
}

const SHOWN = 200;

function verdictRow(v: Verdict): SafeHtml {
  const title = v.title || '(no title)';
  const then = v.flagged === undefined ? '' : v.flagged ? `flagged${v.score !== undefined ? `, score ${v.score}` : ''}` : 'not flagged';
  return html`<tr><td data-label="given">${timeTag(v.at)}</td><td data-label="verdict"><span class="pill verdict-${v.verdict}">${v.verdict}</span></td>
<td class="item-title" data-label="item">${v.url ? html`<a href="${safeUrl(v.url)}" rel="noopener noreferrer">${title}</a>` : title}</td>
<td data-label="then">${then}</td>${v.by ? html`<td data-label="by">${v.by}</td>` : html`<td></td>`}</tr>`;
}

export function watchlistVerdictsPage(d: WatchlistVerdicts): string {
  const { row, feedback } = d;
  const id = encodeURIComponent(row.id);
  const verdicts = feedback.verdicts.slice(0, SHOWN);
  const body = html`${watchlistCard(row)}
<section class="card" id="verdicts"><h2>Verdicts</h2>
<p class="muted small">Analysts' verdicts on this list's flags and misses, backtested against the list as it is now, by the week they were given (<a href="/api/feedback?watchlist=${id}">JSON</a>; <code>wirewatch feedback export --watchlist ${row.id}</code> writes them as backtest cases).</p>
${weeksTable(feedback.weeks ?? [])}
${verdicts.length ? html`<h3>${feedback.count} ${feedback.count === 1 ? 'verdict' : 'verdicts'}, newest first${feedback.count > SHOWN ? ` (the newest ${SHOWN} shown)` : ''}</h3>
<table class="wide stack" id="verdict-list"><thead><tr><th>given</th><th>verdict</th><th>item</th><th>when given</th><th>by</th></tr></thead><tbody>${verdicts.map(verdictRow)}</tbody></table>` : ''}
</section>`;
  return page({ title: `Watch-list ${row.id}`, path: '/watchlists', body });
}
