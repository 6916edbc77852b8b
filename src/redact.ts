/**
 * The one redaction every output goes through: log lines, error messages, CLI output and
 * dashboard pages. URLs lose their userinfo (`http://TOKEN@host`, `smtp://user:pass@host`),
 * the values of query parameters named like keys, tokens or signatures (`access_token`,
 * `X-Amz-Signature`, `sig`, ...), and the path segments that are the secret in well-known
 * token-in-path services (Slack, Discord, Telegram, Teams, generic `/hooks/...`). Values the
 * config marks as secret (registerSecret) are masked wherever they appear. Every scan moves
 * forward only, so redacting a long line costs one pass over it.
 */

export const MASK = '***';

/** Words that make a parameter name a secret's, matched at the end of the name with separators removed. */
const SECRET_SUFFIXES = [
  'token', 'tokens', 'key', 'keys', 'secret', 'secrets', 'signature', 'sig', 'password', 'passwd', 'pwd', 'pass',
  'passphrase', 'auth', 'authorization', 'credential', 'credentials', 'session', 'sessionid', 'jwt', 'hmac', 'otp', 'apikey',
];
/** Words that make a name a secret's wherever they appear in it (`AWSAccessKeyId`, `token_type_hint` aside). */
const SECRET_PARTS = ['token', 'secret', 'password', 'signature', 'credential', 'apikey', 'accesskey', 'privatekey'];

/** Whether a query parameter (or form field) name looks like it carries a key, token or signature. */
export function isSecretName(name: string): boolean {
  let plain: string;
  try {
    plain = decodeURIComponent(name);
  } catch {
    plain = name;
  }
  const n = plain.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (n === '') return false;
  return SECRET_SUFFIXES.some((w) => n.endsWith(w)) || SECRET_PARTS.some((w) => n.includes(w));
}

/** A path segment that reads as a random token: long, and mixing upper case, lower case and digits. */
function looksLikeToken(segment: string): boolean {
  if (segment.length < 24 || !/^[A-Za-z0-9_\-.~+=%]+$/.test(segment)) return false;
  return /[A-Z]/.test(segment) && /[a-z]/.test(segment) && /[0-9]/.test(segment);
}

const HOOK_SEGMENTS = new Set(['hooks', 'hook', 'webhook', 'webhooks', 'webhookb2', 'incomingwebhook']);
const KEY_SEGMENTS = new Set(['token', 'tokens', 'key', 'keys', 'secret', 'apikey', 'api_key', 'access_token', 'auth']);

/** Receives each secret piece a redaction masks, so it can be registered (see registerUrlSecrets). */
type Found = (secret: string) => void;

/** Path segments with the secret ones masked; the rules read the host and the segment before. */
function redactPath(host: string, path: string, found?: Found): string {
  const segments = path.split('/');
  const slack = host === 'hooks.slack.com' || host.endsWith('.slack.com');
  const office = host.endsWith('.webhook.office.com') || host === 'outlook.office.com' || host === 'outlook.office365.com';
  let afterHook = false;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (s === '') continue;
    const previous = (segments[i - 1] ?? '').toLowerCase();
    const masked = (slack && i >= 2) || (office && i >= 2) || (afterHook && !/^\d+$/.test(s)) || KEY_SEGMENTS.has(previous) || looksLikeToken(s);
    if (/^bot\d+:/i.test(s)) segments[i] = `bot${MASK}`;
    else if (masked) segments[i] = MASK;
    if (segments[i] !== s) found?.(s);
    if (HOOK_SEGMENTS.has(s.toLowerCase())) afterHook = true;
  }
  return segments.join('/');
}

/** `a=1&token=x` with the secret values masked; pairs without `=` stay as written. */
function redactParams(query: string, found?: Found): string {
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq <= 0 || eq === pair.length - 1 || !isSecretName(pair.slice(0, eq))) return pair;
      found?.(pair.slice(eq + 1));
      return `${pair.slice(0, eq + 1)}${MASK}`;
    })
    .join('&');
}

/** One absolute URL (`scheme://...`) with its secrets masked; the rest stays exactly as written. */
export function redactUrl(url: string, found?: Found): string {
  const schemeEnd = url.indexOf('://');
  if (schemeEnd < 0) return url;
  const start = schemeEnd + 3;
  let authorityEnd = url.length;
  for (const c of ['/', '?', '#']) {
    const at = url.indexOf(c, start);
    if (at >= 0 && at < authorityEnd) authorityEnd = at;
  }
  let authority = url.slice(start, authorityEnd);
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    const colon = userinfo.indexOf(':');
    found?.(colon >= 0 ? userinfo.slice(colon + 1) : userinfo);
    authority = `${colon >= 0 ? `${userinfo.slice(0, colon)}:${MASK}` : MASK}@${authority.slice(at + 1)}`;
  }
  const host = authority.slice(authority.lastIndexOf('@') + 1).replace(/:\d*$/, '').toLowerCase();
  const rest = url.slice(authorityEnd);
  const hash = rest.indexOf('#');
  const beforeHash = hash >= 0 ? rest.slice(0, hash) : rest;
  const fragment = hash >= 0 ? rest.slice(hash + 1) : undefined;
  const q = beforeHash.indexOf('?');
  const path = q >= 0 ? beforeHash.slice(0, q) : beforeHash;
  const query = q >= 0 ? `?${redactParams(beforeHash.slice(q + 1), found)}` : '';
  // OAuth's implicit flow returns its token in the fragment, written like a query.
  const frag = fragment === undefined ? '' : `#${fragment.includes('=') ? redactParams(fragment, found) : fragment}`;
  return `${url.slice(0, start)}${authority}${redactPath(host, path, found)}${query}${frag}`;
}

