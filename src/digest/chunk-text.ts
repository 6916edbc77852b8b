/**
 * Groups lines into texts of at most `max` characters, in order. A line longer than `max`
 * (a pathological headline or URL) is split across texts rather than cut: nothing is lost.
 */
export function chunkLines(lines: string[], max: number, join = '\n'): string[] {
  const out: string[] = [];
  let cur = '';
  const flush = () => {
    if (cur) out.push(cur);
    cur = '';
  };
  for (const line of lines) {
    const next = cur ? `${cur}${join}${line}` : line;
    if (next.length <= max) {
      cur = next;
      continue;
    }
    flush();
    let rest = line;
    while (rest.length > max) {
      const cut = safeCut(rest, max);
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    cur = rest;
  }
  flush();
  return out;
}

/** A cut at or before `max` that splits no HTML entity, backslash escape or surrogate pair. */
function safeCut(text: string, max: number): number {
  let cut = max;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && amp > max - 12 && text.indexOf(';', amp) >= cut) cut = amp;
  while (cut > 1 && text[cut - 1] === '\\') cut--;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return Math.max(cut, 1);
}
