/** Kept at its former path for bench/ner.ts (owned by the recognizer work) until it imports from ./index.js; then delete. */
export { recognizeEntities } from './entities/rules/recognize.js';
