/** Runs one file's YAML through its zod schema and turns every issue into a located problem. */
import type { z } from 'zod';
import type { ConfigProblem } from '../errors.js';
import { allowedKeys, closestKey } from './schema-keys.js';
import type { YamlSource } from './yaml-source.js';

export function validateFile<S extends z.ZodType>(
  source: YamlSource,
  schema: S,
): { value?: z.infer<S>; problems: ConfigProblem[] } {
  let data: unknown;
  try {
    data = source.toJS();
  } catch (err) {
    // yaml refuses documents whose aliases would expand without bound (a "billion laughs").
    return { problems: [source.at(0, `invalid YAML: ${(err as Error).message}`)] };
  }
  const result = schema.safeParse(data);
  if (result.success) return { value: result.data, problems: [] };
  const problems: ConfigProblem[] = [];
  for (const issue of result.error.issues) problems.push(...describeIssue(source, schema, data, issue));
  return { problems };
}

function describeIssue(source: YamlSource, schema: z.ZodType, data: unknown, issue: z.core.$ZodIssue): ConfigProblem[] {
  const path = issue.path as Array<string | number>;
  const where = formatPath(path);
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeys(schema, path, data) ?? [];
    return issue.keys.map((key) => {
      const guess = closestKey(key, allowed);
      const hint = guess ? `did you mean "${guess}"?` : `expected one of: ${allowed.join(', ')}`;
      return source.atPath([...path, key], `unknown key "${key}"${where ? ` in ${where}` : ''}: ${hint}`, { key: true });
    });
  }
  const received = readAt(data, path);
  const missing = issue.code === 'invalid_type' && received === undefined;
  const message = missing ? `${where} is required (${friendly(issue, received)})` : `${where ? `${where}: ` : ''}${friendly(issue, received)}`;
  return [source.atPath(path, message, { key: missing })];
}

function friendly(issue: z.core.$ZodIssue, received: unknown): string {
  if (issue.code === 'invalid_type') return `expected ${issue.expected}${describeReceived(received)}`;
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator) {
    return `unknown ${String(issue.discriminator)}`;
  }
  return issue.message;
}

function describeReceived(input: unknown): string {
  if (input === undefined) return '';
  if (input === null) return ', got nothing';
  if (Array.isArray(input)) return ', got a list';
  if (typeof input === 'object') return ', got a mapping';
  return `, got ${typeof input} ${JSON.stringify(input)}`;
}

function readAt(data: unknown, path: Array<string | number>): unknown {
  let value = data;
  for (const step of path) value = (value as Record<string | number, unknown> | undefined)?.[step];
  return value;
}

/** feeds[2].url, watchlists.isis.query */
export function formatPath(path: ReadonlyArray<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
