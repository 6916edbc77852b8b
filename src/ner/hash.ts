/** 32-bit hashing of strings and of feature templates (ints in, ints out: no strings in the hot path). */

/** FNV-1a over the UTF-16 code units of s[from..to). */
export function hashRange(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

export function hashString(s: string): number {
  return hashRange(s, 0, s.length);
}

/** Mixes one more int into a running hash (murmur3-style round). */
export function mix(h: number, v: number): number {
  let k = Math.imul(v, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Final avalanche; never 0 (0 marks an empty slot or an absent feature). */
export function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h === 0 ? 1 : h;
}

export function key1(t: number, a: number): number {
  return finish(mix(mix(0x9747b28c, t), a));
}

export function key2(t: number, a: number, b: number): number {
  return finish(mix(mix(mix(0x9747b28c, t), a), b));
}

export function key3(t: number, a: number, b: number, c: number): number {
  return finish(mix(mix(mix(mix(0x9747b28c, t), a), b), c));
}
