/**
 * Feed fields carry HTML fragments (sometimes escaped twice); items need plain text. A
 * regular-expression pass is enough here and keeps normalizing a 700-item feed far cheaper
 * than building a DOM per field: we only need the text, never the structure.
 */
import { decodeHTML } from 'entities';
import { windows1252Char } from './windows-1252.js';

const DROPPED = /<(script|style|noscript|template|iframe|object|svg|math)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
const BREAK = /<\s*br\s*\/?\s*>/gi;
const BLOCK = /<\/?\s*(p|div|li|ul|ol|h[1-6]|blockquote|pre|tr|table|section|article|header|footer|figure|figcaption|dd|dt|hr)\b[^>]*>/gi;
const TAG = /<\/?[A-Za-z][^<>]*>|<![A-Za-z][^<>]*>|<\?[^<>]*\?>/g;
const LOOKS_LIKE_MARKUP = /<\/?(p|br|div|span|a|img|b|i|em|strong|ul|ol|li|h[1-6]|blockquote|table|font|iframe|script|style)\b[^<>]*>/i;

function collapse(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function stripOnce(html: string): string {
  return html
    .replace(CDATA, '$1')
    .replace(COMMENT, '')
    .replace(DROPPED, ' ')
    .replace(BREAK, '\n')
    .replace(BLOCK, '\n\n')
    .replace(TAG, '');
}

/**
 * Control characters other than tab and newline have no place in plain text. C1 controls
 * (U+0080-U+009F) in a feed are windows-1252 punctuation mislabelled as Unicode, so they
 * become the quotes and dashes they were meant to be.
 */
function dropControls(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufeff]/g, '')
    .replace(/[\u0080-\u009f]/g, (c) => windows1252Char(c.charCodeAt(0)));
}

/**
 * Plain text of an HTML fragment: script and style dropped, tags removed (block tags become
 * line breaks), entities decoded, whitespace collapsed. A fragment that was escaped twice
 * (`&lt;p&gt;`) still comes out without markup.
 */
export function htmlToText(html: string): string {
  if (html === '') return '';
  let text = decodeHTML(stripOnce(html));
  if (LOOKS_LIKE_MARKUP.test(text)) text = decodeHTML(stripOnce(text));
  return collapse(dropControls(text));
}

/** Plain text that is already text (an Atom type="text" construct): only tidied. */
export function tidyText(text: string): string {
  return collapse(dropControls(text));
}
