/**
 * Writes a suggestion into watchlists.yaml without disturbing the rest of the file: the
 * yaml Document API finds each node to change (query, threshold, weights, an entity's
 * aliases) and where it sits in the text, and only those spans are rewritten, so comments,
 * alignment and quoting elsewhere stay byte for byte. The result is parsed back and checked.
 */
import { isMap, isScalar, isSeq, parseDocument, Scalar, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { WatchlistConfig } from '../config/schema.js';
import { WirewatchError } from '../errors.js';

export class EditError extends WirewatchError {
  constructor(message: string) {
    super('suggest', message, { permanent: true });
  }
}

/** What to change in the file. */
export interface WatchlistEdit {
  watchlist: string;
  query: string;
  threshold: number;
  /** Weight entries to add. */
  addWeights: Record<string, number>;
  /** Weight entries the watch-list has, with new values. */
  changeWeights?: Record<string, number>;
  /** Entity -> aliases to add. */
  addAliases: Record<string, string[]>;
}

interface Splice { at: number; end: number; text: string }

const PLAIN = /^[A-Za-z0-9][A-Za-z0-9 _./-]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

/** A YAML scalar for `value`: plain when that reads back the same, else single-quoted. */
export function yamlScalar(value: string | number): string {
  if (typeof value === 'number') return String(value);
  if (PLAIN.test(value) && !RESERVED.test(value) && !/^[\d.+-]+$/.test(value) && !value.endsWith(' ')) return value;
  return `'${value.replace(/'/g, "''")}'`;
}

/** The scalar rewritten in its own quoting style when it can hold the value. */
function scalarText(node: Scalar, value: string | number): string {
  if (typeof value === 'string' && node.type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  if (typeof value === 'string' && node.type === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  return yamlScalar(value);
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

function indentOf(text: string, at: number): string {
  return /^[ ]*/.exec(text.slice(lineStart(text, at)))![0];
}

function endOfLine(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  return nl < 0 ? text.length : nl + 1;
}

/** Splices a new `key: value` entry into a map, flow or block, after its last entry. */
function addToMap(text: string, map: YAMLMap, key: string, value: string): Splice {
  const last = map.items[map.items.length - 1] as Pair<Node, Node> | undefined;
  const lastEnd = (last?.value ?? last?.key)?.range?.[1] ?? map.range![1];
  if (map.flow) {
    const close = text.lastIndexOf('}', map.range![1]);
    return map.items.length ? { at: lastEnd, end: lastEnd, text: `, ${key}: ${value}` } : { at: close, end: close, text: ` ${key}: ${value} ` };
  }
  const keyAt = (last?.key as Node).range![0];
  const at = endOfLine(text, lastEnd > keyAt ? lastEnd - 1 : keyAt);
  const lead = at === text.length && !text.endsWith('\n') ? '\n' : '';
  return { at, end: at, text: `${lead}${indentOf(text, keyAt)}${key}: ${value}\n` };
}

function addToSeq(text: string, seq: YAMLSeq, values: string[]): Splice {
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  if (seq.flow || !last) {
    const close = text.lastIndexOf(']', seq.range![1]);
    const sep = seq.items.length ? ', ' : '';
    return { at: last ? last.range![1] : close, end: last ? last.range![1] : close, text: sep + values.join(', ') };
  }
  const at = endOfLine(text, last.range![1] - 1);
  const indent = indentOf(text, last.range![0]);
  const lead = at === text.length && !text.endsWith('\n') ? '\n' : '';
  return { at, end: at, text: lead + values.map((v) => `${indent}- ${v}\n`).join('') };
}

function mapAt(doc: Document, path: string[], what: string): YAMLMap {
  const node = doc.getIn(path, true);
  if (!isMap(node)) throw new EditError(`watchlists.yaml: ${what} is not a mapping`);
  return node;
}

function splicesFor(text: string, doc: Document, e: WatchlistEdit): Splice[] {
  const wl = mapAt(doc, ['watchlists', e.watchlist], `watchlists.${e.watchlist}`);
  const out: Splice[] = [];
  const query = wl.get('query', true);
  if (!isScalar(query)) throw new EditError(`watchlists.yaml: watchlists.${e.watchlist}.query is not a string`);
  if (query.value !== e.query) out.push({ at: query.range![0], end: query.range![1], text: scalarText(query, e.query) });
  const weights = Object.entries(e.addWeights);
  const node = wl.get('weights', true);
  for (const [k, w] of Object.entries(e.changeWeights ?? {})) {
    const value = isMap(node) ? node.get(k, true) : undefined;
    if (!isScalar(value)) throw new EditError(`watchlists.yaml: watchlists.${e.watchlist}.weights has no number for ${k}`);
    out.push({ at: value.range![0], end: value.range![1], text: String(w) });
  }
  if (weights.length) {
    if (node === undefined) out.push(addToMap(text, wl, 'weights', `{ ${weights.map(([k, w]) => `${yamlScalar(k)}: ${w}`).join(', ')} }`));
    else if (!isMap(node)) throw new EditError(`watchlists.yaml: watchlists.${e.watchlist}.weights is not a mapping`);
    else for (const [k, w] of weights) out.push(addToMap(text, node, yamlScalar(k), String(w)));
  }
  for (const [entity, aliases] of Object.entries(e.addAliases)) {
    const map = mapAt(doc, ['entities', entity], `entities.${entity}`);
    const seq = map.get('aliases', true);
    if (isSeq(seq)) out.push(addToSeq(text, seq, aliases.map(yamlScalar)));
    else out.push(addToMap(text, map, 'aliases', `[${aliases.map(yamlScalar).join(', ')}]`));
  }
  // Last: a new threshold key goes after the weights' new entries when both land at the map's end.
  const threshold = wl.get('threshold', true);
  if (isScalar(threshold)) {
    if (threshold.value !== e.threshold) out.push({ at: threshold.range![0], end: threshold.range![1], text: String(e.threshold) });
  } else if (e.threshold !== 0) out.push(addToMap(text, wl, 'threshold', String(e.threshold)));
  return out;
}

/** The file with the edit applied; everything else in it unchanged. */
export function editWatchlistsYaml(text: string, e: WatchlistEdit, expected: { watchlist: WatchlistConfig; aliases: Record<string, string[]> }): string {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length) throw new EditError(`watchlists.yaml: ${doc.errors[0]!.message.split('\n')[0]}`);
  // Apply from the end of the file back, so earlier offsets stay valid; of insertions at one spot the
  // first listed is applied last and so comes first in the text.
  const splices = splicesFor(text, doc, e).map((s, i) => ({ ...s, i })).sort((a, b) => b.at - a.at || b.i - a.i);
  let out = text;
  for (const s of splices) out = out.slice(0, s.at) + s.text + out.slice(s.end);
  check(out, e.watchlist, expected);
  return out;
}

/** The edited file must read back as the suggested watch-list and aliases; a mismatch is a bug, not a result. */
function check(text: string, watchlist: string, expected: { watchlist: WatchlistConfig; aliases: Record<string, string[]> }): void {
  const doc = parseDocument(text);
  const json = doc.toJSON() as { watchlists?: Record<string, Record<string, unknown>>; entities?: Record<string, { aliases?: string[] }> };
  const got = json.watchlists?.[watchlist];
  const want = expected.watchlist;
  const same = doc.errors.length === 0 && got?.query === want.query && (got?.threshold ?? 0) === want.threshold
    && JSON.stringify(got?.weights ?? null) === JSON.stringify(want.weights ?? null)
    && Object.entries(expected.aliases).every(([e, a]) => JSON.stringify(json.entities?.[e]?.aliases ?? []) === JSON.stringify(a));
  if (!same) throw new EditError(`could not write the suggestion into watchlists.yaml as intended (watch-list ${watchlist}); nothing was written`);
}
