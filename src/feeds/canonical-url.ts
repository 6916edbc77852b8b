/**
 * One spelling per article URL, so the same story reached through two feeds (or through a
 * newsletter link stuffed with campaign parameters) is recognized as one.
 */

import { FIELD_LIMITS } from '../limits.js';

/** Query parameters that identify a campaign or a click, never the resource itself. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'gclsrc', 'msclkid', 'yclid', 'twclid',
  'igshid', 'mc_cid', 'mc_eid', 'mkt_tok', '_ga', '_gl', '_hsenc', '_hsmi', 'oly_enc_id',
  'oly_anon_id', 'vero_id', 'vero_conv', 'rb_clickid', 's_cid', 'cmpid', 'ncid', 'ocid',
  'spm', 'sr_share', 'at_medium', 'at_campaign', 'wt_mc', 'wt.mc_id', 'ito', 'guccounter',
]);

const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hmb_', '__s', 'fb_'];

function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_PARAMS.has(n) || TRACKING_PREFIXES.some((p) => n.startsWith(p));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The canonical form of an http(s) URL, resolved against `base` when relative: lower-case
 * host (punycode), no default port, no fragment, no tracking parameters. Anything that is
 * not an http(s) URL after resolution (a tag: URI, mailto:, garbage) gives undefined.
 */
export function canonicalizeUrl(url: string, base?: string): string | undefined {
  const raw = url.trim();
  // No article lives at an 8 KB address: a longer one is padding, and would be stored and logged.
  if (raw === '' || raw.length > FIELD_LIMITS.url) return undefined;
  let parsed: URL;
  try {
    parsed = base === undefined ? new URL(raw) : new URL(raw, base);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  if (parsed.hostname === '') return undefined;
  // URL setters are costly and this runs for every item: touch only what is there.
  if (parsed.hash !== '') parsed.hash = '';
  if (parsed.username !== '' || parsed.password !== '') {
    parsed.username = '';
    parsed.password = '';
  }
  if (parsed.search !== '') {
    // Filter the raw pairs rather than re-serializing URLSearchParams, which would rewrite
    // encodings and turn a bare `&c` into `&c=`: the server may tell those apart.
    const kept = parsed.search
      .slice(1)
      .split('&')
      .filter((pair) => pair !== '' && !isTrackingParam(safeDecode(pair.split('=')[0] ?? '')));
    parsed.search = kept.length === 0 ? '' : `?${kept.join('&')}`;
  }
  // new URL() already lower-cases and punycodes the host; a trailing dot names the same host.
  if (parsed.hostname.endsWith('.')) parsed.hostname = parsed.hostname.slice(0, -1);
  return parsed.href;
}
