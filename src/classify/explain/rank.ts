/**
 * "Why", ranked: the reasons behind a flag, strongest first by their share of the score, one
 * per term with how often it occurred and the words that matched (`@Labour: "Labour Party" x3`),
 * long query groups shortened. Every place that explains a flag (classify, digests, alerts,
 * the dashboard) takes its reasons from here.
 */
import type { Hit, Reason } from '../../types.js';

/** A reason ready to show. */
export interface RankedReason {
  /** The term as written in the query or weights, long groups shortened. */
  term: string;
  /** The term exactly as written. */
  fullTerm: string;
  /** What it added to the score; undefined for flags stored before reasons were kept. */
  points?: number;
  /** points / score, when both are known and the score is positive. */
  share?: number;
  /** Occurrences found. */
  count: number;
  /** The words that matched, as written, most frequent first. */
  matched: { text: string; count: number }[];
  /** Where the first hit of the term is, and a snippet around it (when a hit is listed). */
  field?: string;
  snippet?: string;
}

/** What rankReasons reads: a verdict, or a flag as the store keeps it. */
export interface Explainable {
  score: number;
  hits: Hit[];
  reasons?: Reason[];
}

/** A term longer than this is shortened: each (… OR …) group keeps its first word. */
const MAX_TERM = 48;

/** `(weapons OR arms OR missiles) NEAR/12 (diverted OR stolen)` -> `(weapons OR …) NEAR/12 (diverted OR …)`. */
export function shortenTerm(term: string, max = MAX_TERM): string {
  if (term.length <= max) return term;
  let out = '';
  let depth = 0;
  let quoted = false;
  /** The depth of the group whose other alternatives are being left out, or -1. */
  let skipping = -1;
  for (let i = 0; i < term.length; i++) {
    const c = term[i]!;
    if (c === '"') quoted = !quoted;
    if (quoted && skipping < 0) { out += c; continue; }
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === skipping) { out += ' OR …'; skipping = -1; }
      depth--;
    } else if (skipping < 0 && depth > 0 && term.startsWith(' OR ', i)) skipping = depth;
    if (skipping < 0) out += c;
  }
  return out.length <= max ? out : `${out.slice(0, max - 1).trimEnd()}…`;
}

/** Reasons rebuilt from the hits alone (flags stored before reasons were kept): no points. */
function fromHits(hits: Hit[]): Reason[] {
  const byTerm = new Map<string, number>();
  for (const h of hits) byTerm.set(h.term, (byTerm.get(h.term) ?? 0) + 1);
  return [...byTerm].map(([term, count]) => ({ term, points: Number.NaN, count, matched: [] }));
}

/** The reasons of a verdict or stored flag, strongest first; at most `max`. */
export function rankReasons(match: Explainable, max = Infinity): RankedReason[] {
  const reasons = match.reasons ?? fromHits(match.hits);
  return reasons.slice(0, max).map((r) => {
    const first = match.hits.find((h) => h.term === r.term);
    const ranked: RankedReason = { term: shortenTerm(r.term), fullTerm: r.term, count: r.count, matched: r.matched };
    if (!Number.isNaN(r.points)) {
      ranked.points = r.points;
      if (match.score > 0) ranked.share = r.points / match.score;
    }
    if (first) {
      ranked.field = first.field;
      ranked.snippet = first.snippet;
    }
    return ranked;
  });
}

/** The term without field prefix, quotes, @ or case: what a matched word that merely repeats it looks like. */
function bare(term: string): string {
  return term.replace(/^[a-z]+:/, '').replace(/^@/, '').replace(/^"|"$/g, '').toLowerCase();
}

/**
 * The words that matched, quoted, with their counts (`"Labour Party" x3, "Labour"`); '' when
 * they only repeat the term (`"special forces"` matched "special forces").
 */
export function matchedWords(r: RankedReason): string {
  if (r.matched.length === 0 || (r.matched.length === 1 && r.matched[0]!.text.toLowerCase() === bare(r.fullTerm))) return '';
  return r.matched.map((m) => `"${m.text}"${m.count > 1 ? ` x${m.count}` : ''}`).join(', ');
}

/** `+6`, `-2`, or '' when unknown or nothing (a term that made the query match but carries no weight). */
export function pointsOf(r: RankedReason): string {
  if (r.points === undefined || r.points === 0) return '';
  return r.points >= 0 ? `+${r.points}` : `${r.points}`;
}

/** What follows the term: `: "Labour Party" x3 (+6)`, or ` x2 (+4)` when the words are the term's. */
export function reasonDetail(r: RankedReason): string {
  const words = matchedWords(r);
  const points = pointsOf(r);
  const what = words ? `: ${words}` : r.count > 1 ? ` x${r.count}` : '';
  return `${what}${points ? ` (${points})` : ''}`;
}

/** One reason as plain text: `@Labour: "Labour Party" x3 (+6)`. */
export function formatReason(r: RankedReason): string {
  return r.term + reasonDetail(r);
}
