/**
 * The file channel: one Markdown file a run in `dir`, named `<name>-<YYYYMMDDTHHMMSSZ>.md`.
 * Written to a temp file and renamed, so a reader (or a crash) never sees half a digest; a
 * retry of the same run renames over the same name, so it never makes a second file.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
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

export async function sendFile(dir: string, baseName: string, doc: RenderDoc): Promise<{ parts: number; detail: string }> {
  const path = join(dir, `${baseName}.md`);
  const tmp = join(dir, `.${baseName}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(tmp, renderMarkdown(doc).join('\n'), { encoding: 'utf8', flag: 'wx' });
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    // A full disk or a missing mount may clear up; a retry costs nothing.
    throw new DeliveryError(`file: cannot write ${path}: ${(err as Error).message}`, { retryable: true, cause: err });
  }
  return { parts: 1, detail: path };
}
