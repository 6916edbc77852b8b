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

const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(SIGNATURE_SIZE);
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
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

function shingleHashes(title: string, body: string): number[] {
  const words = tokenizeWords(title).concat(tokenizeWords(body).slice(0, LEDE_WORDS));
  if (words.length < SHINGLE_WORDS) return words.length ? [fnv1a(words.join(' '))] : [];
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    out.add(fnv1a(words.slice(i, i + SHINGLE_WORDS).join(' ')));
  }
  return [...out];
}

/** The MinHash signature of a story's headline and lede; undefined when there is no text. */
export function minhashSignature(title: string, body: string): Uint32Array | undefined {
  const hashes = shingleHashes(title, body);
  if (hashes.length === 0) return undefined;
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const h of hashes) {
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const v = fmix32(h ^ SEEDS[i]!);
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of two signatures (0..1). */
export function estimateSimilarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_SIZE;
}
