/**
 * One pino record as one line a person reads on a terminal: local time, level, what happened
 * and the fields that matter. Events wirewatch logs often have their own phrasing
 * (src/log-events.ts); any other event is its message followed by its fields as key=value.
 * Everything from feeds passes through `clean`, so no title can move the cursor or recolour
 * the terminal.
 */
import { describeEvent } from './log-events.js';
import { clean, errorText, fieldValue, localClock, type LogRecord, type Style } from './log-text.js';

export type { LogRecord };

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** Fields every record carries, or that only help machines: left out of the readable line. */
const HIDDEN = new Set(['level', 'time', 'msg', 'name', 'pid', 'hostname', 'v', 'itemKey']);
/** Fields shown first, in this order, when an event has no phrasing of its own. */
const FIRST = ['feedId', 'digest', 'channel', 'watchlist', 'queue', 'jobId', 'runId', 'url'];

export function formatLogLine(record: LogRecord, style: Style): string {
  const level = typeof record.level === 'number' ? record.level : 30;
  const label = style.level((LEVELS[level] ?? String(level)).padEnd(5), level);
  const body = describeEvent(record, style) ?? genericLine(record, style);
  return `${style.dim(localClock(record.time))} ${label} ${body}`;
}

/** The message, then the fields: the known ones first, the error last. */
export function genericLine(record: LogRecord, style: Style): string {
  const keys = Object.keys(record).filter((k) => !HIDDEN.has(k) && k !== 'err' && !isEmpty(record[k]));
  keys.sort((a, b) => rank(a) - rank(b));
  const fields = keys.map((k) => style.dim(`${k}=`) + fieldValue(record[k]));
  const err = record.err === undefined ? '' : `  ${style.bad(`error: ${errorText(record.err)}`)}`;
  return [clean(record.msg ?? ''), ...fields].join('  ') + err;
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

function rank(key: string): number {
  const i = FIRST.indexOf(key);
  return i < 0 ? FIRST.length : i;
}
