/**
 * windows-1252 as the WHATWG Encoding Standard defines it: bytes 0x80-0x9F map to the
 * typographic characters, the five unassigned ones to the C1 control of the same value.
 * Node 20's TextDecoder gets 0x80-0x9F wrong and iconv-lite turns the unassigned five into
 * U+FFFD, which would count as garbling a byte that did carry a character.
 */
const HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** The character a windows-1252 byte stands for. */
export function windows1252Char(byte: number): string {
  return byte >= 0x80 && byte <= 0x9f ? HIGH[byte - 0x80]! : String.fromCharCode(byte);
}

/** Decodes windows-1252 (also what the web means by latin-1, ISO-8859-1 and US-ASCII). */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) => HIGH[c.charCodeAt(0) - 0x80]!);
}
