import { digestDocument } from './document.js';
import { renderDocument, type RenderedByFormat, type RenderFormat } from './render-document.js';
import type { Digest } from './types.js';

/** Renders a built digest in one format, as the ordered messages a channel would send. */
export function renderDigest<F extends RenderFormat>(format: F, digest: Digest, chatId?: string | number): Array<RenderedByFormat[F]> {
  return renderDocument(format, digestDocument(digest), chatId);
}
