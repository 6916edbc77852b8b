/**
 * A YAML file parsed with its positions kept, so that any problem found later (schema,
 * cross-references, a watch-list query) can be reported at file:line:col.
 */
import { readFileSync } from 'node:fs';
import { Document, isMap, isPair, isScalar, LineCounter, parseDocument, visit, type Node } from 'yaml';
import type { ConfigProblem } from '../errors.js';
import { isSecretName, registerSecret } from '../redact.js';

export type YamlPath = ReadonlyArray<string | number>;

export class YamlSource {
  readonly file: string;
  readonly doc: Document.Parsed;
  private readonly lines: LineCounter;

  private constructor(file: string, doc: Document.Parsed, lines: LineCounter, private readonly sourceText: string) {
    this.file = file;
    this.doc = doc;
    this.lines = lines;
  }

  /** Parses `text`; syntax errors come back as problems rather than exceptions. */
  static parse(file: string, text: string): { source: YamlSource; problems: ConfigProblem[] } {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
    const source = new YamlSource(file, doc, lines, text);
    const problems = doc.errors.map((e) => {
      const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
      // yaml appends a code excerpt after the first line; one line is what a terminal wants.
      const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      return { file, line: pos.line, col: pos.col, message: `invalid YAML: ${message}` };
    });
    return { source, problems };
  }

  static read(file: string, label: string): { source: YamlSource; problems: ConfigProblem[] } {
    return YamlSource.parse(label, readFileSync(file, 'utf8'));
  }

  toJS(): unknown {
    return this.doc.toJS() ?? {};
  }

  /** Problem at an offset into the file. */
  at(offset: number, message: string): ConfigProblem {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, col, message };
  }

  /** Problem at the node for `path`, or at its nearest existing ancestor. */
  atPath(path: YamlPath, message: string, opts: { key?: boolean } = {}): ConfigProblem {
    return this.at(this.offsetOf(path, opts), message);
  }

  /** Offset of the value (or, with key, of the key) at `path`; the nearest ancestor's when absent. */
  offsetOf(path: YamlPath, opts: { key?: boolean } = {}): number {
    for (let depth = path.length; depth > 0; depth--) {
      const sub = path.slice(0, depth);
      if (opts.key && depth === path.length) {
        const keyNode = this.keyNode(sub);
        if (keyNode?.range) return keyNode.range[0];
      }
      const node = this.doc.getIn(sub, true) as Node | undefined;
      if (node?.range) return node.range[0];
      const keyNode = this.keyNode(sub);
      if (keyNode?.range) return keyNode.range[0];
    }
    return (this.doc.contents as Node | null)?.range?.[0] ?? 0;
  }

  /** The scalar node at `path`, for callers that need its exact source span. */
  scalarAt(path: YamlPath): { offset: number; end: number; type?: string } | undefined {
    const node = this.doc.getIn(path, true);
    if (!isScalar(node) || !node.range) return undefined;
    return { offset: node.range[0], end: node.range[1], type: node.type ?? undefined };
  }

  /** The key scalar at `path` (a mapping key), with its source span. */
  keyScalarAt(path: YamlPath): { offset: number; end: number; type?: string } | undefined {
    const node = this.keyNode(path);
    if (!isScalar(node) || !node.range) return undefined;
    return { offset: node.range[0], end: node.range[1], type: node.type ?? undefined };
  }

  /** The file's text (after ${ENV} interpolation positions are unchanged: interpolation edits values, not the text). */
  get text(): string {
    return this.sourceText;
  }

  private keyNode(path: YamlPath): Node | undefined {
    const parent = path.length === 1 ? this.doc.contents : this.doc.getIn(path.slice(0, -1), true);
    if (!isMap(parent)) return undefined;
    const last = path[path.length - 1];
    const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(last));
    return pair && isScalar(pair.key) ? pair.key : undefined;
  }

  /**
   * `__proto__` as a key: JavaScript objects cannot hold it as a name (the schema would drop
   * it without a word), so it is refused where it is written.
   */
  reservedKeys(): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    visit(this.doc, {
      Pair: (_key, pair) => {
        if (isScalar(pair.key) && pair.key.value === '__proto__') {
          problems.push(this.at(pair.key.range?.[0] ?? 0, '"__proto__" cannot be a name (pick another key)'));
        }
      },
    });
    return problems;
  }

  /** Replaces `${NAME}` in every string value with the environment's value. */
  interpolate(env: NodeJS.ProcessEnv): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    visit(this.doc, {
      Scalar: (key, node) => {
        if (key === 'key' || typeof node.value !== 'string' || !node.value.includes('$')) return;
        node.value = interpolateString(node.value, env, (name) => {
          problems.push(this.at(node.range?.[0] ?? 0, `environment variable ${name} is not set (used as \${${name}})`));
        });
      },
    });
    return problems;
  }
}

/**
 * `${NAME}` takes NAME from the environment, `${NAME:-fallback}` falls back when it is unset or
 * empty, and `$${` writes a literal `${`.
 */
export function interpolateString(text: string, env: NodeJS.ProcessEnv, missing: (name: string) => void): string {
  return text.replace(/\$(\$?)\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (whole, escape: string, name: string, fallback?: string) => {
    if (escape) return whole.slice(1);
    // Own keys only: ${constructor} or ${__proto__} must not find Object's members.
    const value = Object.hasOwn(env, name) ? env[name] : undefined;
    if (value !== undefined && value !== '') {
      if (isSecretName(name)) registerSecret(value);
      return value;
    }
    if (fallback !== undefined) return fallback;
    missing(name);
    return '';
  });
}
