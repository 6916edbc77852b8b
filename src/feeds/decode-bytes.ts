/**
 * Bytes to text the way RFC 7303 orders the evidence: a byte-order mark, then the HTTP
 * charset, then the XML declaration, else UTF-8. A declared charset that the bytes
 * contradict (invalid UTF-8, a UTF-16 document served as latin-1) loses to the bytes,
 * because the goal is that no valid character comes out as U+FFFD.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { decodeAs, guessEncoding } from './guess-encoding.js';
import { decodeWindows1252, windows1252Char } from './windows-1252.js';

/** How the text was decoded, for logs and tests. */
export interface DecodedText {
  text: string;
  /** The encoding actually used (WHATWG or iconv-lite name). */
  encoding: string;
  source: 'bom' | 'http' | 'declaration' | 'sniffed' | 'default' | 'repair';
}

type Wide = 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

function bomOf(b: Buffer): { encoding: string; length: number } | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b[0] === 0x00 && b[1] === 0x00 && b[2] === 0xfe && b[3] === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0x00 && b[3] === 0x00) return { encoding: 'utf-32le', length: 4 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  return undefined;
}

/** XML 1.0 Appendix F: the first '<' tells a BOM-less UTF-16 or UTF-32 document apart. */
function sniffWide(b: Buffer): Wide | undefined {
  if (b.length < 4) return undefined;
  const [a, c, d, e] = [b[0], b[1], b[2], b[3]];
  if (a === 0 && c === 0 && d === 0 && e === 0x3c) return 'utf-32be';
  if (a === 0x3c && c === 0 && d === 0 && e === 0) return 'utf-32le';
  if (a === 0 && c === 0x3c && d === 0 && e === 0x3f) return 'utf-16be';
  if (a === 0x3c && c === 0 && d === 0x3f && e === 0) return 'utf-16le';
  // Leading whitespace before the first tag in a wide encoding.
  if (a === 0 && c !== 0 && d === 0 && e !== 0 && isXmlSpace(c)) return 'utf-16be';
  if (a !== 0 && c === 0 && d !== 0 && e === 0 && isXmlSpace(a)) return 'utf-16le';
  return undefined;
}

function isXmlSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0x3c;
}

/** The charset parameter of a Content-Type header, if any. */
export function charsetOf(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const m = /;\s*charset\s*=\s*(["']?)\s*([^"';,\s]+)\s*\1/i.exec(contentType);
  return m?.[2]?.toLowerCase();
}

function declaredEncoding(b: Buffer, wide: Wide | undefined): string | undefined {
  const head = wide === undefined ? b.subarray(0, 1024).toString('latin1') : iconv.decode(b.subarray(0, 4096), wide);
  const m = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']\s*([A-Za-z0-9._:+-]+)\s*["']/.exec(head);
  return m?.[1]?.toLowerCase();
}

/** Maps a label to a decoder name we can run, or undefined when nobody knows it. */
function resolveLabel(label: string): string | undefined {
  const l = label.toLowerCase();
  if (l === 'utf-32' || l === 'utf32' || l === 'ucs-4') return 'utf-32be';
  if (/^utf-?32-?(le|be)$/.test(l)) return l.replace(/^utf-?32-?/, 'utf-32');
  if (l === 'utf-16' || l === 'utf16' || l === 'ucs-2' || l === 'unicode') return 'utf-16le';
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return iconv.encodingExists(l) ? l : undefined;
  }
}

function isUtf8WithNonAscii(b: Buffer): boolean {
  let nonAscii = false;
  for (let i = 0; i < b.length && !nonAscii; i++) nonAscii = b[i]! >= 0x80;
  return nonAscii && isUtf8(b);
}

function isWideName(name: string): boolean {
  return /^utf-(16|32)/.test(name);
}

function tryDecode(b: Buffer, name: string): string | undefined {
  // Node 20's TextDecoder reads windows-1252 as ISO-8859-1 (0x96 stays U+0096).
  if (name === 'windows-1252') return decodeWindows1252(b);
  // Node's native validator and decoder are several times faster than a fatal TextDecoder.
  if (name === 'utf-8') return isUtf8(b) ? b.toString('utf8') : undefined;
  if (name.startsWith('utf-32') || !isWhatwg(name)) {
    if (!iconv.encodingExists(name)) return undefined;
    const text = iconv.decode(b, name, { stripBOM: false });
    return text.includes('\ufffd') && !sourceHasReplacement(b) ? undefined : text;
  }
  try {
    return new TextDecoder(name, { fatal: true, ignoreBOM: true }).decode(b);
  } catch {
    return undefined;
  }
}

function isWhatwg(name: string): boolean {
  try {
    return new TextDecoder(name).encoding === name;
  } catch {
    return false;
  }
}

function sourceHasReplacement(b: Buffer): boolean {
  return b.includes(Buffer.from([0xef, 0xbf, 0xbd]));
}

