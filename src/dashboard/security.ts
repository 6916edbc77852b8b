/**
 * Who may use the dashboard. Without a token it listens on loopback only, and a Host check
 * keeps other sites out through DNS rebinding. With a token every request needs it (a
 * Bearer header, the cookie the login form sets, or `?token=` on /feeds/* and /metrics
 * only). Every POST must also come from this origin (Origin / Sec-Fetch-Site), so another
 * site cannot act with the cookie.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';

export const COOKIE_NAME = 'ww_session';

/** Whether an address to listen on is loopback only. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/** The cookie value for a token: derived, so the token itself never sits in the browser. */
export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('wirewatch dashboard session').digest('base64url');
}

function sameSecret(a: string, b: string): boolean {
  const ha = createHmac('sha256', 'compare').update(a).digest();
  const hb = createHmac('sha256', 'compare').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** How a request proved it holds the token, if it did. */
export type AuthVia = 'bearer' | 'cookie' | undefined;

export function authenticate(headers: IncomingHttpHeaders, token: string): AuthVia {
  const auth = headers.authorization;
  if (typeof auth === 'string' && /^Bearer /i.test(auth) && sameSecret(auth.slice(7).trim(), token)) return 'bearer';
  const cookie = readCookie(headers.cookie, COOKIE_NAME);
  if (cookie && sameSecret(cookie, sessionValue(token))) return 'cookie';
  return undefined;
}

export function checkToken(candidate: string, token: string): boolean {
  return sameSecret(candidate, token);
}

/** The login cookie; `secure` when the request came over HTTPS, so the browser never sends it in clear. */
export function sessionCookie(token: string, secure: boolean): string {
  return `${COOKIE_NAME}=${sessionValue(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${30 * 86_400}${secure ? '; Secure' : ''}`;
}

/**
 * DASHBOARD_TRUST_PROXY as fastify's trustProxy: unset, "false" or "0" trusts no proxy (the
 * request's own connection says HTTP or HTTPS, X-Forwarded-* are ignored); "true" or "1"
 * trusts any; anything else is a comma-separated list of proxy addresses or CIDR ranges.
 */
export function parseTrustProxy(value: string | undefined): boolean | string {
  const v = (value ?? '').trim();
  if (v === '' || /^(false|0|no)$/i.test(v)) return false;
  if (/^(true|1|yes)$/i.test(v)) return true;
  return v.split(',').map((a) => a.trim()).filter((a) => a !== '').join(',');
}

/**
 * Why a state-changing request must be refused as cross-site, or undefined when it may go on.
 * Browsers send Origin on every POST and Sec-Fetch-Site on most; a request with neither
 * comes from a program (curl, a script), which is no CSRF vector unless it rides on a cookie.
 */
export function crossSiteReason(headers: IncomingHttpHeaders, via: AuthVia): string | undefined {
  const site = headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return `Sec-Fetch-Site is ${site}`;
  const origin = headers.origin;
  if (typeof origin === 'string') {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return `bad Origin ${origin}`;
    }
    if (host !== headers.host) return `Origin ${origin} is not this dashboard`;
    return undefined;
  }
  if (typeof site !== 'string' && via === 'cookie') return 'no Origin on a cookie-authenticated request';
  return undefined;
}

/** Without a token, only loopback names may reach the server (DNS rebinding defence). */
export function isLoopbackHostHeader(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  return isLoopbackHost(name);
}

/** Headers on every response. Scripts and styles come only from this server's own files. */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  // Not no-referrer: with it Chromium sends `Origin: null` on same-origin form POSTs, which the CSRF check must refuse.
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};
