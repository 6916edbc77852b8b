/** The console channel: the plain-text rendering on stdout, for previews and local runs. */
import type { RenderDoc } from '../digest/document.js';
import { renderText } from '../digest/render-text.js';
import type { DeliverOptions } from './types.js';

export async function sendConsole(doc: RenderDoc, opts: DeliverOptions): Promise<{ parts: number; detail: string }> {
  const out = opts.stdout ?? process.stdout;
  const messages = renderText(doc);
  for (const text of messages) out.write(text);
  return { parts: messages.length, detail: 'stdout' };
}
