/**
 * Aliases for the entities a watch-list names: the names the recognizer finds in must cases
 * the watch-list missed, that are not aliases yet and are rarer in the mustNot cases. Each is kept only if adding it raises F1 on the cases.
 */
import { classifyItem, compileWatchlists, QueryError, splitTitle, type BacktestCase } from '../classify/index.js';
import type { WatchlistsFile } from '../config/schema.js';
import { watchlistFigures } from './score-cases.js';
import type { AliasSuggestion } from './suggestion.js';

const MAX_TRIED = 10;

/** The entities a watch-list's query or weights name (`@Name`, `@"Two words"`), as the file spells them. */
export function entitiesOf(file: WatchlistsFile, watchlist: string): string[] {
  const wl = file.watchlists[watchlist]!;
  const text = [wl.query, ...Object.keys(wl.weights ?? {})].join(' ');
  const byLower = new Map(Object.keys(file.entities).map((n) => [n.toLowerCase(), n]));
  const names = [...text.matchAll(/@"([^"]+)"|@([^\s()"]+)/g)].map((m) => byLower.get((m[1] ?? m[2]!).toLowerCase()));
  return [...new Set(names.filter((n): n is string => n !== undefined))];
}

function withAlias(file: WatchlistsFile, entity: string, alias: string): WatchlistsFile {
  const e = file.entities[entity]!;
  return { ...file, entities: { ...file.entities, [entity]: { ...e, aliases: [...e.aliases, alias] } } };
}

function compiles(file: WatchlistsFile): boolean {
  try {
    compileWatchlists(file);
    return true;
  } catch (err) {
    if (err instanceof QueryError) return false;
    throw err;
  }
}

export function suggestAliases(file: WatchlistsFile, watchlist: string, cases: BacktestCase[], support: number): AliasSuggestion[] {
  const entities = entitiesOf(file, watchlist);
  if (entities.length === 0) return [];
  const classifier = compileWatchlists(file);
  const seen = cases.map((c) => {
    const r = classifyItem(classifier, splitTitle(c), { watchlists: [watchlist] });
    return { positive: Boolean(c.must?.includes(watchlist)), flagged: r.matches[0]?.flagged ?? false, names: r.entities };
  });
  const taken = new Set(Object.entries(file.entities).flatMap(([n, e]) => [n, ...e.aliases].map((a) => a.toLowerCase())));
  const out: AliasSuggestion[] = [];
  let current = file;
  let best = watchlistFigures(file, watchlist, cases).f1;
  for (const entity of entities) {
    const counts = new Map<string, { inMisses: number; inNegatives: number }>();
    for (const s of seen) {
      if (s.positive && s.flagged) continue;
      // Any type: the recognizer's typing of an unknown name is a guess (a company read as a person).
      for (const name of new Set(s.names.map((e) => e.name))) {
        if (taken.has(name.toLowerCase())) continue;
        const c = counts.get(name) ?? { inMisses: 0, inNegatives: 0 };
        s.positive ? c.inMisses++ : c.inNegatives++;
        counts.set(name, c);
      }
    }
    const tried = [...counts].filter(([, c]) => c.inMisses >= support && c.inMisses > c.inNegatives)
      .sort((a, b) => b[1].inMisses - a[1].inMisses || a[0].localeCompare(b[0])).slice(0, MAX_TRIED);
    for (const [alias, c] of tried) {
      const next = withAlias(current, entity, alias);
      if (!compiles(next)) continue;
      const after = watchlistFigures(next, watchlist, cases);
      if (after.f1 <= best + 1e-9) continue;
      out.push({ entity, alias, ...c, after });
      taken.add(alias.toLowerCase());
      current = next;
      best = after.f1;
    }
  }
  return out;
}
