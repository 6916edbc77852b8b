import { alertDocument } from './document.js';
import { renderDocument, type RenderedByFormat, type RenderFormat } from './render-document.js';
import type { AnyAlert } from './types.js';

/** Renders one alert, or a folded "and N more" alert, in one format. */
export function renderAlert<F extends RenderFormat>(format: F, alert: AnyAlert, chatId?: string | number): Array<RenderedByFormat[F]> {
  return renderDocument(format, alertDocument(alert), chatId);
}
