/**
 * BILOU labels over the four types: 0 is O; type t has B = 1 + 4t, I = 2 + 4t, L = 3 + 4t,
 * U = 4 + 4t. The decoder only walks transitions that make well-formed names.
 */
export const LABELS = 17;
export const B = 0, I = 1, L = 2, U = 3;

export function label(type: number, part: number): number {
  return 1 + 4 * type + part;
}

export function typeOf(lab: number): number {
  return lab === 0 ? -1 : (lab - 1) >> 2;
}

export function partOf(lab: number): number {
  return lab === 0 ? -1 : (lab - 1) & 3;
}

/** allowed[from * LABELS + to] = 1 when `to` may follow `from`. */
export const ALLOWED: Uint8Array = (() => {
  const a = new Uint8Array(LABELS * LABELS);
  for (let from = 0; from < LABELS; from++) {
    for (let to = 0; to < LABELS; to++) a[from * LABELS + to] = follows(from, to) ? 1 : 0;
  }
  return a;
})();

function follows(from: number, to: number): boolean {
  const open = from !== 0 && (partOf(from) === B || partOf(from) === I);
  if (open) return typeOf(to) === typeOf(from) && (partOf(to) === I || partOf(to) === L);
  return to === 0 || partOf(to) === B || partOf(to) === U;
}

export function canStart(lab: number): boolean {
  return lab === 0 || partOf(lab) === B || partOf(lab) === U;
}

export function canEnd(lab: number): boolean {
  return lab === 0 || partOf(lab) === L || partOf(lab) === U;
}

/** Labels for spans [from, to) of type t, written into out (which starts as all O). */
export function encodeSpan(out: Uint8Array, from: number, to: number, t: number): void {
  if (to - from === 1) { out[from] = label(t, U); return; }
  out[from] = label(t, B);
  for (let k = from + 1; k < to - 1; k++) out[k] = label(t, I);
  out[to - 1] = label(t, L);
}
