/**
 * classifyItem: reads an item once (title and body tokenized, every token looked up once in
 * the shared index), evaluates only the terms that occur, and judges only the watch-lists
 * that use one of them. Because a query that matches only by exclusion is refused at
 * compile time, a watch-list none of whose terms occur can neither match nor score.
 */
import type { Classification, ClassifyInput, EntityMention, WatchlistMatch } from '../types.js';
import { nextGeneration } from './compile/compile.js';
import { MODE_ANY, MODE_BODY, MODE_OTHER, MODE_TITLE } from './compile/flat.js';
import { settleUndecided, type EntitySeqs } from './entities/case-rule.js';
import { heardHeadlineNames } from './entities/headline-names.js';
import { withTokens } from './entities/doc-tokens.js';
import { findEntities } from './entities/find-entities.js';
import { isCommonWord, recognize } from './entities/recognizer.js';
import { LeafHits } from './judge/leaf-eval.js';
import { judgeWatchlist } from './judge/verdict.js';
import { matchField } from './tokenize/match-text.js';
import { tokenizeText } from './tokenize/normalize.js';
import type { ArticleContext, Classifier, FieldMatch, FoundEntity, NameSpan, Recognizer, RecognizerInput } from './types.js';

export interface ClassifyOptions {
  /** Judge only these watch-lists (by id); default all. */
  watchlists?: string[];
  /**
   * Recognize people, organizations and places (default true). With false, only the
   * gazetteer's entities are found, and person:/org:/place: see only those; names are still
   * read where the case rule needs them.
   */
  recognize?: boolean;
  /** The recognizer to use instead of the configured one (entities/recognizer.ts). */
  recognizer?: Recognizer;
  /**
   * Which verdicts list their hits: 'matched' (default) those whose query matched (every flag,
   * and every near miss by score); 'all' also those that hit terms without matching.
   */
  hits?: 'matched' | 'all';
}

/** Which leaf mode a field satisfies besides MODE_ANY. */
function fieldMode(f: FieldMatch): number {
  return f.name === 'title' ? MODE_TITLE : MODE_BODY;
}

/**
 * Marks the leaves that hit. A word or phrase leaf hits when one of its seqs occurs in a
 * field it may look in, which the seq's presence says at once; NEAR, entity and meta leaves
 * are worked out (once each).
 */
function hitLeaves(ctx: ArticleContext): LeafHits {
  const c = ctx.classifier;
  const { leafSeen, leafHit, generation } = c.scratch;
  const { seqLeafStart, seqLeafIds, leafMode } = c.flat;
  const hits = new LeafHits(ctx);
  for (const id of c.alwaysLeaves) hits.consider(id);
  for (const f of ctx.fields) {
    const mode = fieldMode(f);
    for (const seq of f.seqSpans.keys()) {
      for (let k = seqLeafStart[seq]!, end = seqLeafStart[seq + 1]!; k < end; k++) {
        const id = seqLeafIds[k]!;
        const m = leafMode[id]!;
        if (m === MODE_ANY || m === mode) {
          if (leafHit[id] !== generation) hits.mark(id);
        } else if (m === MODE_OTHER && leafSeen[id] !== generation) {
          leafSeen[id] = generation;
          hits.consider(id);
        }
      }
    }
  }
  return hits;
}

/** The watch-lists that use a leaf that hit, each once; counts their leaves that hit. */
function touchedLists(c: Classifier, hits: LeafHits): number[] {
  const { listTouched, listHits, generation } = c.scratch;
  const { leafListStart, leafLists } = c.flat;
  const touched: number[] = [];
  const ids = hits.keys();
  for (let h = 0; h < ids.length; h++) {
    const leaf = ids[h]!;
    for (let k = leafListStart[leaf]!, end = leafListStart[leaf + 1]!; k < end; k++) {
      const wl = leafLists[k]!;
      if (listTouched[wl] !== generation) {
        listTouched[wl] = generation;
        listHits[wl] = 1;
        touched.push(wl);
      } else listHits[wl]!++;
    }
  }
  return touched;
}

