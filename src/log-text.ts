/** Text pieces of the readable log line: styling, cleaning feed text, local clock times, values. */

/** A pino record as parsed from its JSON line. */
export type LogRecord = Record<string, unknown> & { level?: number; time?: string | number; msg?: string };

/** Paints text for the terminal; identity when colours are off. */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  level(text: string, level: number): string;
  bad(text: string): string;
}

const LEVEL_COLORS: Record<number, number> = { 10: 90, 20: 90, 30: 36, 40: 33, 50: 31, 60: 35 };
const MAX_VALUE = 240;

export function makeStyle(color: boolean): Style {
  const sgr = (code: number, close: number) => (text: string) => (color ? `\x1b[${code}m${text}\x1b[${close}m` : text);
  return {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    bad: sgr(31, 39),
    level: (text, level) => (color ? `\x1b[${LEVEL_COLORS[level] ?? 39}m${text}\x1b[39m` : text),
  };
}

/** Control characters (C0, DEL, C1) and bidirectional overrides become spaces; long text is cut. */
export function clean(value: unknown, max = MAX_VALUE): string {
  const text = String(value ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** HH:MM:SS in the process's time zone. */
export function localClock(time: unknown): string {
  const d = new Date(typeof time === 'number' || typeof time === 'string' ? time : Date.now());
  if (Number.isNaN(d.getTime())) return '--:--:--';
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** A field's value, quoted when it holds spaces so the line still splits into fields. */
export function fieldValue(value: unknown): string {
  if (Array.isArray(value)) return clean(value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(','));
  if (value !== null && typeof value === 'object') return clean(JSON.stringify(value), 160);
  const text = clean(value);
  return /\s/.test(text) || text === '' ? JSON.stringify(text) : text;
}

/** pino serializes Error objects as {type, message, stack}; wirewatch logs error messages as strings. */
export function errorText(err: unknown): string {
  if (err !== null && typeof err === 'object' && 'message' in err) return clean((err as { message: unknown }).message, 400);
  return clean(err, 400);
}
