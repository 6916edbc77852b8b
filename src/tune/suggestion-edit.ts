/** The edit of watchlists.yaml a suggestion amounts to, and what the file must read as afterwards. */
import type { WatchlistConfig, WatchlistsFile } from '../config/schema.js';
import type { WatchlistEdit } from './edit-watchlists.js';
import type { Suggestion } from './suggestion.js';

export function suggestionEdit(before: WatchlistsFile, s: Suggestion): [WatchlistEdit, { watchlist: WatchlistConfig; aliases: Record<string, string[]> }] {
  const wl = s.watchlistsFile.watchlists[s.watchlist]!;
  const oldWeights = before.watchlists[s.watchlist]!.weights ?? {};
  const addWeights = Object.fromEntries(Object.entries(wl.weights ?? {}).filter(([k]) => !Object.hasOwn(oldWeights, k)));
  const changeWeights = Object.fromEntries(Object.entries(wl.weights ?? {}).filter(([k, w]) => Object.hasOwn(oldWeights, k) && oldWeights[k] !== w));
  const addAliases: Record<string, string[]> = {};
  for (const a of s.aliases) (addAliases[a.entity] ??= []).push(a.alias);
  const aliases = Object.fromEntries(Object.keys(addAliases).map((e) => [e, s.watchlistsFile.entities[e]!.aliases]));
  return [{ watchlist: s.watchlist, query: wl.query, threshold: wl.threshold, addWeights, changeWeights, addAliases }, { watchlist: wl, aliases }];
}
