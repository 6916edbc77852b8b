/** Compressed rows in typed arrays: compact, contiguous lists of ids for the hot path. */
import type { Rows } from '../types.js';

/** Packs `count` rows (a missing row is empty). */
export function packRows(rows: readonly (readonly number[] | undefined)[], count = rows.length): Rows {
  const start = new Int32Array(count + 1);
  let total = 0;
  for (let r = 0; r < count; r++) {
    start[r] = total;
    total += rows[r]?.length ?? 0;
  }
  start[count] = total;
  const values = new Int32Array(total);
  for (let r = 0; r < count; r++) values.set(rows[r] ?? [], start[r]!);
  return { start, values };
}
