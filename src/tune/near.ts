/**
 * NEAR constraints that remove false alarms without losing hits: a term of the query that
 * brings false alarms is made to count only near another term that it sits by in the must
 * cases (`drought` -> `(drought NEAR/5 rainfall)`). Proposed only when, on the cases, it
 * loses no hit, removes at least `support` false alarms and does better than the best single
 * exclusion (AND NOT) would. Every candidate, and every exclusion it is weighed against, is a
 * watch-list of one classifier, so the cases are classified once and the figures are exact.
 */
import { classifyItem, compileWatchlists, splitTitle } from '../classify/index.js';
import type { WatchlistConfig } from '../config/schema.js';
import { figuresFromPairs } from './figures.js';
import type { SuggestContext } from './suggest-context.js';
import { termCounts } from './suggest-terms.js';
import type { TermSuggestion } from './suggestion.js';
import type { Figures } from './types.js';

const DISTANCES = [3, 8, 20];
/** Anchors tried per term, and terms constrained at most. */
const ANCHORS = 8;
const TERMS = 4;
const EXCLUSIONS = 30;

/** A query that is terms joined by OR (optionally `(...) AND NOT ...` after), split into its terms; undefined otherwise. */
export function orOperands(query: string): { operands: string[]; rest: string } | undefined {
  const m = /^\((.*)\)( AND NOT .*)$/s.exec(query.trim());
  const [body, rest] = m ? [m[1]!, m[2]!] : [query.trim(), ''];
  const operands = body.split(/\s+OR\s+/);
  const simple = /^((title|body):)?("[^"()]+"|@"[^"()]+"|@?[\p{L}\p{N}_][\p{L}\p{N}_.'-]*\*?)$/u;
  if (!operands.every((o) => simple.test(o) && !/^(AND|NOT|OR)$/.test(o) && !/NEAR\//i.test(o))) return undefined;
  return { operands, rest };
}

interface Candidate { wl: WatchlistConfig; term: string; constraint: string }

/**
 * The watch-list with `term` replaced by `constraint` in the query. A weight on the term stays
 * as it is: the term still counts, but alone it no longer makes the query match.
 */
function constrain(wl: WatchlistConfig, split: { operands: string[]; rest: string }, term: string, constraint: string): WatchlistConfig {
  const body = split.operands.map((o) => (o === term ? `(${constraint})` : o)).join(' OR ');
  return { ...wl, query: split.rest ? `(${body})${split.rest}` : body };
}

/** Which cases each watch-list of the batch flags, classifying each case once. */
function flagsOf(ctx: SuggestContext, lists: WatchlistConfig[]): boolean[][] {
  const watchlists = Object.fromEntries(lists.map((wl, i) => [`n${i}`, wl]));
  const classifier = compileWatchlists({ ...ctx.file, watchlists });
  const flags = lists.map(() => [] as boolean[]);
  for (const c of ctx.cases) {
    const { matches } = classifyItem(classifier, splitTitle(c), { recognize: ctx.recognize });
    matches.forEach((m, k) => flags[k]!.push(m.flagged));
  }
  return flags;
}


function presence(ctx: SuggestContext, term: string): Uint8Array | undefined {
  const t = ctx.probe.terms.indexOf(term);
  return t < 0 ? undefined : ctx.probe.present[t];
}

/** Terms that sit with `pres` in must cases of `idx` more than in its false alarms, best first. */
function anchors(ctx: SuggestContext, pres: Uint8Array, falseAlarm: boolean[], idx: number[]): string[] {
  const scored: Array<[string, number]> = [];
  ctx.probe.terms.forEach((t, k) => {
    if (!ctx.allowed.all[k] && k >= ctx.own) return; // pool terms and the list's own only
    const other = ctx.probe.present[k]!;
    let withHits = 0, withAlarms = 0;
    for (const i of idx) {
      if (!pres[i] || !other[i]) continue;
      if (ctx.base.positive[i]) withHits++;
      else if (falseAlarm[i]) withAlarms++;
    }
    if (withHits >= ctx.support) scored.push([t, withHits - 2 * withAlarms]);
  });
  return scored.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, ANCHORS).map(([t]) => t);
}

/** Exclusions to weigh a NEAR against: terms in `support` false alarms of `idx` or more and in none of its must cases. */
function exclusions(ctx: SuggestContext, falseAlarm: boolean[], idx: number[]): string[] {
  const scored: Array<[string, number]> = [];
  ctx.probe.present.forEach((pres, k) => {
    if (!ctx.allowed.all[k]) return;
    let alarms = 0;
    for (const i of idx) {
      if (!pres[i]) continue;
      if (ctx.base.positive[i]) return;
      if (falseAlarm[i]) alarms++;
    }
    if (alarms >= ctx.support) scored.push([ctx.probe.terms[k]!, alarms]);
  });
  return scored.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, EXCLUSIONS).map(([t]) => t);
}

/** What may be tried on the cases `idx`: NEARs for the query's terms that bring false alarms there, and the exclusions to beat. */
interface Proposals { nears: Candidate[]; nots: string[] }

function propose(ctx: SuggestContext, wl: WatchlistConfig, split: { operands: string[]; rest: string }, falseAlarm: boolean[], idx: number[]): Proposals {
  const alarms = (pres: Uint8Array) => idx.reduce((n, i) => n + (pres[i] && falseAlarm[i] ? 1 : 0), 0);
  const noisy = split.operands.map((o) => ({ o, pres: presence(ctx, o) }))
    .filter((x): x is { o: string; pres: Uint8Array } => x.pres !== undefined && alarms(x.pres) >= ctx.support).slice(0, TERMS);
  const nears = noisy.flatMap(({ o, pres }) => anchors(ctx, pres, falseAlarm, idx).flatMap((v) => DISTANCES.map((n) => {
    const constraint = `${o} NEAR/${n} ${v}`;
    return { wl: constrain(wl, split, o, constraint), term: o, constraint };
  })));
  return { nears, nots: nears.length ? exclusions(ctx, falseAlarm, idx) : [] };
}

function figuresOn(ctx: SuggestContext, flags: boolean[], idx: number[]): Figures {
  return figuresFromPairs(idx.map((i) => ({ positive: ctx.base.positive[i] === 1, flagged: flags[i]! })));
}

/**
 * The NEAR to make on the cases `idx`: it loses no hit there, removes `support` false alarms
 * or more, and beats both the list as it is and its best single exclusion.
 */
function choose(ctx: SuggestContext, p: Proposals, flags: Map<string, boolean[]>, now: boolean[], idx: number[]): Candidate | undefined {
  const base = figuresOn(ctx, now, idx);
  const bestNot = Math.max(base.f1, ...p.nots.map((t) => figuresOn(ctx, flags.get(`NOT ${t}`)!, idx).f1));
  let best: { c: Candidate; f1: number } | undefined;
  for (const c of p.nears) {
    const f = figuresOn(ctx, flags.get(c.constraint)!, idx);
    const removes = base.falsePositives - f.falsePositives;
    if (f.truePositives < base.truePositives || removes < ctx.support || f.f1 <= bestNot + 1e-9) continue;
    if (!best || f.f1 > best.f1 + 1e-9) best = { c, f1: f.f1 };
  }
  return best?.c;
}

export interface NearSuggestion {
  term: TermSuggestion;
  watchlist: WatchlistConfig;
  /** Pooled over the held-back folds (each fold choosing its NEAR on the others): the list's figures without and with. */
  heldOut: { without: Figures; with: Figures };
}

/**
 * The one NEAR constraint worth making, with the list it gives; undefined when none beats
 * what is there and a NOT, or when NEARs chosen on part of the cases do not help on the rest.
 */
export function suggestNear(ctx: SuggestContext, wl: WatchlistConfig): NearSuggestion | undefined {
  const split = orOperands(wl.query);
  if (!split) return undefined;
  const now = flagsOf(ctx, [wl])[0]!;
  const falseAlarm = now.map((f, i) => f && !ctx.base.positive[i]);
  const all = ctx.cases.map((_, i) => i);
  const trains = Array.from({ length: ctx.folds }, (_, f) => all.filter((i) => ctx.fold[i] !== f));
  const proposals = [all, ...trains].map((idx) => propose(ctx, wl, split, falseAlarm, idx));
  if (proposals[0]!.nears.length === 0) return undefined;
  const lists = new Map<string, WatchlistConfig>();
  for (const p of proposals) {
    for (const c of p.nears) lists.set(c.constraint, c.wl);
    for (const t of p.nots) lists.set(`NOT ${t}`, { ...wl, query: `(${wl.query}) AND NOT ${t}` });
  }
  const batch = flagsOf(ctx, [...lists.values()]);
  const flags = new Map([...lists.keys()].map((k, n) => [k, batch[n]!]));
  const chosen = choose(ctx, proposals[0]!, flags, now, all);
  if (!chosen) return undefined;
  // Each fold's own choice, judged on the cases it did not see.
  const held = [...now];
  trains.forEach((train, f) => {
    const c = choose(ctx, proposals[f + 1]!, flags, now, train);
    if (c) for (const i of all) if (ctx.fold[i] === f) held[i] = flags.get(c.constraint)![i]!;
  });
  const heldOut = { without: figuresOn(ctx, now, all), with: figuresOn(ctx, held, all) };
  if (heldOut.with.f1 <= heldOut.without.f1 + 1e-9) return undefined;
  return {
    term: { kind: 'near', term: chosen.constraint, ...termCounts(ctx.base, presence(ctx, chosen.term)!), threshold: wl.threshold, after: figuresOn(ctx, flags.get(chosen.constraint)!, all) },
    watchlist: chosen.wl, heldOut,
  };
}
