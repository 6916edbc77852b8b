/**
 * Character classes for the tokenizer, by UTF-16 code unit. ASCII is decided by comparisons;
 * the rest of the Basic Multilingual Plane through one table filled on first use, so the
 * scanner never runs a regular expression per character.
 */

let bmpWord: Uint8Array | undefined;

/** Letters, digits and combining marks beyond ASCII (1 = word character). */
function wordTable(): Uint8Array {
  if (bmpWord) return bmpWord;
  const table = new Uint8Array(65536);
  const re = /[\p{L}\p{N}\p{M}]/u;
  for (let c = 128; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (re.test(String.fromCharCode(c))) table[c] = 1;
  }
  return (bmpWord = table);
}

export function isWordCode(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return wordTable()[c] === 1;
}

export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isUpperCode(c: number): boolean {
  if (c < 128) return c >= 65 && c <= 90;
  const s = String.fromCharCode(c);
  return s !== s.toLowerCase();
}

export function isLowerCode(c: number): boolean {
  if (c < 128) return c >= 97 && c <= 122;
  const s = String.fromCharCode(c);
  return s !== s.toUpperCase();
}

/** Spaces, tabs, line breaks, NBSP and the other Unicode spaces, BOM and zero-width space. */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029
    || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

export function isLineBreakCode(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029 || c === 0x85;
}

/** ' and the typographic apostrophe (also used as a closing single quote). */
export function isApostropheCode(c: number): boolean {
  return c === 39 || c === 0x2019;
}

/** Hyphens that join the parts of a word (not the en or em dash). */
export function isHyphenCode(c: number): boolean {
  return c === 45 || c === 0x2010 || c === 0x2011;
}

export function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
