/**
 * Whether JSON nests arrays and objects deeper than a limit, found in one pass that skips
 * strings. JSON.parse reads a document of millions of '[' to its end (about 0.4 µs a level)
 * before failing or building a structure nobody needs: feeds and JSON-LD check this first.
 */
export function jsonNestsDeeper(json: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x22) {
      // A string: its brackets are text. An escape skips the character after it.
      for (i++; i < json.length && json.charCodeAt(i) !== 0x22; i++) if (json.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
