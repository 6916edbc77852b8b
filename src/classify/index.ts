/** The classify stage: compile watch-lists once, classify each item against all of them. */
export { compileWatchlists, checkWatchlists, type Classifier } from './compile.js';
export { classifyItem, classifyDetailed, type ClassifyOptions } from './classify.js';
export { QueryError } from './query-error.js';
export { runBacktest, splitTitle, type BacktestCase, type BacktestReport, type CaseOutcome, type WatchlistStats } from './backtest.js';
export { parseBacktestCases, type BacktestCaseSpec } from './backtest-cases.js';
export { explainFlag, explainMiss } from './explain.js';
