/**
 * The named-entity recognizer: a two-stage averaged-perceptron sequence model trained on
 * CoNLL-2003 (see README, "Entity model"). Pure functions over text; the model loads lazily.
 */
import { labelDocFast, spansOf } from './decode.js';
import { langSays } from './lang.js';
import { loadNerModel } from './load.js';
import { TYPES, type RecognizedName } from './types.js';

export type { NameType, RecognizedName } from './types.js';
export { NerModelError } from './types.js';
export { isEnglishText } from './lang.js';
export { loadNerModel, nerModelInfo, readNerModel, type LoadedModel } from './load.js';
export { tokenize } from './tokenize.js';

/**
 * How a word is written where case informs, in the unlabeled news the model was built from:
 * 1 almost always lower case .. 5 almost always capitalized; undefined when it was seen too
 * rarely to say. The word is given folded to lower case.
 */
export function capitalizationPrior(lowerWord: string): number | undefined {
  return loadNerModel().resources.prior.get(lowerWord);
}

/**
 * Names in an article. start/end are JavaScript string indices into that field's text exactly
 * as given (text === field.slice(start, end)). Returns null when the text is not English (the
 * caller keeps its old rules).
 */
export function recognizeNames(doc: { title: string; body: string; lang?: string }): RecognizedName[] | null {
  if (langSays(doc.lang) === false) return null;
  const model = loadNerModel();
  const labelled = labelDocFast(doc.title, doc.body, doc.lang, model.resources, model.fast, model.stages);
  if (!labelled) return null;
  const { doc: d, final } = labelled;
  return spansOf(d, final).map((s) => {
    const field = s.field === 0 ? 'title' : 'body';
    const text = s.field === 0 ? doc.title : doc.body;
    return { field, start: s.start, end: s.end, type: TYPES[s.type]!, text: text.slice(s.start, s.end) };
  });
}
