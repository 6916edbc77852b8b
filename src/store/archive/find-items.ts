/**
 * findItems: a search over the archive. Candidates are read a page at a time and judged
 * exactly (search/compile-search.ts) until `limit` items are found or the range is read; the
 * cursor of the last item judged lets the next page go on from there.
 */
import { WirewatchError } from '../../errors.js';
import { searchMatches, type CompiledSearch } from '../../search/compile-search.js';
import type { StoredItem } from '../../types.js';
import { decodeCursor, type CandidateFilter, type SearchArchive } from './search-archive.js';

export interface FindOptions extends Omit<CandidateFilter, 'prefilter'> {
  /** Default 50. */
  limit?: number;
  /** From a previous page's `next`. */
  cursor?: string;
  /** Stop after judging this many candidates (a page that would read the whole archive says where it stopped). Default 100,000. */
  maxCandidates?: number;
}

export interface FoundItem {
  item: StoredItem;
  /** The watch-lists that flagged it. */
  flaggedBy: string[];
}

export interface FoundPage {
  items: FoundItem[];
  /** Where the next page starts; absent when the range is read. */
  next?: string;
  /** Candidates the index gave and the judge read. */
  candidates: number;
}

/** A cursor this server did not make (edited, or from another deployment). */
export class CursorError extends WirewatchError {
  constructor() {
    super('search', 'the cursor is not one this server gave: start again without it', { permanent: true });
  }
}

export async function findItems(archive: SearchArchive, search: CompiledSearch, options: FindOptions = {}): Promise<FoundPage> {
  const limit = options.limit ?? 50;
  const cap = options.maxCandidates ?? 100_000;
  const start = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
  if (options.cursor !== undefined && start === undefined) throw new CursorError();
  const found: StoredItem[] = [];
  let candidates = 0;
  let next: string | undefined;
  let last: string | undefined;
  outer: for await (const page of archive.candidates({ ...options, prefilter: search.prefilter }, start)) {
    for (const c of page) {
      candidates++;
      last = c.cursor;
      if (searchMatches(search, c.text)) found.push(c.item);
      if (found.length >= limit || candidates >= cap) {
        next = c.cursor;
        break outer;
      }
    }
  }
  // Stopped on the cap with the last page not exhausted: the next page goes on from there.
  if (next === undefined && candidates >= cap && last !== undefined) next = last;
  const notes = await archive.annotate(found.map((i) => i.key));
  const items = found.map((item) => {
    const note = notes.get(item.key);
    if (note?.alsoIn.length) item.alsoIn = note.alsoIn;
    return { item, flaggedBy: note?.flaggedBy ?? [] };
  });
  return { items, ...(next ? { next } : {}), candidates };
}