/**
 * Decodes a feed's bytes. Never throws: at worst invalid UTF-8 bytes are read one by one as
 * windows-1252, the usual cause of a stray high byte in a UTF-8 feed.
 */
export function decodeBytes(body: Buffer, contentType?: string): DecodedText {
  const bom = bomOf(body);
  if (bom !== undefined) {
    const text = tryDecode(body.subarray(bom.length), bom.encoding);
    if (text !== undefined) return { text, encoding: bom.encoding, source: 'bom' };
    return repair(body.subarray(bom.length), bom.encoding);
  }
  const wide = sniffWide(body);
  const candidates: Array<[string | undefined, DecodedText['source']]> = [
    [charsetOf(contentType), 'http'],
    [declaredEncoding(body, wide), 'declaration'],
  ];
  for (const [label, source] of candidates) {
    const name = label === undefined ? undefined : resolveLabel(label);
    if (name === undefined) continue;
    // Bytes that are plainly UTF-16/32 overrule an ASCII-compatible label, and vice versa.
    if ((wide !== undefined) !== isWideName(name)) continue;
    // A feed labelled latin-1 (or any legacy charset) whose bytes are valid UTF-8 with
    // non-ASCII text in them is UTF-8: that pattern does not happen by accident, while
    // the mislabel is common and would turn every é into Ã©.
    if (wide === undefined && name !== 'utf-8' && isUtf8WithNonAscii(body)) {
      return { text: body.toString('utf8'), encoding: 'utf-8', source: 'sniffed' };
    }
    // "utf-16" names a family; the bytes say which end comes first.
    const used = wide !== undefined && name.startsWith('utf-16') ? wide : name;
    const text = tryDecode(body, used);
    if (text !== undefined) return { text, encoding: used, source };
  }
  if (wide !== undefined) {
    const text = tryDecode(body, wide);
    if (text !== undefined) return { text, encoding: wide, source: 'sniffed' };
  }
  const utf8 = tryDecode(body, 'utf-8');
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8', source: 'default' };
  const declared = firstKnown(candidates);
  if (declared === undefined && !mostlyUtf8(body)) {
    const guessed = guessEncoding(body);
    if (guessed !== undefined) return { text: decodeAs(body, guessed), encoding: guessed, source: 'sniffed' };
  }
  return repair(body, declared ?? 'utf-8');
}

function firstKnown(candidates: Array<[string | undefined, unknown]>): string | undefined {
  for (const [label] of candidates) {
    const name = label === undefined ? undefined : resolveLabel(label);
    if (name !== undefined && !isWideName(name)) return name;
  }
  return undefined;
}

/**
 * The declared encoding did not fit the bytes. A single-byte or legacy multi-byte label is
 * decoded leniently; UTF-8 keeps its valid sequences and reads each invalid byte as
 * windows-1252 so that a single stray byte cannot garble the rest.
 */
function repair(body: Buffer, name: string): DecodedText {
  if (name !== 'utf-8') {
    const text = name === 'windows-1252' ? decodeWindows1252(body)
      : iconv.encodingExists(name) ? iconv.decode(body, name) : new TextDecoder(name).decode(body);
    return { text, encoding: name, source: 'repair' };
  }
  return { text: decodeUtf8Leniently(body), encoding: 'utf-8', source: 'repair' };
}


function utf8SequenceLength(b: Buffer, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const need = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (need === 0 || i + need > b.length) return 0;
  for (let k = 1; k < need; k++) if ((b[i + k]! & 0xc0) !== 0x80) return 0;
  const second = b[i + 1]!;
  if (c === 0xe0 && second < 0xa0) return 0;
  if (c === 0xed && second > 0x9f) return 0;
  if (c === 0xf0 && second < 0x90) return 0;
  if (c === 0xf4 && second > 0x8f) return 0;
  return need;
}

/** UTF-8 with at most a few stray bytes: repair it rather than guess another encoding. */
function mostlyUtf8(b: Buffer): boolean {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < b.length; ) {
    if (b[i]! < 0x80) { i += 1; continue; }
    const n = utf8SequenceLength(b, i);
    if (n > 0) { valid += 1; i += n; } else { invalid += 1; i += 1; }
  }
  return valid > 0 && invalid <= valid;
}

function decodeUtf8Leniently(b: Buffer): string {
  const parts: string[] = [];
  let runStart = 0;
  let i = 0;
  while (i < b.length) {
    const n = utf8SequenceLength(b, i);
    if (n > 0) {
      i += n;
      continue;
    }
    if (i > runStart) parts.push(b.toString('utf8', runStart, i));
    parts.push(windows1252Char(b[i]!));
    i += 1;
    runStart = i;
  }
  if (runStart < b.length) parts.push(b.toString('utf8', runStart));
  return parts.join('');
}
