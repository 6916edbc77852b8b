/**
 * file: URLs, for the offline default config that polls local feed files. Same size cap as
 * HTTP; the file's modification time stands in for Last-Modified so an unchanged file
 * costs no parse, just as a 304 does.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { FetchError } from './fetch-error.js';
import type { FetchResult } from './fetch-resource.js';
import { readCapped, tooLarge } from './read-body.js';

/** Reads a local file with the fetch limits; not-modified when its mtime matches. */
export async function fetchFile(url: URL, maxBytes: number, lastModified?: string): Promise<FetchResult> {
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch (err) {
    throw new FetchError(`bad file URL ${url.href}`, { permanent: true, cause: err, url: url.href });
  }
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new FetchError(`cannot read ${path} (${code ?? 'error'})`, { permanent: code === 'ENOENT', status: code === 'ENOENT' ? 404 : undefined, cause: err, url: url.href });
  }
  if (!info.isFile()) throw new FetchError(`${path} is not a file`, { permanent: true, url: url.href });
  const modified = info.mtime.toUTCString();
  if (lastModified !== undefined && lastModified === modified) return { kind: 'not-modified', url: url.href };
  if (info.size > maxBytes) throw tooLarge(maxBytes, url.href);
  const body = await readCapped(createReadStream(path), maxBytes, url.href);
  return { kind: 'ok', url: url.href, status: 200, body, lastModified: modified };
}
