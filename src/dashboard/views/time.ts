/**
 * Times on the dashboard: every time on a page, chart labels included, is shown in one zone,
 * the dashboard's own (the server's time zone) or UTC when the viewer chose it, and the zone
 * is named on the page. The zone belongs to the request: `withClock` runs a request (or one
 * rendering) with its clock in an AsyncLocalStorage, so concurrent requests never mix zones.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { html, type SafeHtml } from '../html.js';

export interface PageClock {
  /** IANA zone name, e.g. Europe/Brussels or UTC. */
  zone: string;
  /** "Now" for relative times, epoch ms. */
  now: number;
  /** The page's own path and query, where the zone switch comes back to. */
  here?: string;
}

/** The zone the server runs in (TZ), which the dashboard shows unless UTC is asked for. */
export function serverZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const storage = new AsyncLocalStorage<PageClock>();

/** Outside any request (tests, error pages before routing): UTC, now. */
const current = (): PageClock => storage.getStore() ?? { zone: 'UTC', now: Date.now() };

export function withClock<T>(c: PageClock, run: () => T): T {
  return storage.run(c, run);
}

export function pageZone(): string {
  return current().zone;
}

export function pageHere(): string | undefined {
  return current().here;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Year, month, day, hour, minute, second of an instant in the page's zone. */
function parts(ms: number): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const zone = current().zone;
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(zone, f);
  }
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(ms)) out[p.type] = p.value;
  return out as ReturnType<typeof parts>;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-11-21 07:03` in the page's zone. */
export function absoluteTime(ms: number, seconds = false): string {
  const p = parts(ms);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${seconds ? `:${p.second}` : ''}`;
}

/** `07:00`: an hour's start, for chart axes. */
export function clockLabel(ms: number): string {
  const p = parts(ms);
  return `${p.hour}:${p.minute}`;
}

/** `21 Nov`: a day, for chart axes. */
export function dayLabel(ms: number): string {
  const p = parts(ms);
  return `${Number(p.day)} ${MONTHS[Number(p.month) - 1]}`;
}

/** `3 min ago`, `in 2 h`, `5 d ago`: coarse, as a person glances at it. */
export function relativeTime(ms: number, now = current().now): string {
  const diff = ms - now;
  const abs = Math.abs(diff);
  if (abs < 45_000) return 'just now';
  // Switch units where rounding would reach the next one: 59.6 min is "1 h", not "60 min".
  const [n, unit] = abs < 3_570_000 ? [Math.round(abs / 60_000), 'min'] : abs < 47.5 * 3_600_000 ? [Math.round(abs / 3_600_000), 'h'] : [Math.round(abs / 86_400_000), 'd'];
  return diff < 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`;
}

const parse = (iso: string | undefined) => (iso ? Date.parse(iso) : NaN);

/** An absolute time in the page's zone; the hover names the zone and the seconds. */
export function timeTag(iso: string | undefined): SafeHtml {
  const ms = parse(iso);
  if (!iso) return html`<span class="muted">never</span>`;
  if (Number.isNaN(ms)) return html`${iso}`;
  return html`<time datetime="${new Date(ms).toISOString()}" title="${absoluteTime(ms, true)} ${pageZone()}">${absoluteTime(ms)}</time>`;
}

/** A relative time ("3 min ago"); the hover gives the absolute time and its zone. */
export function relativeTag(iso: string | undefined, never = 'never'): SafeHtml {
  const ms = parse(iso);
  if (!iso) return html`<span class="muted">${never}</span>`;
  if (Number.isNaN(ms)) return html`${iso}`;
  return html`<time datetime="${new Date(ms).toISOString()}" title="${absoluteTime(ms, true)} ${pageZone()}">${relativeTime(ms)}</time>`;
}

/**
 * Chart labels for hourly bars: the hours of the page's zone divisible by `every` (00:00,
 * 03:00, ...). Buckets are UTC hours, so in a zone half an hour off UTC they read 05:30.
 */
export function hourAxis(every: number): (start: string) => string {
  return (start) => {
    const p = parts(Date.parse(start));
    return Number(p.hour) % every === 0 ? `${p.hour}:${p.minute}` : '';
  };
}

/** Whether an hour label is one a narrow screen drops (hours not divisible by `every`). */
export function minorHour(every: number): (start: string) => boolean {
  return (start) => Number(parts(Date.parse(start)).hour) % every !== 0;
}

/** A bar's tooltip name: `21 Nov 07:00`. */
export function hourName(start: string): string {
  const ms = Date.parse(start);
  return `${dayLabel(ms)} ${clockLabel(ms)}`;
}
