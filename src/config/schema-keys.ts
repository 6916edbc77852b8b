/**
 * Finds the keys an object schema allows at a path, so an unknown key can be answered with
 * "expected one of ..." and a "did you mean" for the likely typo.
 */
import type { z } from 'zod';

type AnyDef = { type: string; [k: string]: unknown };
const defOf = (s: unknown): AnyDef | undefined => (s as { _zod?: { def: AnyDef } })?._zod?.def;

function unwrap(schema: unknown, data: unknown): unknown {
  let current = schema;
  for (let i = 0; i < 10; i++) {
    const def = defOf(current);
    if (!def) return current;
    if (def.type === 'default' || def.type === 'optional' || def.type === 'nullable' || def.type === 'prefault') current = def.innerType;
    else if (def.type === 'pipe') current = def.in;
    else if (def.type === 'union') current = pickOption(def.options as unknown[], data);
    else return current;
  }
  return current;
}

/** For a discriminated union, the option whose literal matches the data's discriminator. */
function pickOption(options: unknown[], data: unknown): unknown {
  const type = (data as { type?: unknown } | undefined)?.type;
  for (const opt of options) {
    const shape = defOf(opt)?.shape as Record<string, unknown> | undefined;
    const lit = defOf(shape?.type)?.values as unknown[] | undefined;
    if (lit?.includes(type)) return opt;
  }
  return options[0];
}

/** Allowed keys of the object schema at `path` in `data`, or undefined when not an object. */
export function allowedKeys(schema: z.ZodType, path: ReadonlyArray<PropertyKey>, data: unknown): string[] | undefined {
  let current: unknown = schema;
  let value = data;
  for (const step of path) {
    current = unwrap(current, value);
    const def = defOf(current);
    if (!def) return undefined;
    if (def.type === 'object') current = (def.shape as Record<string, unknown>)[String(step)];
    else if (def.type === 'array') current = def.element;
    else if (def.type === 'record') current = def.valueType;
    else return undefined;
    value = (value as Record<PropertyKey, unknown> | undefined)?.[step as string];
  }
  const def = defOf(unwrap(current, value));
  return def?.type === 'object' ? Object.keys(def.shape as object) : undefined;
}

/** The allowed key closest to `key` by edit distance, when close enough to be a typo. */
export function closestKey(key: string, allowed: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const candidate of allowed) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}
