/**
 * The start and end tags of a document as htmlparser2 (cheerio's parser, used for pages and
 * for the lenient feed pass) will read them, found by one forward scan. Measuring nesting
 * with a looser idea of a tag let pages through that the parser nests without end: it reads
 * `<p<p>` as an element named "p<p", keeps `<div/>` open in HTML, and ends a tag only at a
 * `>` outside quotes. Comments, CDATA, declarations, processing instructions and the text
 * of script, style, title, textarea and xmp are skipped the way it skips them.
 */

export type MarkupMode = 'xml' | 'html';

export interface MarkupTag {
  start: number;
  /** Index just past the closing `>`. */
  end: number;
  /** Lower-cased in HTML, as written in XML. */
  name: string;
  close: boolean;
  /** `<x/>` in XML; HTML keeps such an element open, as the parser does. */
  selfClosing: boolean;
}

export interface ScanResult {
  /** Characters in the longest tag, declaration or instruction: sax fails slowly on long ones. */
  longest: number;
}

const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp']);

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/** A character that ends a tag name or attribute section: space, `/` or `>`. */
function endsSection(c: number): boolean {
  return c === 0x2f || c === 0x3e || isSpace(c);
}

function startsName(c: number, mode: MarkupMode): boolean {
  return mode === 'xml' ? !Number.isNaN(c) && !endsSection(c) : isAsciiLetter(c);
}

/** Index just past `close` searched from `from`, or the end of the text. */
function past(text: string, from: number, close: string): number {
  const at = text.indexOf(close, from);
  return at < 0 ? text.length : at + close.length;
}

/** Index past the `>` ending an open tag's attributes (quoted values may hold `>`), or -1 when it never ends. */
function endOfAttributes(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x3e) return i + 1;
    if (c === 0x3d) {
      // A value after "=": quoted ones run to their quote, however far.
      let j = i + 1;
      while (j < text.length && isSpace(text.charCodeAt(j))) j++;
      const q = text.charCodeAt(j);
      if (q === 0x22 || q === 0x27) {
        const close = text.indexOf(q === 0x22 ? '"' : "'", j + 1);
        if (close < 0) return -1;
        i = close + 1;
        continue;
      }
      i = j;
      continue;
    }
    i++;
  }
  return -1;
}

/** Index past what starts at `i` with "<!" or "<?" (comment, CDATA, declaration, instruction). */
function skipSpecial(text: string, i: number, mode: MarkupMode): number {
  if (text.startsWith('<!--', i)) return text.startsWith('<!-->', i) ? i + 5 : past(text, i + 4, '-->');
  if (mode === 'xml' && text.startsWith('<![CDATA[', i)) return past(text, i + 9, ']]>');
  return past(text, i + 2, '>');
}

/**
 * Calls `visit` for every tag in document order; `visit` may return false to stop the scan.
 * Linear: every step moves forward, and each skip searches only from where the scan is.
 */
export function scanTags(text: string, mode: MarkupMode, visit: (tag: MarkupTag) => boolean | void): ScanResult {
  let longest = 0;
  for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i)) {
    const c = text.charCodeAt(i + 1);
    if (c === 0x21 || c === 0x3f) {
      const end = skipSpecial(text, i, mode);
      longest = Math.max(longest, end - i);
      i = end;
      continue;
    }
    const close = c === 0x2f;
    const nameStart = close ? i + 2 : i + 1;
    if (!startsName(text.charCodeAt(nameStart), mode)) {
      // "</>" and "</ x" are skipped to their ">", a lone "<" is text.
      i = close ? past(text, nameStart, '>') : i + 1;
      continue;
    }
    let nameEnd = nameStart;
    while (nameEnd < text.length && !endsSection(text.charCodeAt(nameEnd))) nameEnd++;
    const end = close ? past(text, nameEnd, '>') : endOfAttributes(text, nameEnd);
    if (end < 0 || (close && text.charCodeAt(end - 1) !== 0x3e)) return { longest: Math.max(longest, text.length - i) };
    longest = Math.max(longest, end - i);
    const raw = text.slice(nameStart, nameEnd);
    const name = mode === 'html' ? raw.toLowerCase() : raw;
    const selfClosing = !close && mode === 'xml' && text.charCodeAt(end - 2) === 0x2f;
    if (visit({ start: i, end, name, close, selfClosing }) === false) return { longest };
    i = end;
    // The parser reads these elements' content as text up to their end tag.
    if (!close && mode === 'html' && RAW_TEXT.has(name)) i = rawTextEnd(text, end, name);
  }
  return { longest };
}

/** Where the text of a raw-text element ends: at its `</name` (any case), else the end of the page. */
function rawTextEnd(text: string, from: number, name: string): number {
  const pattern = new RegExp(`</${name}(?=[\\s/>])`, 'gi');
  pattern.lastIndex = from;
  const m = pattern.exec(text);
  return m === null ? text.length : m.index;
}
