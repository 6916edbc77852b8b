/**
 * MinHash signatures over word shingles, for spotting the same story in several feeds.
 * The estimated Jaccard similarity of two signatures is the share of positions that agree.
 */

/** Positions in a signature. 64 keeps the estimate within about ±0.06 at J = 0.5. */
export const SIGNATURE_SIZE = 64;
/** Words per shingle: three words survive small edits yet rarely repeat across stories. */
const SHINGLE_WORDS = 3;
/**
 * Only the headline and the lede are compared: wire copies are often trimmed to their first
 * paragraphs, and a full body against a trimmed copy would dilute the overlap to nothing.
 */
const LEDE_WORDS = 120;

const SEEDS: Int32Array = (() => {
  const seeds = new Int32Array(SIGNATURE_SIZE);
  let x = 0x9e3779b9;
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    x = fmix32(x + 0x6d2b79f5 + i);
    seeds[i] = x;
  }
  return seeds;
})();

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** fmix32 as a signed 32-bit value, which V8 keeps as a small integer. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
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

function shingleHashes(title: string, body: string): number[] {
  const words = tokenizeWords(title).concat(ledeWords(body));
  if (words.length < SHINGLE_WORDS) return words.length ? [fnv1a(words.join(' '))] : [];
  const wordHashes = words.map(fnv1a);
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    // Order matters in a shingle, so the word hashes are mixed position by position.
    let h = 0x2545f491;
    for (let j = 0; j < SHINGLE_WORDS; j++) h = fmix32(h ^ wordHashes[i + j]!) + j;
    out.add(h | 0);
  }
  return [...out];
}

/** The MinHash signature of a story's headline and lede; undefined when there is no text. */
export function minhashSignature(title: string, body: string): Int32Array | undefined {
  const hashes = shingleHashes(title, body);
  if (hashes.length === 0) return undefined;
  // Signed 32-bit values stay small integers for V8; any fixed order serves MinHash.
  const sig = new Int32Array(SIGNATURE_SIZE).fill(0x7fffffff);
  for (let k = 0; k < hashes.length; k++) {
    const h = hashes[k]!;
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      // A full finalizer a position: cheaper mixes (one multiply) made unrelated stories agree.
      const v = mix32(h ^ SEEDS[i]!);
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of two signatures (0..1). */
export function estimateSimilarity(a: Int32Array, b: Int32Array): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_SIZE;
}
