/**
 * The file channel: one Markdown file a run in `dir`, named after the run id
 * (`<digest>-<YYYYMMDDTHHMMSSZ>-<6 characters>.md`). It never replaces a file: the text is
 * written to a temp file and hard-linked to its name, which fails if the name exists, so a
 * reader (or a crash) never sees half a digest and two runs can never overwrite each other.
 * A retry of the same run finds its own file already there (same text) and counts it as
 * delivered; a different text under that name (two file channels sharing a folder) goes to
 * `<name>-<channel>.md` instead.
 */
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { RenderDoc } from '../digest/document.js';
import { renderMarkdown } from '../digest/render-markdown.js';
import { DeliveryError } from './delivery-error.js';

/** `2026-11-21T07:00:00.000Z` -> `20261121T070000Z`. */
export function fileStamp(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new DeliveryError(`file: bad run time ${JSON.stringify(iso)}`, { retryable: false });
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

export async function sendFile(dir: string, baseName: string, doc: RenderDoc, channelId: string): Promise<{ parts: number; detail: string }> {
  const text = renderMarkdown(doc).join('\n');
  const tmp = join(dir, `.${baseName}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let path = join(dir, `${baseName}.md`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(tmp, text, { encoding: 'utf8', flag: 'wx' });
    if (!(await linkOnce(tmp, path, text))) {
      path = join(dir, `${baseName}-${channelId}.md`);
      if (!(await linkOnce(tmp, path, text))) throw new Error('a different file of this run is already there');
    }
  } catch (err) {
    // A full disk or a missing mount may clear up; a retry costs nothing.
    throw new DeliveryError(`file: cannot write ${path}: ${(err as Error).message}`, { retryable: true, cause: err });
  } finally {
    await rm(tmp, { force: true }).catch(() => undefined);
  }
  return { parts: 1, detail: path };
}

/** Links `tmp` to `path` unless it exists; true when `path` now holds `text` (linked now or by an earlier try). */
async function linkOnce(tmp: string, path: string, text: string): Promise<boolean> {
  try {
    await link(tmp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return (await readFile(path, 'utf8').catch(() => undefined)) === text;
  }
}