/** Characters that end a URL inside free text (log lines, messages, JSON). */
function endsUrl(code: number): boolean {
  return code <= 0x20 || code === 0x22 || code === 0x27 || code === 0x3c || code === 0x3e || code === 0x5c || code === 0x60 || code === 0x7f;
}

function isSchemeChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x2b || code === 0x2e || code === 0x2d;
}

/** A URL quoted in a sentence ends before the `.`, `,` or unmatched `)` that follows it. */
function withoutTrailingPunctuation(text: string, from: number, end: number): number {
  let open = 0;
  for (let i = from; i < end; i++) {
    const c = text[i];
    if (c === '(') open++;
    else if (c === ')') open--;
  }
  while (end > from) {
    const c = text[end - 1]!;
    if (c === ')' && open < 0) open++;
    else if (!'.,;:!?]}'.includes(c)) break;
    end--;
  }
  return end;
}

/** Every `scheme://...` in `text` through redactUrl: found from each "://", so the scan is linear. */
function redactUrlsIn(text: string): string {
  const parts: string[] = [];
  let last = 0;
  for (let sep = text.indexOf('://'); sep >= 0; sep = text.indexOf('://', sep + 3)) {
    if (sep < last) continue;
    // A scheme is short: look back at most 32 characters for where it starts.
    let start = sep;
    while (start > last && sep - start < 32 && isSchemeChar(text.charCodeAt(start - 1))) start--;
    if (start === sep) continue;
    let end = sep + 3;
    while (end < text.length && !endsUrl(text.charCodeAt(end))) end++;
    end = withoutTrailingPunctuation(text, sep + 3, end);
    parts.push(text.slice(last, start), redactUrl(text.slice(start, end)));
    last = end;
  }
  if (last === 0) return text;
  parts.push(text.slice(last));
  return parts.join('');
}

const BEARER = /\b(Bearer|Basic)(\s+)[A-Za-z0-9._~+/=-]{8,}/g;
/** `?token=...` in text that is not a whole URL (a request path in a log line); the name is bounded, so each try is short. */
const PARAM_IN_TEXT = /([?&;])([A-Za-z0-9_.%[\]-]{1,64})=([^&#\s"'<>\\`]+)/g;

function maskParamInText(whole: string, sep: string, name: string, value: string): string {
  if (value.startsWith(MASK) || !isSecretName(name)) return whole;
  const end = withoutTrailingPunctuation(value, 0, value.length);
  return `${sep}${name}=${MASK}${value.slice(end)}`;
}

/** Secret values known by name (config secrets, the dashboard token); masked wherever they appear. */
const known = new Set<string>();
const MAX_KNOWN = 1_000;

/** Marks a value as secret for every later redaction; values under 8 characters are too common to mask. */
export function registerSecret(value: string | undefined): void {
  if (value === undefined || value.length < 8 || known.size >= MAX_KNOWN) return;
  known.add(value);
  // The same value as JSON writes it, for log lines.
  const escaped = JSON.stringify(value).slice(1, -1);
  if (escaped !== value) known.add(escaped);
}

/** Registers the pieces of a configured URL that redactUrl masks, so they are masked even where no URL surrounds them. */
export function registerUrlSecrets(url: string | undefined): void {
  if (url === undefined) return;
  redactUrl(url, (piece) => {
    registerSecret(piece);
    registerSecret(safeDecode(piece));
  });
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** `text` with every URL's secrets, Authorization-style credentials and known secret values masked. */
export function redactSecrets(text: string): string {
  let out = text.includes('://') ? redactUrlsIn(text) : text;
  if (/Bearer|Basic/.test(out)) out = out.replace(BEARER, `$1$2${MASK}`);
  if (out.includes('=')) out = out.replace(PARAM_IN_TEXT, maskParamInText);
  for (const secret of known) if (out.includes(secret)) out = out.split(secret).join(MASK);
  return out;
}

/** A JSON-serializable value with every string in it redacted (job payloads, stored runs). */
export function redactValue<T>(value: T): T {
  const json = JSON.stringify(value);
  if (json === undefined) return value;
  const redacted = redactSecrets(json);
  if (redacted === json) return value;
  try {
    return JSON.parse(redacted) as T;
  } catch {
    // A masked value that broke the JSON: the whole value as one redacted string then.
    return redacted as unknown as T;
  }
}