function judgeAll(ctx: ArticleContext, hits: LeafHits, only: Set<string> | undefined, allHits: boolean): WatchlistMatch[] {
  const c = ctx.classifier;
  const { listTouched, generation } = c.scratch;
  const touched = touchedLists(c, hits);
  if (only) {
    const chosen: WatchlistMatch[] = [];
    c.watchlists.forEach((wl, i) => {
      if (only.has(wl.id)) chosen.push(listTouched[i] === generation ? judgeWatchlist(c, i, hits, ctx, allHits) : wl.empty);
    });
    return chosen;
  }
  // Most watch-lists are untouched: copy their shared verdicts at once, then judge the rest.
  const out = c.emptyMatches.slice() as WatchlistMatch[];
  for (const i of touched) out[i] = judgeWatchlist(c, i, hits, ctx, allHits);
  return out;
}

const entitySeqsCache = new WeakMap<Classifier, EntitySeqs>();

/** Per seq, the seqs of every entity it is an alias of: built once per compiled classifier. */
function entitySeqsOf(c: Classifier): EntitySeqs {
  let found = entitySeqsCache.get(c);
  if (!found) {
    const bySeq = new Map<number, number[]>();
    for (const e of c.entities) {
      for (const seq of e.seqs) {
        const list = bySeq.get(seq) ?? [];
        for (const q of e.seqs) if (!list.includes(q)) list.push(q);
        bySeq.set(seq, list);
      }
    }
    const none: readonly number[] = [];
    found = (seq) => bySeq.get(seq) ?? none;
    entitySeqsCache.set(c, found);
  }
  return found;
}

/** The recognizer's names (see entities/recognizer.ts), handed the tokens already made. */
function recognizeNames(recognizer: Recognizer, input: ClassifyInput, fields: FieldMatch[]): NameSpan[] {
  const doc: RecognizerInput = { title: input.title, body: input.body };
  if (input.lang !== undefined) doc.lang = input.lang;
  return recognizer(withTokens(doc, { title: fields[0]!.tokens, body: fields[1]!.tokens })) ?? [];
}

/** What an item keeps of its entities: name, type, count, every name and every mention. */
function toMentions(entities: FoundEntity[]): EntityMention[] {
  return entities.map((e) => ({ name: e.name, type: e.type, count: e.count, names: e.names, mentions: e.mentions }));
}

/** The classification with the per-term hits behind it (for explanations and backtests). */
export interface DetailedClassification {
  classification: Classification;
  hits: LeafHits;
}

export function classifyDetailed(classifier: Classifier, input: ClassifyInput, opts: ClassifyOptions = {}): DetailedClassification {
  const fields = [
    matchField(classifier.index, 'title', tokenizeText(input.title)),
    matchField(classifier.index, 'body', tokenizeText(input.body)),
  ];
  const entitiesWanted = opts.recognize ?? true;
  const undecided = fields[0]!.undecided.length > 0 || fields[1]!.undecided.length > 0;
  // Names are read for the entities, or (recognition off) only when the case rule needs them.
  const names = entitiesWanted || undecided ? recognizeNames(opts.recognizer ?? recognize, input, fields) : [];
  if (undecided) settleUndecided(fields, names, isCommonWord, entitySeqsOf(classifier));
  const entities = findEntities(classifier, fields, entitiesWanted ? heardHeadlineNames(names, fields, isCommonWord) : undefined);
  nextGeneration(classifier.scratch);
  const ctx: ArticleContext = { classifier, fields, input, entities, snippets: new Map() };
  const hits = hitLeaves(ctx);
  const only = opts.watchlists ? new Set(opts.watchlists) : undefined;
  const matches = judgeAll(ctx, hits, only, opts.hits === 'all');
  return { classification: { entities: toMentions(entities), matches }, hits };
}

/**
 * Entities and, for every watch-list (or those asked for), the verdict with its hits.
 * Verdicts of watch-lists none of whose terms occur are shared, frozen objects: copy one
 * before changing it.
 */
export function classifyItem(classifier: Classifier, input: ClassifyInput, opts: ClassifyOptions = {}): Classification {
  return classifyDetailed(classifier, input, opts).classification;
}
