/**
 * Sketches of a story's text for spotting the same story in several feeds: the set of its
 * word shingles (compared exactly), and a MinHash signature of that set (to find the pairs
 * worth comparing). The signature is one-permutation MinHash with rotation densification
 * (Shrivastava and Li, 2014): one hash a shingle instead of one a position, 64 times cheaper
 * than classic MinHash with the same estimate of Jaccard similarity.
 */

/** Positions (bins) in a signature. */
export const SIGNATURE_SIZE = 64;
const BIN_BITS = 6;
const VALUE_BITS = 32 - BIN_BITS;
const VALUE_MASK = (1 << VALUE_BITS) - 1;
/** Words per shingle: three words survive small edits yet rarely repeat across stories. */
const SHINGLE_WORDS = 3;
/**
 * Only the headline and the lede are compared: wire copies are often trimmed to their first
 * paragraphs, and a full body against a trimmed copy would dilute the overlap to nothing.
 */
const LEDE_WORDS = 120;

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Case-folded, accent-free word tokens. */
export function tokenizeWords(text: string): string[] {
  // Most feed text is ASCII: skip the Unicode normalization it does not need.
  if (!/[^\x00-\x7f]/.test(text)) return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** Characters of body read: comfortably more than LEDE_WORDS words, so long bodies cost nothing extra. */
const LEDE_CHARS = LEDE_WORDS * 12;

function ledeWords(body: string): string[] {
  if (body.length <= LEDE_CHARS) return tokenizeWords(body).slice(0, LEDE_WORDS);
  const words = tokenizeWords(body.slice(0, LEDE_CHARS));
  words.pop(); // the cut may have split the last word
  return words.slice(0, LEDE_WORDS);
}

/** Sorted, distinct hashes of the 3-word shingles of the headline and lede. */
function shingleHashes(title: string, body: string): Int32Array {
  const words = tokenizeWords(title).concat(ledeWords(body));
  if (words.length < SHINGLE_WORDS) return words.length ? Int32Array.of(fnv1a(words.join(' ')) | 0) : new Int32Array(0);
  const wordHashes = words.map(fnv1a);
  const all = new Int32Array(words.length - SHINGLE_WORDS + 1);
  for (let i = 0; i < all.length; i++) {
    // Order matters in a shingle, so the word hashes are mixed position by position.
    let h = 0x2545f491;
    for (let j = 0; j < SHINGLE_WORDS; j++) h = fmix32(h ^ wordHashes[i + j]!) + j;
    all[i] = h;
  }
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i]!;
  return all.subarray(0, n);
}

/** A story's shingle set (sorted, distinct), its MinHash signature and its headline's words. */
export interface TextSketch {
  shingles: Int32Array;
  signature: Int32Array;
  /** Hashes of the headline's words of four letters or more, sorted. */
  titleWords: Int32Array;
}

/** Words this short ("the", "in", "say") are shared by unrelated headlines. */
const TITLE_WORD_MIN = 4;

function titleWordHashes(title: string): Int32Array {
  const words = new Set(tokenizeWords(title).filter((w) => w.length >= TITLE_WORD_MIN));
  return Int32Array.from([...words].map((w) => fnv1a(w) | 0)).sort();
}

/** True when the two sorted sets share a value. */
export function intersects(a: Int32Array, b: Int32Array): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) return true;
    if (a[i]! < b[j]!) i++;
    else j++;
  }
  return false;
}

function densify(bins: Float64Array): Int32Array {
  const out = new Int32Array(SIGNATURE_SIZE);
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    let j = i;
    let distance = 0;
    while (bins[j]! < 0) {
      j = (j + 1) % SIGNATURE_SIZE;
      distance++;
    }
    // An empty bin borrows its right neighbour's value, shifted by the distance so borrowed
    // values only agree when two sets borrow alike. Injective in 32 bits: value < 2^26, distance < 64.
    out[i] = (bins[j]! + distance * (VALUE_MASK + 1)) | 0;
  }
  return out;
}

/** The sketch of a story's headline and lede; undefined when there is no text. */
export function sketchText(title: string, body: string): TextSketch | undefined {
  const shingles = shingleHashes(title, body);
  if (shingles.length === 0) return undefined;
  const bins = new Float64Array(SIGNATURE_SIZE).fill(-1);
  for (let k = 0; k < shingles.length; k++) {
    const v = fmix32(shingles[k]!);
    const bin = v >>> VALUE_BITS;
    const value = v & VALUE_MASK;
    if (bins[bin]! < 0 || value < bins[bin]!) bins[bin] = value;
  }
  return { shingles, signature: densify(bins), titleWords: titleWordHashes(title) };
}

/** Exact Jaccard similarity of two sorted, distinct shingle sets (0..1). */
export function jaccard(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return common / (a.length + b.length - common);
}
