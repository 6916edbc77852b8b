/**
 * The verdicts of one watch-list backtested against its current query, week by week (the week
 * the verdict was given): how precision and recall on what analysts judged move over time.
 */
import { classifyItem, type Classifier } from '../classify/index.js';
import { figuresFromPairs } from './figures.js';
import type { Figures, Verdict } from './types.js';

export interface WeekFigures extends Figures {
  /** Monday of the week (UTC), as YYYY-MM-DD. */
  week: string;
  verdicts: number;
}

function mondayOf(iso: string): string {
  const d = new Date(iso);
  const day = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day)).toISOString().slice(0, 10);
}

/** Oldest week first; a watch-list the classifier does not know gives no weeks. */
export function weeklyFigures(classifier: Classifier, watchlist: string, verdicts: Verdict[]): WeekFigures[] {
  if (!classifier.watchlists.some((w) => w.id === watchlist)) return [];
  const weeks = new Map<string, Array<{ positive: boolean; flagged: boolean }>>();
  for (const v of verdicts) {
    if (v.watchlist !== watchlist || Number.isNaN(Date.parse(v.at))) continue;
    const match = classifyItem(classifier, { title: v.title, body: v.body }, { watchlists: [watchlist] }).matches[0];
    const week = mondayOf(v.at);
    const list = weeks.get(week) ?? [];
    list.push({ positive: v.verdict !== 'not-relevant', flagged: match?.flagged ?? false });
    weeks.set(week, list);
  }
  return [...weeks].sort(([a], [b]) => a.localeCompare(b)).map(([week, pairs]) => ({ week, verdicts: pairs.length, ...figuresFromPairs(pairs) }));
}
