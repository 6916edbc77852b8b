/**
 * Forward-only scanning of an XML document's prolog. Regular expressions that skipped
 * comments here (`(<!--[\s\S]*?-->\s*)*`) could backtrack exponentially on a few dozen
 * empty comments, or rescan to the end from every unclosed `<!--`; a scan that only moves
 * forward costs one pass whatever the input.
 */

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Index of the first character from `from` that is not space, a comment or a processing instruction; -1 when one never closes. */
export function skipMisc(text: string, from = 0): number {
  let i = from;
  for (;;) {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    const close = text.startsWith('<!--', i) ? '-->' : text.startsWith('<?', i) ? '?>' : undefined;
    if (close === undefined) return i;
    const end = text.indexOf(close, i + (close === '-->' ? 4 : 2));
    if (end < 0) return -1;
    i = end + close.length;
  }
}

/** Whether `text` has `word` at `i`, ignoring ASCII case. */
export function startsWithIgnoreCase(text: string, i: number, word: string): boolean {
  return text.length - i >= word.length && text.slice(i, i + word.length).toUpperCase() === word.toUpperCase();
}

function isNameChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) ||
    code === 0x5f || code === 0x3a || code === 0x2e || code === 0x2d || code >= 0x80;
}

/** The XML name starting at `i` ('' when none). */
export function nameAt(text: string, i: number): string {
  let end = i;
  while (end < text.length && isNameChar(text.charCodeAt(end))) end++;
  return text.slice(i, end);
}

/** The document element's name: the first tag after the prolog (declarations skipped); '' when there is none. */
export function rootElementName(xml: string): string {
  let i = skipMisc(xml);
  while (i >= 0 && xml.startsWith('<!', i)) {
    const end = xml.indexOf('>', i + 2);
    i = end < 0 ? -1 : skipMisc(xml, end + 1);
  }
  if (i < 0 || xml[i] !== '<') return '';
  const name = nameAt(xml, i + 1);
  return /^[A-Za-z_]/.test(name) ? name : '';
}
