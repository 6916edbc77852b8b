/** Turns the hit terms of one article into one watch-list's verdict: match, score, hits. */
import type { Hit, WatchlistMatch } from '../types.js';
import type { Classifier, CompiledNode, CompiledWatchlist } from './compile.js';
import { countTerms, evalCode } from './flat.js';
import type { ArticleContext, LeafHits, Occurrence } from './leaf-eval.js';

/** A weight entry counts at most this many hits (design.md). */
export const MAX_COUNTED_HITS = 3;
/** Hits listed per term in an explanation: enough to see why, short enough to read. */
export const MAX_LISTED_HITS = 3;
const SNIPPET_CONTEXT = 60;

export { LeafHits } from './leaf-eval.js';

export function evaluateNode(node: CompiledNode, hits: LeafHits): boolean {
  switch (node.op) {
    case 'leaf': return hits.has(node.id);
    case 'not': return !evaluateNode(node.item, hits);
    case 'and':
      for (const item of node.items) if (!evaluateNode(item, hits)) return false;
      return true;
    case 'or':
      for (const item of node.items) if (evaluateNode(item, hits)) return true;
      return false;
  }
}

function countOf(leaves: { id: number }[], hits: LeafHits): number {
  let n = 0;
  for (const l of leaves) if (hits.has(l.id)) n += hits.get(l.id).length;
  return n;
}

/** Sum of weight x hits (each entry at most 3), or with no weights the distinct terms hit. */
export function scoreWatchlist(wl: CompiledWatchlist, hits: LeafHits): number {
  if (wl.weights.length === 0) {
    let n = 0;
    for (const t of wl.terms) if (hits.has(t.id)) n++;
    return n;
  }
  let score = 0;
  for (const w of wl.weights) score += w.weight * Math.min(MAX_COUNTED_HITS, countOf(w.leaves, hits));
  return score;
}

/** A short, single-line excerpt around [start, end), cut at spaces. */
export function makeSnippet(text: string, start: number, end: number): string {
  let from = Math.max(0, start - SNIPPET_CONTEXT);
  let to = Math.min(text.length, end + SNIPPET_CONTEXT);
  if (from > 0) { const sp = text.indexOf(' ', from); if (sp >= 0 && sp < start) from = sp + 1; }
  if (to < text.length) { const sp = text.lastIndexOf(' ', to); if (sp > end) to = sp; }
  const cut = text.slice(from, to);
  const body = isTidy(cut) ? cut : cut.replace(/\s+/g, ' ').trim();
  return (from > 0 ? '…' : '') + body + (to < text.length ? '…' : '');
}

/** Whitespace other than the space (JavaScript's \s), which a snippet turns into spaces. */
function isOtherSpace(code: number): boolean {
  if (code < 128) return (code >= 9 && code <= 13);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029
    || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** True when collapsing whitespace and trimming would leave s as it is (the usual case). */
function isTidy(s: string): boolean {
  if (s.length === 0) return true;
  if (s.charCodeAt(0) === 32 || s.charCodeAt(s.length - 1) === 32) return false;
  let prevSpace = false;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code === 32) {
      if (prevSpace) return false;
      prevSpace = true;
    } else if (isOtherSpace(code)) return false;
    else prevSpace = false;
  }
  return true;
}

function snippetOf(ctx: ArticleContext, o: Occurrence): string {
  if (o.field !== 'title' && o.field !== 'body') return fieldText(ctx, o.field);
  // Watch-lists share terms, so the same occurrence is explained many times: cut it once.
  const key = snippetKey(o);
  let snippet = ctx.snippets.get(key);
  if (snippet === undefined) {
    snippet = makeSnippet(fieldText(ctx, o.field), o.start, o.end);
    ctx.snippets.set(key, snippet);
  }
  return snippet;
}

const OFFSETS = 2 ** 26;

/** One number per title or body occurrence (offsets below 2^26, as in any article); a string beyond. */
function snippetKey(o: Occurrence): number | string {
  if (o.end >= OFFSETS) return `${o.field}:${o.start}:${o.end}`;
  const key = o.start * OFFSETS + o.end + 1;
  return o.field === 'title' ? -key : key;
}

function fieldText(ctx: ArticleContext, field: string): string {
  if (field === 'title') return ctx.input.title;
  if (field === 'body') return ctx.input.body;
  if (field === 'feed') return ctx.input.feedId ?? '';
  return (ctx.input.tags ?? []).join(' ');
}

/** The hits that explain a verdict: query terms first, then weight terms, each listed once. */
export function collectHits(wl: CompiledWatchlist, hits: LeafHits, ctx: ArticleContext): Hit[] {
  const out: Hit[] = [];
  for (const t of wl.explained) {
    if (!hits.has(t.id)) continue;
    const occ = hits.get(t.id);
    for (let k = 0; k < occ.length && k < MAX_LISTED_HITS; k++) {
      const o = occ[k]!;
      out.push({ term: t.text, field: o.field, start: o.start, end: o.end, snippet: snippetOf(ctx, o) });
    }
  }
  return out;
}

/**
 * Watch-list i's verdict (it is touched: scratch.listHits counts its leaves that hit). Most
 * touched lists have fewer hits than their query needs: no evaluation, and for most the
 * count is the score.
 */
export function judgeWatchlist(c: Classifier, i: number, hits: LeafHits, ctx: ArticleContext, allHits: boolean): WatchlistMatch {
  const wl = c.watchlists[i]!;
  const { leafHit, generation, listHits } = c.scratch;
  const flat = c.flat;
  const hitCount = listHits[i]!;
  const queryMatched = hitCount >= flat.minHits[i]! && evalCode(flat.code, flat.codeStart[i]!, leafHit, generation);
  const score = flat.countIsScore[i] === 1 ? hitCount : flat.weighted[i] === 0 ? countTerms(flat, i, leafHit, generation) : scoreWatchlist(wl, hits);
  const match: WatchlistMatch = {
    watchlist: wl.id, flagged: queryMatched && score >= wl.threshold, queryMatched, score,
    threshold: wl.threshold, hits: queryMatched || allHits ? collectHits(wl, hits, ctx) : [],
  };
  if (wl.alert !== undefined) match.alert = wl.alert;
  return match;
}

/**
 * The verdict for a watch-list none of whose terms occur. Built once at compile time and
 * shared by every article (frozen, hits included), so a thousand untouched watch-lists cost
 * nothing per article.
 */
export function emptyMatch(id: string, threshold: number, alert: number | undefined): Readonly<WatchlistMatch> {
  const match: WatchlistMatch = { watchlist: id, flagged: false, queryMatched: false, score: 0, threshold, hits: Object.freeze([]) as unknown as Hit[] };
  if (alert !== undefined) match.alert = alert;
  return Object.freeze(match);
}
