/**
 * Readable phrasing for the events an operator watches most: what was flagged and why it
 * scored, which feed failed and how, what a digest delivered. Keyed by the log message; an
 * event not listed here (or logged without the fields its phrasing needs) falls back to the
 * generic key=value line.
 */
import { clean, errorText, localClock, type LogRecord, type Style } from './log-text.js';

type Describe = (r: LogRecord, s: Style) => string | undefined;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `flagged` is logged as ["watchlist:score", ...] (or {watchlist, score} objects): "w 18, v 7". */
export function flaggedList(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return value.map((v) => {
    if (v !== null && typeof v === 'object') return `${clean((v as { watchlist?: unknown }).watchlist)} ${clean((v as { score?: unknown }).score)}`;
    const text = String(v);
    const at = text.lastIndexOf(':');
    return at > 0 ? `${clean(text.slice(0, at))} ${clean(text.slice(at + 1))}` : clean(text);
  }).join(', ');
}

const feedTag = (r: LogRecord, s: Style) => (str(r.feedId) ? s.dim(`[${clean(r.feedId)}]`) : '');

const EVENTS: Record<string, Describe> = {
  'item flagged': (r, s) => {
    const lists = flaggedList(r.flagged);
    if (!lists) return undefined;
    const title = str(r.title) ? `“${clean(r.title, 160)}”` : s.dim('(untitled)');
    return `${s.bold('flagged')} ${s.bold(title)}  ${lists}  ${feedTag(r, s)}`.trimEnd();
  },
  'feed polled': (r, s) => {
    const items = num(r.items);
    if (items === undefined || !str(r.feedId)) return undefined;
    const fresh = num(r.new) ?? 0;
    return `feed ${s.bold(clean(r.feedId))} polled: ${plural(items, 'item')}, ${fresh} new`;
  },
  'feed poll failed': (r, s) => {
    if (!str(r.feedId) || r.err === undefined) return undefined;
    const streak = num(r.consecutiveErrors);
    const next = str(r.nextAttempt) ? `next try ${localClock(r.nextAttempt).slice(0, 5)}` : '';
    const tail = [streak && streak > 1 ? `${streak} in a row` : '', next].filter(Boolean).join('; ');
    return `feed ${s.bold(clean(r.feedId))} failed: ${s.bad(errorText(r.err))}${tail ? s.dim(` (${tail})`) : ''}`;
  },
  'job failed': (r, s) => {
    if (!str(r.queue)) return undefined;
    const attempts = num(r.attempts);
    const id = r.jobId === undefined ? '' : ` #${clean(r.jobId, 60)}`;
    return `job failed: ${clean(r.queue)}${id}${attempts ? s.dim(` (attempt ${attempts})`) : ''}: ${s.bad(errorText(r.err))}`;
  },
  'digest delivered': (r, s) => {
    if (!str(r.digest) || !str(r.channel)) return undefined;
    return `digest ${s.bold(clean(r.digest))} delivered to ${clean(r.channel)}${str(r.result) ? s.dim(` (${clean(r.result, 120)})`) : ''}`;
  },
  'digest delivery failed': (r, s) => {
    if (!str(r.digest) || !str(r.channel)) return undefined;
    const what = r.final === true ? 'gave up; its items wait for the next run' : 'will retry';
    return `digest ${s.bold(clean(r.digest))} to ${clean(r.channel)} failed: ${s.bad(errorText(r.err))} ${s.dim(`(${what})`)}`;
  },
  'dashboard listening': (r, s) => (str(r.url) ? `dashboard at ${s.bold(clean(r.url))}${str(r.auth) ? s.dim(` (${clean(r.auth)})`) : ''}` : undefined),
  'wirewatch running': (r, s) => {
    const feeds = num(r.feeds);
    const digests = num(r.digests);
    if (feeds === undefined || digests === undefined) return undefined;
    const role = str(r.role) && r.role !== 'all' ? ` as ${clean(r.role)}` : '';
    const dash = str(r.dashboard) ? `; dashboard ${s.bold(clean(r.dashboard))}` : '';
    return `wirewatch running${role}: ${plural(feeds, 'feed')}, ${plural(digests, 'digest')}${dash}`;
  },
};

export function describeEvent(record: LogRecord, style: Style): string | undefined {
  const describe = typeof record.msg === 'string' ? EVENTS[record.msg] : undefined;
  return describe?.(record, style);
}
