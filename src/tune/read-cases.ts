/** Reads a backtest cases file for the tuning commands: `text:` as is, `file:` relative to the cases file (.html extracted). */
import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { parseBacktestCases, type BacktestCase } from '../classify/index.js';
import { WirewatchError } from '../errors.js';
import { extractArticle } from '../extract/extract-article.js';

export class CasesError extends WirewatchError {
  constructor(message: string) {
    super('input', message, { permanent: true });
  }
}

export async function readCases(casesFile: string): Promise<BacktestCase[]> {
  const text = await readFile(casesFile, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new CasesError(`cannot read ${casesFile}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
  });
  return Promise.all(parseBacktestCases(text, casesFile).map(async (spec): Promise<BacktestCase> => {
    const base = { id: spec.id, must: spec.must, mustNot: spec.mustNot };
    if (spec.text !== undefined) return { ...base, title: spec.title, text: spec.text };
    const path = resolve(dirname(casesFile), spec.file!);
    const bytes = await readFile(path).catch(() => { throw new CasesError(`case ${spec.id}: cannot read ${spec.file}`); });
    if (!/^\.html?$/i.test(extname(path))) return { ...base, title: spec.title, text: bytes.toString('utf8') };
    const article = extractArticle(bytes);
    return { ...base, title: spec.title ?? article.title ?? '', text: article.text };
  }));
}
