/**
 * Verdicts for /api/feedback: checked at the door (a known watch-list, a stored item or the
 * text itself, a known verdict), then kept with the item's text through the store.
 */
import { createHash } from 'node:crypto';
import { classifyItem } from '../../classify/index.js';
import { VERDICT_KINDS, type Verdict, type VerdictKind } from '../../tune/types.js';
import { weeklyFigures, type WeekFigures } from '../../tune/weekly.js';
import type { WorkerContext } from '../../workers/context.js';
import { RequestError } from '../errors.js';
import { splitText } from './classify.js';

/** A verdict on a stored item (`itemKey`) or on text from the "try it" box (`text`, or `title` and `body`). */
export interface FeedbackRequest {
  watchlist?: unknown;
  verdict?: unknown;
  itemKey?: unknown;
  text?: unknown;
  title?: unknown;
  body?: unknown;
  url?: unknown;
  by?: unknown;
}

export interface FeedbackList {
  watchlist?: string;
  count: number;
  verdicts: Verdict[];
  /** The verdicts backtested against the current query, per week (only with a watch-list). */
  weeks?: WeekFigures[];
}

const MAX_BY = 100;
const MAX_URL = 2_000;

function optionalString(v: unknown, name: string, max: number): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new RequestError(400, `${name} must be a string`);
  if (v.length > max) throw new RequestError(400, `${name} over ${max} characters`);
  return v.trim() || undefined;
}

function knownWatchlist(ctx: WorkerContext, v: unknown): string {
  if (typeof v !== 'string' || v === '') throw new RequestError(400, 'watchlist is required (a watch-list id)');
  if (!Object.hasOwn(ctx.live.current().config.watchlists.watchlists, v)) throw new RequestError(404, `no watch-list "${v}"`);
  return v;
}

function verdictKind(v: unknown): VerdictKind {
  if (typeof v === 'string' && (VERDICT_KINDS as readonly string[]).includes(v)) return v as VerdictKind;
  throw new RequestError(400, `verdict must be one of ${VERDICT_KINDS.join(', ')}`);
}

type Subject = Pick<Verdict, 'itemKey' | 'title' | 'body' | 'url' | 'feedId'> & { flagged: boolean; score?: number };

async function storedSubject(ctx: WorkerContext, watchlist: string, itemKey: string): Promise<Subject> {
  const item = await ctx.store.items.get(itemKey);
  if (!item) throw new RequestError(404, `no stored item "${itemKey}" (unknown, or past retention)`);
  const match = await ctx.store.items.getMatch(watchlist, itemKey);
  const body = item.body || item.summary;
  return { itemKey, title: item.title, body, url: item.url, feedId: item.feedId, flagged: Boolean(match), score: match?.score };
}

function textSubject(ctx: WorkerContext, watchlist: string, req: FeedbackRequest): Subject {
  // The text judged is what the "try it" box classified: the same limit (limits.classifyChars).
  const MAX_TEXT = ctx.live.current().config.feeds.limits.classifyChars;
  const text = optionalString(req.text, 'text', MAX_TEXT);
  // Browsers send a form's line ends as CRLF: kept as \n, the same text gives the same key either way.
  const field = (v: unknown, name: string) => optionalString(v, name, MAX_TEXT)?.replace(/\r\n?/g, '\n') ?? '';
  const { title, body } = text ? splitText(text) : { title: field(req.title, 'title'), body: field(req.body, 'body') };
  if (!title && !body) throw new RequestError(400, 'give itemKey (a stored item), or the text judged: text, or title and body');
  if (title.length + body.length > MAX_TEXT) throw new RequestError(413, `text over ${MAX_TEXT} characters`);
  const itemKey = `text-${createHash('sha1').update(`${title}\n${body}`).digest('hex').slice(0, 16)}`;
  const match = classifyItem(ctx.live.current().classifier, { title, body }, { watchlists: [watchlist] }).matches[0];
  return { itemKey, title, body, url: optionalString(req.url, 'url', MAX_URL), flagged: match?.flagged ?? false, score: match?.score };
}

export async function recordVerdict(ctx: WorkerContext, req: FeedbackRequest, now = new Date()): Promise<Verdict> {
  const watchlist = knownWatchlist(ctx, req.watchlist);
  const verdict = verdictKind(req.verdict);
  const by = optionalString(req.by, 'by', MAX_BY);
  const itemKey = optionalString(req.itemKey, 'itemKey', 1_000);
  const subject = itemKey ? await storedSubject(ctx, watchlist, itemKey) : textSubject(ctx, watchlist, req);
  // "not-relevant" on an item that was not flagged confirms a true negative: cases need those too.
  if (verdict === 'relevant' && !subject.flagged) {
    throw new RequestError(400, `"relevant" is for a flagged item, and ${watchlist} did not flag this one: say "missed" if it should have`);
  }
  const { flagged, score, ...text } = subject;
  const record: Verdict = { watchlist, verdict, ...text, at: now.toISOString(), flagged, ...(score !== undefined ? { score } : {}), ...(by ? { by } : {}) };
  for (const k of ['url', 'feedId'] as const) if (record[k] === undefined) delete record[k];
  await ctx.store.feedback.save(record);
  return record;
}

export async function listFeedback(ctx: WorkerContext, query: Record<string, unknown>): Promise<FeedbackList> {
  const w = query.watchlist;
  if (w === undefined || w === '') {
    const verdicts = await ctx.store.feedback.listAll();
    return { count: verdicts.length, verdicts };
  }
  if (typeof w !== 'string') throw new RequestError(400, 'watchlist must be given once');
  const { config, classifier } = ctx.live.current();
  const known = Object.hasOwn(config.watchlists.watchlists, w) || (await ctx.store.feedback.watchlists()).includes(w);
  if (!known) throw new RequestError(404, `no watch-list "${w}"`);
  const verdicts = await ctx.store.feedback.list(w);
  return { watchlist: w, count: verdicts.length, verdicts, weeks: weeklyFigures(classifier, w, verdicts) };
}
