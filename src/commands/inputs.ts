/**
 * What `poll`, `extract` and `classify` read: a URL (fetched), a file, or `-` for stdin.
 * A `.html`/`.htm` file or an HTML response is a page; any other file is plain text whose first
 * line is the title and the rest the body. URLs typed on the command line are the user's own
 * choice, so they may point at private addresses; feeds and their links may not.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config } from '../config/schema.js';
import { WirewatchError } from '../errors.js';
import { fetchResource } from '../fetch/fetch-resource.js';
import { formatBytes } from '../fetch/read-body.js';

export type Input =
  | { source: string; kind: 'bytes'; body: Buffer; url?: string; contentType?: string; html: boolean }
  | { source: string; kind: 'text'; title: string; body: string };

export class InputError extends WirewatchError {
  constructor(message: string) {
    super('input', message, { permanent: true });
  }
}

export const isUrl = (s: string) => /^https?:\/\//i.test(s);

/**
 * Reads one input as bytes (URLs and files): what `poll` wants. A URL the user typed is
 * `trusted` (may reach private addresses); a configured feed's is held to the config's policy.
 */
export async function readBytes(source: string, config: Config, accept?: string, opts: { trusted?: boolean } = {}): Promise<{ body: Buffer; url: string; contentType?: string }> {
  if (isUrl(source) || source.startsWith('file:')) {
    const allowPrivateNetworks = (opts.trusted ?? true) || config.feeds.fetch.allowPrivateNetworks;
    const res = await fetchResource(source, { ...config.feeds.fetch, allowPrivateNetworks, accept });
    if (res.kind !== 'ok') throw new InputError(`${source}: server answered 304 to an unconditional request`);
    return { body: res.body, url: res.url, contentType: res.contentType };
  }
  let size: number;
  try {
    size = (await stat(source)).size;
  } catch (err) {
    throw new InputError(`cannot read ${source}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  // The same cap as a fetched body: a file is read whole into memory.
  if (size > config.feeds.fetch.maxBytes) throw new InputError(`${source} is over the ${formatBytes(config.feeds.fetch.maxBytes)} limit (fetch.maxBytes)`);
  try {
    return { body: await readFile(source), url: pathToFileURL(await realpath(source)).href };
  } catch (err) {
    throw new InputError(`cannot read ${source}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}

/** Reads one input as a page or a text, for `extract` and `classify`. */
export async function readInput(source: string, config: Config, stdin: NodeJS.ReadableStream): Promise<Input> {
  if (source === '-') return splitText(source, await readStream(stdin, config.feeds.fetch.maxBytes));
  const { body, url, contentType } = await readBytes(source, config, 'text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5');
  const fromWeb = isUrl(source);
  const html = fromWeb ? /html|xml/i.test(contentType ?? 'text/html') : /^\.html?$/i.test(extname(source));
  if (html) return { source, kind: 'bytes', body, url, contentType, html: true };
  if (fromWeb && !/^text\//i.test(contentType ?? '')) throw new InputError(`${source}: not a page or text (content type ${contentType})`);
  return splitText(source, body.toString('utf8'));
}

function splitText(source: string, text: string): Input {
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const newline = clean.indexOf('\n');
  const title = (newline === -1 ? clean : clean.slice(0, newline)).trim();
  const body = newline === -1 ? '' : clean.slice(newline + 1).trim();
  if (!title && !body) throw new InputError(`${source}: empty input`);
  return { source, kind: 'text', title, body };
}

async function readStream(stream: NodeJS.ReadableStream, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += bytes.length;
    if (total > maxBytes) throw new InputError(`standard input is over the ${formatBytes(maxBytes)} limit (fetch.maxBytes)`);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}
