/**
 * Turns one stored item (or a cluster of copies of one story) and its matches into a
 * DigestEntry: headline, link, best score, a short "why" from the hits, and every source.
 */
import { rankReasons, reasonDetail } from '../classify/index.js';
import type { StoredItem, StoredMatch } from '../types.js';
import type { DigestEntry, DigestSource, WhyPart } from './types.js';

/** Reasons shown an entry: enough to see why, short enough to scan. */
const MAX_WHY = 3;
const EXCERPT_CHARS = 280;
const SNIPPET_CHARS = 160;

/** An item with its matches of this digest, best first. */
export interface ItemMatches {
  item: StoredItem;
  matches: StoredMatch[];
}

/** Collapses whitespace and shortens to `max` characters with a visible ellipsis. */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

export function itemTime(item: StoredItem): string | undefined {
  return item.published ?? item.processedAt;
}

/** The strongest reasons, by their share of the score, each term once. */
function whyOf(match: StoredMatch): WhyPart[] {
  return rankReasons(match, MAX_WHY).map((r) => ({ term: r.term, detail: reasonDetail(r), field: r.field ?? '', snippet: shorten(r.snippet ?? '', SNIPPET_CHARS) }));
}

function sourcesOf(copies: ItemMatches[]): DigestSource[] {
  const out: DigestSource[] = [];
  const seen = new Set<string>();
  const add = (s: DigestSource) => {
    const id = `${s.feedId}\u0000${s.url ?? s.title}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push(s);
  };
  for (const { item } of copies) {
    add({ feedId: item.feedId, url: item.url, title: item.title, itemKey: item.key });
    for (const feedId of item.alsoIn ?? []) add({ feedId, url: item.url, title: item.title });
  }
  return out;
}

function latest(times: Array<string | undefined>): string | undefined {
  let best: string | undefined;
  let bestMs = -Infinity;
  for (const t of times) {
    const ms = t ? Date.parse(t) : NaN;
    if (!Number.isNaN(ms) && ms > bestMs) [best, bestMs] = [t, ms];
  }
  return best;
}

/**
 * Builds the entry of a story. `copies` must be non-empty with the representative first;
 * the entry goes to the representative's best watch-list.
 */
export function makeEntry(copies: ItemMatches[]): DigestEntry {
  const rep = copies[0]!;
  const best = rep.matches[0]!;
  const watchlists = new Set(copies.flatMap((c) => c.matches.map((m) => m.watchlist)));
  watchlists.delete(best.watchlist);
  return {
    key: rep.item.key,
    watchlist: best.watchlist,
    title: shorten(rep.item.title, 300) || '(untitled)',
    url: rep.item.url,
    score: Math.max(...copies.flatMap((c) => c.matches.map((m) => m.score))),
    time: latest(copies.map((c) => itemTime(c.item))),
    excerpt: shorten(rep.item.summary || rep.item.body, EXCERPT_CHARS),
    sources: sourcesOf(copies),
    why: whyOf(best),
    alsoMatched: [...watchlists].sort(),
    itemKeys: copies.map((c) => c.item.key),
  };
}
