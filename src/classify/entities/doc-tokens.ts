/**
 * The classifier has tokenized the title and body before it asks for names; it hands the
 * tokens along under a symbol, so the rules recognizer does not tokenize again. A recognizer
 * called from elsewhere (or a model with its own tokenizer) simply ignores them.
 */
import { tokenizeText, type TokenizedText } from '../tokenize/normalize.js';
import type { RecognizerInput } from '../types.js';

const FIELD_TOKENS: unique symbol = Symbol('wirewatch.fieldTokens');

export interface FieldTokens {
  title: TokenizedText;
  body: TokenizedText;
}

type TokenizedDoc = RecognizerInput & { [FIELD_TOKENS]?: FieldTokens };

/** The document with its tokens attached (they must be the tokens of exactly these texts). */
export function withTokens(doc: RecognizerInput, tokens: FieldTokens): RecognizerInput {
  return Object.assign({ ...doc }, { [FIELD_TOKENS]: tokens });
}

/** The document's tokens: those attached when they still fit its texts, else tokenized now. */
export function tokensOf(doc: RecognizerInput): FieldTokens {
  const attached = (doc as TokenizedDoc)[FIELD_TOKENS];
  if (attached && attached.title.text === doc.title && attached.body.text === doc.body) return attached;
  return { title: tokenizeText(doc.title), body: tokenizeText(doc.body) };
}
