/**
 * A small parser for the Prometheus text exposition format (version 0.0.4), strict enough to
 * catch a malformed line: HELP and TYPE lines, samples with escaped label values.
 */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: string;
  help: string;
  samples: Sample[];
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+(-?\d+))?$/;
const SUFFIXES = ['_bucket', '_sum', '_count', '_total', '_created', '_info'];

export function parseExposition(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const family = (name: string) => {
    let f = families.get(name);
    if (!f) families.set(name, (f = { name, type: 'untyped', help: '', samples: [] }));
    return f;
  };
  text.split('\n').forEach((line, i) => {
    if (line === '') return;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) ?(.*)$/.exec(line);
    if (meta) {
      if (meta[1] === 'HELP') family(meta[2]!).help = meta[3]!;
      else family(meta[2]!).type = meta[3]!;
      return;
    }
    if (line.startsWith('#')) return;
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`exposition line ${i + 1} is malformed: ${line}`);
    const value = parseValue(m[3]!, i + 1);
    family(ownerOf(m[1]!, families)).samples.push({ name: m[1]!, labels: parseLabels(m[2] ?? '', i + 1), value });
  });
  return families;
}

function ownerOf(sample: string, families: Map<string, Family>): string {
  if (families.has(sample)) return sample;
  for (const s of SUFFIXES) {
    if (sample.endsWith(s) && families.has(sample.slice(0, -s.length))) return sample.slice(0, -s.length);
  }
  return sample;
}

function parseValue(v: string, line: number): number {
  if (v === '+Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  if (v === 'NaN') return NaN;
  const n = Number(v);
  if (Number.isNaN(n)) throw new Error(`exposition line ${line}: bad value ${v}`);
  return n;
}

function parseLabels(text: string, line: number): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest.length > 0) {
    const m = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,?)/.exec(rest);
    if (!m) throw new Error(`exposition line ${line}: bad labels {${text}}`);
    labels[m[1]!] = m[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    rest = rest.slice(m[0].length);
    if (!m[3] && rest.length > 0) throw new Error(`exposition line ${line}: bad labels {${text}}`);
  }
  return labels;
}
