/**
 * Verdicts as backtest cases: one case per item, `must` for the watch-lists it is relevant to
 * (or should have been flagged by), `mustNot` for those it was a false alarm for. The YAML is
 * the format of config/backtest.yaml, so verdicts can live in config under version control.
 */
import { Document, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { BacktestCase } from '../classify/index.js';
import type { Verdict } from './types.js';

/** Cases in the order of their first verdict; labels sorted so exports diff cleanly. */
export function verdictsToCases(verdicts: Verdict[]): Array<BacktestCase & { verdicts: Verdict[] }> {
  const byItem = new Map<string, Verdict[]>();
  for (const v of [...verdicts].sort((a, b) => a.at.localeCompare(b.at) || a.itemKey.localeCompare(b.itemKey))) {
    const list = byItem.get(v.itemKey) ?? [];
    list.push(v);
    byItem.set(v.itemKey, list);
  }
  return [...byItem].map(([itemKey, list]) => {
    const latest = list[list.length - 1]!;
    const must = list.filter((v) => v.verdict !== 'not-relevant').map((v) => v.watchlist).sort();
    const mustNot = list.filter((v) => v.verdict === 'not-relevant').map((v) => v.watchlist).sort();
    return { id: itemKey, title: latest.title, text: latest.body, must, mustNot, verdicts: list };
  });
}

function provenance(list: Verdict[]): string {
  const first = list[0]!;
  const lines = first.url ? [` ${first.url}`] : [];
  for (const v of list) lines.push(` ${v.watchlist}: ${v.verdict}${v.by ? ` by ${v.by}` : ''} at ${v.at}`);
  return lines.join('\n');
}

function literal(text: string): Scalar {
  const s = new Scalar(text);
  // A block literal keeps the text readable and diffable; YAML cannot hold some characters in one.
  s.type = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufeff]|[ \t]\n|[ \t]$/.test(text) ? Scalar.QUOTE_DOUBLE : Scalar.BLOCK_LITERAL;
  return s;
}

/** The cases file text, each case preceded by a comment saying whose verdicts it holds. */
export function formatCasesYaml(verdicts: Verdict[], header: string): string {
  const doc = new Document({ cases: [] });
  doc.commentBefore = ` ${header}`;
  const seq = doc.get('cases') as YAMLSeq;
  for (const c of verdictsToCases(verdicts)) {
    const map = new YAMLMap();
    map.set('id', c.id);
    map.set('title', c.title);
    map.set('text', literal(c.text));
    if (c.must!.length) map.set('must', doc.createNode(c.must, { flow: true }));
    if (c.mustNot!.length) map.set('mustNot', doc.createNode(c.mustNot, { flow: true }));
    map.commentBefore = provenance(c.verdicts);
    seq.items.push(map);
  }
  return doc.toString({ lineWidth: 0 });
}
