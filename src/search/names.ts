/**
 * The recognizer's name spans, kept with an item so that searching and re-judging read the
 * same names classify read when the item arrived, without running the recognizer again
 * (which is most of classification's cost). Packed as [field, start, end, type] rows.
 */
import type { NameSpan, Recognizer } from '../classify/types.js';

export type PackedName = [0 | 1, number, number, NameSpan['type']];

export function packNames(spans: readonly NameSpan[]): PackedName[] {
  return spans.map((s) => [s.field === 'title' ? 0 : 1, s.start, s.end, s.type]);
}

/** A recognizer that answers with the stored spans of one item (its text as stored). */
export function storedRecognizer(packed: readonly PackedName[], title: string, body: string): Recognizer {
  const spans: NameSpan[] = packed.map(([f, start, end, type]) => {
    const field = f === 0 ? 'title' : 'body';
    return { field, start, end, type, text: (f === 0 ? title : body).slice(start, end) };
  });
  return () => spans;
}

/** Wraps a recognizer so the spans it gave for the last document can be read back. */
export function recordingRecognizer(inner: Recognizer): { recognizer: Recognizer; last(): NameSpan[] } {
  let last: NameSpan[] = [];
  return {
    recognizer: (doc) => {
      const out = inner(doc);
      last = out ?? [];
      return out;
    },
    last: () => last,
  };
}
