/**
 * User-named keys (digests, channels, alerts, watch-lists) are looked up as own properties
 * only: on a plain object, `constructor`, `__proto__` or `toString` would otherwise find
 * Object.prototype's members and pass for a configured name.
 */
export function own<T>(record: Record<string, T>, name: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined;
}
