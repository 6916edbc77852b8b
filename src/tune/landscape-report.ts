/** The score landscapes backtest prints: one per watch-list labelled in the cases, as text or JSON. */
import { caseName, type BacktestCase, type Classifier } from '../classify/index.js';
import { formatFigures } from './figures.js';
import { buildLandscape, PRECISION_TARGET, type Landscape, type ThresholdChoice } from './landscape.js';
import { scoreCases } from './score-cases.js';

export function backtestLandscapes(classifier: Classifier, cases: BacktestCase[]): Map<string, Landscape> {
  const scored = scoreCases(classifier, cases);
  const out = new Map<string, Landscape>();
  for (const wl of classifier.watchlists) {
    const mine = scored.get(wl.id);
    if (mine) out.set(wl.id, buildLandscape(wl.id, wl.threshold, mine));
  }
  return out;
}

const BAR = 30;

function bar(n: number, max: number, mark: string): string {
  if (n === 0) return ''.padEnd(BAR + 5);
  return `${mark.repeat(Math.max(1, Math.round((n / max) * BAR)))} ${n}`.padEnd(BAR + 5);
}

const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

/** Case id -> how reports name it (title and id). */
export type CaseNames = ReadonlyMap<string, string>;

export function caseNames(cases: BacktestCase[]): CaseNames {
  return new Map(cases.map((c) => [c.id, caseName(c)]));
}

function describeChange(c: ThresholdChoice, current: number, names: CaseNames): string {
  if (c.threshold === current) return 'the current threshold';
  const ids = (list: string[]) => {
    const named = list.slice(0, 4).map((id) => names.get(id) ?? id).join(', ');
    return list.length > 4 ? `${named} and ${list.length - 4} more` : named;
  };
  const parts = [
    c.hitsGained.length && `+${c.hitsGained.length} hits (${ids(c.hitsGained)})`,
    c.hitsLost.length && `-${c.hitsLost.length} hits (${ids(c.hitsLost)})`,
    c.falseAlarmsAdded.length && `+${c.falseAlarmsAdded.length} false alarms (${ids(c.falseAlarmsAdded)})`,
    c.falseAlarmsRemoved.length && `-${c.falseAlarmsRemoved.length} false alarms (${ids(c.falseAlarmsRemoved)})`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no case changes';
}

export function formatLandscape(l: Landscape, names: CaseNames = new Map()): string {
  const lines = [`score landscape of ${l.watchlist} (threshold ${num(l.threshold)}; ${formatFigures(l.current)})`];
  const max = Math.max(1, ...l.histogram.flatMap((b) => [b.must, b.mustNot]));
  lines.push(`  ${'score'.padStart(9)}  ${'must (#)'.padEnd(BAR + 5)}mustNot (x)`);
  let marked = false;
  for (const b of l.histogram) {
    if (!marked && b.from >= l.threshold) {
      lines.push(`  ${'-'.repeat(9)}  threshold ${num(l.threshold)}: the rows below are flagged`);
      marked = true;
    }
    const range = b.from === b.to ? num(b.from) : `${num(b.from)}-${num(b.to)}`;
    const inside = l.threshold > b.from && l.threshold <= b.to ? `  <- threshold ${num(l.threshold)} inside` : '';
    lines.push(`  ${range.padStart(9)}  ${bar(b.must, max, '#')}${bar(b.mustNot, max, 'x')}`.trimEnd() + inside);
  }
  lines.push(`  query did not match: ${l.queryUnmatched.must} must, ${l.queryUnmatched.mustNot} mustNot (no threshold flags them)`);
  lines.push(`  best F1 at threshold ${num(l.bestF1.threshold)}: ${formatFigures(l.bestF1.figures)}; ${describeChange(l.bestF1, l.threshold, names)}`);
  const p = l.precisionTarget;
  lines.push(p
    ? `  precision >= ${PRECISION_TARGET} at threshold ${num(p.threshold)}: ${formatFigures(p.figures)}; ${describeChange(p, l.threshold, names)}`
    : `  precision >= ${PRECISION_TARGET}: no threshold reaches it (the query, not the threshold, lets the false alarms through)`);
  return lines.join('\n') + '\n';
}

export function formatLandscapes(list: Map<string, Landscape>, names: CaseNames = new Map()): string {
  return [...list.values()].map((l) => '\n' + formatLandscape(l, names)).join('');
}
