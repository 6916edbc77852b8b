import { shorten } from './make-entry.js';

/**
 * The longest prefix of `raw` (ending in a visible "…") whose escaped form fits `max`
 * characters. Used only for fields with a hard platform cap (an embed title); renderers
 * then show the full text elsewhere, so nothing is lost.
 */
export function fitEscaped(raw: string, max: number, escape: (s: string) => string): { text: string; cut: boolean } {
  const full = escape(raw);
  if (full.length <= max) return { text: full, cut: false };
  let lo = 0;
  let hi = raw.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (escape(shorten(raw, mid)).length <= max) lo = mid;
    else hi = mid - 1;
  }
  return { text: escape(shorten(raw, Math.max(lo, 1))), cut: true };
}
