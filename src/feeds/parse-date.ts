/**
 * Feed dates as they come: RFC 822 (with two-digit years, missing weekday, named and
 * military zones, lower-case months), RFC 3339 (with a space for T, no seconds, no zone,
 * a bare date), and the odd format that only Date.parse still knows.
 */

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
  // Common non-English abbreviations seen in feeds that localize their RFC 822 dates.
  mär: 2, mrz: 2, mai: 4, okt: 9, dez: 11, ene: 0, abr: 3, ago: 7, dic: 11, fev: 1, set: 8, out: 9,
  janv: 0, févr: 1, fevr: 1, mars: 2, avr: 3, juin: 5, juil: 6, août: 7, aout: 7, déc: 11, gen: 0, giu: 5, lug: 6,
};

const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360,
  pst: -480, pdt: -420, bst: 60, cet: 60, cest: 120, eet: 120, eest: 180, met: 60, mest: 120,
  ist: 330, jst: 540, kst: 540, hkt: 480, aest: 600, aedt: 660, nzst: 720, nzdt: 780, msk: 180,
};

/** Offset in minutes east of UTC for a zone token, or undefined. */
function zoneOffset(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === '') return 0;
  const m = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(zone);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
  return ZONES[zone.toLowerCase()];
}

function fullYear(y: string): number {
  const n = Number(y);
  if (y.length > 2) return n;
  return n < 50 ? 2000 + n : 1900 + n;
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offset: number): number | undefined {
  if (mo < 0 || mo > 11 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return undefined;
  const t = Date.UTC(y, mo, d, h, mi, Math.min(s, 59), ms) - offset * 60_000;
  return Number.isFinite(t) ? t : undefined;
}

const ISO = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T\s]+(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]{1,5})?$/i;

function parseIso(s: string): number | undefined {
  const m = ISO.exec(s);
  if (!m) return undefined;
  const offset = zoneOffset(m[8]);
  if (offset === undefined) return undefined;
  const ms = m[7] === undefined ? 0 : Math.round(Number(`0.${m[7]}`) * 1000);
  return build(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms, offset);
}

const RFC822 = /^(?:[^\d\s,]+[,.]?\s*)?(\d{1,2})[\s-]+([^\d\s.,-]+)\.?[\s-]+(\d{2,4})(?:[\s,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(?:([+-]\d{1,2}:?\d{2}|[A-Za-z]{1,5})(?:\s*\(.*\))?)?$/;

function parseRfc822(s: string): number | undefined {
  const m = RFC822.exec(s);
  if (!m) return undefined;
  const month = MONTHS[m[2]!.toLowerCase().slice(0, 4)] ?? MONTHS[m[2]!.toLowerCase().slice(0, 3)];
  if (month === undefined) return undefined;
  const offset = zoneOffset(m[7]) ?? 0;
  return build(fullYear(m[3]!), month, Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), 0, offset);
}

/** Years outside this range are a parse accident, not a publication date. */
function plausible(t: number | undefined): t is number {
  return t !== undefined && t > Date.UTC(1900, 0, 1) && t < Date.UTC(2200, 0, 1);
}

/** An ISO 8601 UTC string for a feed date, or undefined when it cannot be read. */
export function parseDate(input: string | undefined): string | undefined {
  // A date is short; anything long is not one, and regexes should not chew on it.
  if (input === undefined || input.length > 200) return undefined;
  const trimmed = input.trim();
  const s = /\s\s|[\t\n\r]/.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
  if (s === '') return undefined;
  // Try the likelier grammar first: RFC 3339 starts with the year, RFC 822 rarely does.
  const first = s.charCodeAt(0) >= 48 && s.charCodeAt(0) <= 57 && /^\d{4}/.test(s) ? parseIso : parseRfc822;
  const second = first === parseIso ? parseRfc822 : parseIso;
  for (const attempt of [first, second, Date.parse]) {
    const t = attempt(s);
    if (plausible(t)) return new Date(t).toISOString();
  }
  return undefined;
}
