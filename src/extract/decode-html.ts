/**
 * Bytes to text for HTML pages, in the order browsers use: byte-order mark, the HTTP
 * header's charset, a `<meta charset>` or http-equiv in the first bytes, then a guess:
 * valid UTF-8 stays UTF-8; otherwise the legacy charset of the page's declared language
 * (`<html lang="ru">` is windows-1251), or windows-1251 when most letters are high bytes
 * as in Cyrillic text, else windows-1252.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

const PRESCAN_BYTES = 4096;

/** Decodes a page; `contentType` is the HTTP Content-Type header, when there was one. */
export function decodeHtml(bytes: Buffer, contentType?: string): string {
  const bom = sniffBom(bytes);
  if (bom) return decodeWith(bytes.subarray(bom.skip), bom.label);
  const label = charsetFromContentType(contentType) ?? charsetFromMeta(bytes) ?? guessCharset(bytes);
  return decodeWith(bytes, label);
}

function sniffBom(b: Buffer): { label: string; skip: number } | undefined {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { label: 'utf-8', skip: 3 };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { label: 'utf-16be', skip: 2 };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { label: 'utf-16le', skip: 2 };
  return undefined;
}

function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = contentType ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType) : null;
  return m && isKnown(m[1]!) ? normalizeLabel(m[1]!) : undefined;
}

function charsetFromMeta(bytes: Buffer): string | undefined {
  // latin1 maps each byte to one char, so ASCII markup reads the same whatever the charset.
  const head = bytes.subarray(0, PRESCAN_BYTES).toString('latin1');
  const metas = head.match(/<meta\b[^<>]*>/gi) ?? [];
  for (const tag of metas) {
    const m = /charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (m && isKnown(m[1]!)) return normalizeLabel(m[1]!);
  }
  return undefined;
}

/** The legacy charset most pages in a language used before UTF-8. */
const LEGACY_BY_LANG: Record<string, string> = {
  ru: 'windows-1251', uk: 'windows-1251', bg: 'windows-1251', be: 'windows-1251', sr: 'windows-1251', mk: 'windows-1251',
  pl: 'windows-1250', cs: 'windows-1250', sk: 'windows-1250', hu: 'windows-1250', hr: 'windows-1250', sl: 'windows-1250', ro: 'windows-1250',
  el: 'windows-1253', tr: 'windows-1254', he: 'windows-1255', ar: 'windows-1256', fa: 'windows-1256',
  lt: 'windows-1257', lv: 'windows-1257', et: 'windows-1257', vi: 'windows-1258', th: 'windows-874',
  ja: 'shift_jis', zh: 'gbk', ko: 'euc-kr',
};

function guessCharset(bytes: Buffer): string {
  // Validates without building the string a fatal TextDecoder would.
  if (isUtf8(bytes)) return 'utf-8';
  const head = bytes.subarray(0, PRESCAN_BYTES).toString('latin1');
  const lang = /<html\b[^<>]*\blang\s*=\s*["']?([a-z]{2,3})/i.exec(head)?.[1]?.toLowerCase();
  if (lang && Object.hasOwn(LEGACY_BY_LANG, lang)) return LEGACY_BY_LANG[lang]!;
  return mostlyHighBytes(bytes) ? 'windows-1251' : 'windows-1252';
}

/** In Cyrillic text most letters are bytes 0xC0-0xFF; in Western European text few are. */
function mostlyHighBytes(bytes: Buffer): boolean {
  let high = 0;
  let ascii = 0;
  const end = Math.min(bytes.length, 65536);
  for (let i = 0; i < end; i++) {
    const b = bytes[i]!;
    if (b >= 0xc0) high++;
    else if ((b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a)) ascii++;
  }
  // Markup is ASCII, so compare with the letters as a whole rather than expect a majority.
  return high > (high + ascii) * 0.25;
}

function normalizeLabel(label: string): string {
  const l = label.toLowerCase();
  // A page that says UTF-16 in its meta cannot be UTF-16 (the prescan read it as ASCII).
  if (l.startsWith('utf-16')) return 'utf-8';
  // HTML treats these as windows-1252, which is a superset.
  if (l === 'iso-8859-1' || l === 'latin1' || l === 'us-ascii' || l === 'ascii') return 'windows-1252';
  return l;
}

function isKnown(label: string): boolean {
  if (iconv.encodingExists(label)) return true;
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

function decodeWith(bytes: Buffer, label: string): string {
  if (label === 'utf-8' || label === 'utf8') return new TextDecoder('utf-8').decode(bytes);
  // Node 20's TextDecoder reads windows-1252 as latin1 (0x93 is not a quote mark), so the
  // single- and multi-byte legacy charsets go through iconv-lite.
  if (iconv.encodingExists(label)) return iconv.decode(bytes, label);
  return new TextDecoder(label).decode(bytes);
}
