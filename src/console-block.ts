/**
 * Digests and alerts that the console channel prints, set apart from log lines on the same
 * output: on a terminal a framed block, its heading in the top rule; elsewhere (or with
 * LOG_FORMAT=json) one JSON object a message, shaped like pino's lines so one parser reads
 * both.
 */
import { outputFormat, wantsColor, type OutputStream } from './log.js';
import { clean, makeStyle } from './log-text.js';

/** What a printed message is: a digest run, an alert or a folded "and N more" alert. */
export interface ConsoleMessageMeta {
  kind: string;
  /** The digest's or alert's name. */
  name: string;
  /** Run id or alert id. */
  id: string;
}

const MIN_WIDTH = 40;
const DEFAULT_WIDTH = 88;
const MAX_WIDTH = 120;

/** Writes each message as a block (terminal) or a JSON line (anything else). */
export function printConsoleMessages(out: OutputStream, meta: ConsoleMessageMeta, messages: string[], env: NodeJS.ProcessEnv = process.env): void {
  const pretty = outputFormat(out, env) === 'pretty';
  messages.forEach((text, i) => {
    const part = messages.length > 1 ? ` (${i + 1}/${messages.length})` : '';
    if (pretty) out.write(frameBlock(`${meta.kind} ${meta.name}${part}`, text, blockWidth(out), wantsColor(out, env)));
    else out.write(JSON.stringify({ level: 30, time: new Date().toISOString(), name: 'wirewatch', msg: `${meta.kind} printed`, kind: meta.kind, [meta.kind === 'digest' ? 'digest' : 'alert']: meta.name, id: meta.id, part: i + 1, parts: messages.length, text }) + '\n');
  });
}

function blockWidth(out: OutputStream): number {
  const cols = out.columns && out.columns > 0 ? out.columns : DEFAULT_WIDTH;
  return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, cols));
}

/**
 * ┌─ digest desk-brief ─────
 * │ the text, line by line
 * └─────────────────────────
 * Text lines are cleaned of control characters (they come from feeds) but never cut: a block
 * is for reading, and a terminal wraps long lines itself.
 */
export function frameBlock(title: string, text: string, width: number, color: boolean): string {
  const style = makeStyle(color);
  const head = `┌─ ${clean(title)} `;
  const top = head + '─'.repeat(Math.max(2, width - head.length));
  const lines = text.replace(/\n+$/, '').split('\n').map((line) => `${style.dim('│')} ${clean(line.replace(/\t/g, '  '), 10_000)}`.trimEnd());
  return [style.bold(top), ...lines, style.bold('└' + '─'.repeat(Math.max(2, width - 1)))].join('\n') + '\n';
}
