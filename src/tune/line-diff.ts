/** A unified diff of two texts by lines (longest common subsequence), for showing a suggested change. */

type Op = { kind: ' ' | '-' | '+'; line: string; a: number; b: number };

function ops(a: string[], b: string[]): Op[] {
  // Common head and tail first: a suggestion changes a few lines of a long file.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail), y = b.slice(head, b.length - tail);
  const lcs = Array.from({ length: x.length + 1 }, () => new Int32Array(y.length + 1));
  for (let i = x.length - 1; i >= 0; i--) for (let j = y.length - 1; j >= 0; j--) {
    lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const out: Op[] = a.slice(0, head).map((line, k) => ({ kind: ' ', line, a: k, b: k }));
  let i = 0, j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) { out.push({ kind: ' ', line: x[i]!, a: head + i++, b: head + j++ }); }
    else if (i < x.length && (j === y.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) out.push({ kind: '-', line: x[i]!, a: head + i++, b: head + j });
    else out.push({ kind: '+', line: y[j]!, a: head + i, b: head + j++ });
  }
  for (let k = 0; k < tail; k++) out.push({ kind: ' ', line: a[a.length - tail + k]!, a: a.length - tail + k, b: b.length - tail + k });
  return out;
}

/** `--- name` / `+++ name` and hunks with `context` lines around each change; '' when the texts are equal. */
export function unifiedDiff(before: string, after: string, names: [string, string], context = 3): string {
  const split = (t: string) => (t.endsWith('\n') ? t.slice(0, -1) : t).split('\n');
  const all = ops(split(before), split(after));
  const changed = all.flatMap((o, k) => (o.kind === ' ' ? [] : [k]));
  if (changed.length === 0) return '';
  const lines = [`--- ${names[0]}`, `+++ ${names[1]}`];
  let k = 0;
  while (k < changed.length) {
    const from = Math.max(0, changed[k]! - context);
    let to = Math.min(all.length, changed[k]! + context + 1);
    while (k + 1 < changed.length && changed[k + 1]! - context <= to) to = Math.min(all.length, changed[++k]! + context + 1);
    k++;
    const hunk = all.slice(from, to);
    const aLen = hunk.filter((o) => o.kind !== '+').length, bLen = hunk.filter((o) => o.kind !== '-').length;
    lines.push(`@@ -${hunk[0]!.a + (aLen ? 1 : 0)},${aLen} +${hunk[0]!.b + (bLen ? 1 : 0)},${bLen} @@`);
    for (const o of hunk) lines.push(o.kind + o.line);
  }
  return lines.join('\n') + '\n';
}
