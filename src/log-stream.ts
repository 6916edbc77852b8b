/**
 * A pino destination that turns each JSON line into a readable one and writes it on at once,
 * in the caller's thread. Written here rather than with pino-pretty: wirewatch's own events
 * get their own phrasing (a flag names its headline and scores), and a transport's worker
 * thread would write log lines out of order with the digests the console channel prints on
 * the same stream.
 */
import { formatLogLine } from './log-line.js';
import { makeStyle, type LogRecord, type Style } from './log-text.js';

export interface PrettyOptions {
  color: boolean;
}

export class PrettyDestination {
  private readonly style: Style;
  private pending = '';

  constructor(private readonly out: { write(text: string): unknown }, options: PrettyOptions) {
    this.style = makeStyle(options.color);
  }

  /** pino writes one record a call; a partial line waits for its end all the same. */
  write(chunk: string): boolean {
    this.pending += chunk;
    let nl = this.pending.indexOf('\n');
    while (nl >= 0) {
      const line = this.pending.slice(0, nl);
      this.pending = this.pending.slice(nl + 1);
      if (line.trim()) this.out.write(this.format(line) + '\n');
      nl = this.pending.indexOf('\n');
    }
    return true;
  }

  private format(line: string): string {
    let record: LogRecord;
    try {
      record = JSON.parse(line) as LogRecord;
    } catch {
      return line; // not pino's: passed on as it came
    }
    return record !== null && typeof record === 'object' ? formatLogLine(record, this.style) : line;
  }
}
