/** The classify stage: compile watch-lists once, classify each item against all of them. */
export { compileWatchlists, checkWatchlists, type Classifier } from './compile.js';
export { classifyItem, type ClassifyOptions } from './classify.js';
export { QueryError } from './query-error.js';
