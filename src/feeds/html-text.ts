/**
 * Feed fields carry HTML fragments (sometimes escaped twice); items need plain text. A
 * regular-expression pass is enough here and keeps normalizing a 700-item feed far cheaper
 * than building a DOM per field: we only need the text, never the structure.
 */
import { decodeHTML } from 'entities';
import { windows1252Char } from './windows-1252.js';

// An unclosed script or style runs to the end, as in a browser; `[^<>]` keeps every match
// attempt local, so no input makes these expressions quadratic.
const DROPPED = /<(script|style|noscript|template|iframe|object|svg|math)\b[^<>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const CDATA = /<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)/g;
const BREAK = /<\s*br\s*\/?\s*>/gi;
const BLOCK = /<\/?\s*(p|div|li|ul|ol|h[1-6]|blockquote|pre|tr|table|section|article|header|footer|figure|figcaption|dd|dt|hr)\b[^<>]*>/gi;
const TAG = /<\/?[A-Za-z][^<>]*>|<![A-Za-z][^<>]*>|<\?[^<>]*\?>/g;
const LOOKS_LIKE_MARKUP = /<\/?(p|br|div|span|a|img|b|i|em|strong|ul|ol|li|h[1-6]|blockquote|table|font|iframe|script|style)\b[^<>]*>/i;

// One pass over the text: this runs on every field of every item. Single spaces, the
// common case, do not match at all.
const WHITESPACE = /[ \t\f\v\u00a0]*\n[ \t\f\v\u00a0\n]*|[ \t\f\v\u00a0]{2,}|[\t\f\v\u00a0]/g;

function collapse(text: string): string {
  const unix = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  return unix
    .replace(WHITESPACE, (run) => {
      const first = run.indexOf('\n');
      if (first < 0) return ' ';
      return first !== run.lastIndexOf('\n') ? '\n\n' : '\n';
    })
    .trim();
}

function stripOnce(html: string): string {
  if (!html.includes('<')) return html;
  let out = html;
  if (out.includes('<!')) out = out.replace(CDATA, '$1').replace(COMMENT, '');
  return out
    .replace(DROPPED, ' ')
    .replace(BREAK, '\n')
    .replace(BLOCK, '\n\n')
    .replace(TAG, '');
}

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufeff]/g;

/**
 * Control characters other than tab and newline have no place in plain text. C1 controls
 * (U+0080-U+009F) in a feed are windows-1252 punctuation mislabelled as Unicode, so they
 * become the quotes and dashes they were meant to be.
 */
function dropControls(text: string): string {
  return text.replace(CONTROLS, (c) => {
    const code = c.charCodeAt(0);
    return code >= 0x80 && code <= 0x9f ? windows1252Char(code) : '';
  });
}

function decode(text: string): string {
  return text.includes('&') ? decodeHTML(text) : text;
}

/**
 * Plain text of an HTML fragment: script and style dropped, tags removed (block tags become
 * line breaks), entities decoded, whitespace collapsed. A fragment that was escaped twice
 * (`&lt;p&gt;`) still comes out without markup.
 */
export function htmlToText(html: string): string {
  if (html === '') return '';
  let text = decode(stripOnce(html));
  if (text.includes('<') && LOOKS_LIKE_MARKUP.test(text)) text = decode(stripOnce(text));
  return collapse(dropControls(text));
}

/** Plain text that is already text (an Atom type="text" construct): only tidied. */
export function tidyText(text: string): string {
  return collapse(dropControls(text));
}
