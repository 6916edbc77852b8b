/**
 * The one place that chooses the recognizer the classifier uses: the learned model of src/ner
 * first, and today's rules when the model cannot read the text (it answers null for text that
 * is not English, where guessing from an English model would do more harm than the rules).
 */
import { capitalizationPrior, recognizeNames } from '../../ner/index.js';
import type { Recognizer } from '../types.js';
import { recognizeByRules } from './rules/recognize.js';

export const recognize: Recognizer = (doc) => recognizeNames(doc) ?? recognizeByRules(doc);

/**
 * Is a word (folded) also a common word of English news, written in lower case at least one
 * time in fifty where case tells (prior bucket 4 or lower)? Such a word ("labour", "apple",
 * "may") needs the recognizer where case says nothing; one almost always capitalized, or never
 * seen ("Daesh"), is a name.
 */
export const isCommonWord = (folded: string): boolean => (capitalizationPrior(folded) ?? 5) <= 4;
