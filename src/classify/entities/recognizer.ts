/**
 * The one place that chooses the recognizer the classifier uses. Today: the rules. With the
 * learned model (src/ner), the model first and the rules when it cannot read the text:
 *
 *   export const recognize: Recognizer = (doc) => recognizeNames(doc) ?? recognizeByRules(doc);
 */
import type { Recognizer } from '../types.js';
import { recognizeByRules } from './rules/recognize.js';

export const recognize: Recognizer = recognizeByRules;
