/** The classify stage: compile watch-lists once, classify each item against all of them. */
export { compileWatchlists, checkWatchlists } from './compile/compile.js';
export { weightlessTerms, type WeightlessTerm } from './compile/weightless.js';
export { classifyItem, classifyDetailed, type ClassifyOptions, type DetailedClassification } from './classify.js';
export { QueryError } from './query/errors.js';
export { runBacktest, splitTitle, caseName, type BacktestCase, type BacktestReport, type CaseOutcome, type WatchlistStats } from './explain/backtest.js';
export { parseBacktestCases, type BacktestCaseSpec } from './explain/backtest-cases.js';
export { explainFlag, explainMiss } from './explain/explain.js';
export type { Classifier } from './types.js';
export { topEntities, type EntityCount } from './entities/top-entities.js';
export { rankReasons, formatReason, reasonDetail, matchedWords, pointsOf, shortenTerm, type RankedReason, type Explainable } from './explain/rank.js';
