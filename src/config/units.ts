/** Parsers for the human units used in config files: durations ("10m") and sizes ("10MB"). */

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** "1h30m", "20s", "500ms" or a bare number of milliseconds; undefined when unreadable. */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const text = value.trim().toLowerCase();
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(text)) return undefined;
  let total = 0;
  for (const [, num, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) {
    total += Number(num) * DURATION_UNITS[unit!]!;
  }
  return total;
}

/** A time bound as people write it: a duration before `now` ("30d", "24h", "90m") or a date ("2026-12-01"); epoch ms, undefined when unreadable. */
export function parseTimeBound(value: string, now = Date.now()): number | undefined {
  const ago = parseDuration(value.replace(/\s+/g, ''));
  if (ago !== undefined) return now - ago;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}

/** "10MB", "512 KB", "2048" (bytes); undefined when unreadable. Units are binary (1 MB = 1024 KB). */
export function parseSize(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(value.trim());
  if (!m) return undefined;
  return Math.round(Number(m[1]) * SIZE_UNITS[(m[2] ?? 'b').toLowerCase()]!);
}

/** "10m" for 600000: the shortest readable form, for logs and listings. */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const size = DURATION_UNITS[unit]!;
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
