/** The console channel: the plain-text rendering on stdout, for previews and local runs. */
import { printConsoleMessages } from '../console-block.js';
import type { RenderDoc } from '../digest/document.js';
import { renderText } from '../digest/render-text.js';
import type { DeliverOptions } from './types.js';

export async function sendConsole(doc: RenderDoc, opts: DeliverOptions): Promise<{ parts: number; detail: string }> {
  const out = opts.stdout ?? process.stdout;
  const messages = renderText(doc);
  // Framed on a terminal, one JSON line a message elsewhere: never mixed into the log lines.
  printConsoleMessages(out, { kind: doc.kind, name: doc.name, id: doc.id }, messages);
  return { parts: messages.length, detail: 'stdout' };
}
