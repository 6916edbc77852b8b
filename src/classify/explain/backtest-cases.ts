/**
 * Reads a backtest cases file:
 *
 *   cases:
 *     - id: isis-sirte
 *       title: ISIS fighters return to Sirte      # optional
 *       text: |                                    # or file: path/to/article.txt (or .html)
 *         ...
 *       must: [isis-north-africa]
 *       mustNot: [arms-diversion]
 *
 * A case gives `text` or `file` (resolved by the caller, relative to the cases file). Every
 * problem is reported at file:line:col.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { ConfigError, type ConfigProblem } from '../../errors.js';

/** A case as written: its text, or a file for the caller to read. */
export interface BacktestCaseSpec {
  id: string;
  title?: string;
  text?: string;
  file?: string;
  must: string[];
  mustNot: string[];
}

const KEYS = new Set(['id', 'title', 'text', 'file', 'must', 'mustNot']);

function problemAt(file: string, lines: LineCounter, node: Node | null | undefined, message: string): ConfigProblem {
  const { line, col } = lines.linePos(node?.range?.[0] ?? 0);
  return { file, line, col, message };
}

function stringList(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

function readCase(raw: Record<string, unknown>, index: number, report: (message: string) => void): BacktestCaseSpec | undefined {
  for (const key of Object.keys(raw)) if (!KEYS.has(key)) report(`unknown key "${key}" in case ${index + 1} (expected ${[...KEYS].join(', ')})`);
  const id = typeof raw.id === 'string' || typeof raw.id === 'number' ? String(raw.id) : `case-${index + 1}`;
  const must = stringList(raw.must);
  const mustNot = stringList(raw.mustNot);
  if (!must || !mustNot) { report(`case ${id}: must and mustNot are lists of watch-list ids`); return undefined; }
  if (typeof raw.text !== 'string' && typeof raw.file !== 'string') { report(`case ${id}: needs text or file`); return undefined; }
  if (must.length + mustNot.length === 0) report(`case ${id}: label it with must or mustNot`);
  const spec: BacktestCaseSpec = { id, must, mustNot };
  if (typeof raw.title === 'string') spec.title = raw.title;
  if (typeof raw.text === 'string') spec.text = raw.text;
  if (typeof raw.file === 'string') spec.file = raw.file;
  return spec;
}

/** Parses the cases; throws ConfigError with every problem found. */
export function parseBacktestCases(yamlText: string, file: string): BacktestCaseSpec[] {
  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines });
  const problems: ConfigProblem[] = doc.errors.map((e) => ({ file, line: e.linePos?.[0].line ?? 1, col: e.linePos?.[0].col ?? 1, message: e.message.split('\n')[0]! }));
  if (problems.length) throw new ConfigError(problems);
  const root = doc.contents;
  const casesNode = isMap(root) ? root.get('cases', true) : undefined;
  if (!isSeq(casesNode)) throw new ConfigError([problemAt(file, lines, root as Node, 'expected a top-level "cases:" list')]);
  const out: BacktestCaseSpec[] = [];
  const seen = new Set<string>();
  casesNode.items.forEach((item, index) => {
    const report = (message: string) => problems.push(problemAt(file, lines, item as Node, message));
    if (!isMap(item)) return report(`case ${index + 1}: expected a mapping with id, text or file, must, mustNot`);
    const spec = readCase(item.toJSON() as Record<string, unknown>, index, report);
    if (!spec) return;
    if (seen.has(spec.id)) report(`duplicate case id "${spec.id}"`);
    seen.add(spec.id);
    out.push(spec);
  });
  if (problems.length) throw new ConfigError(problems);
  return out;
}
