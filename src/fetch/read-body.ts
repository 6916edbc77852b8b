/**
 * Reads a response body while counting: the cap applies to the bytes after decompression,
 * so a small gzip bomb stops at the limit instead of filling memory.
 */
import { FetchError } from './fetch-error.js';

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KB`;
  return `${n} bytes`;
}

export function tooLarge(maxBytes: number, url: string): FetchError {
  return new FetchError(`response over ${formatBytes(maxBytes)} limit`, { permanent: true, url });
}

/** Collects a stream of chunks into one Buffer, failing as soon as it passes maxBytes. */
export async function readCapped(body: AsyncIterable<Uint8Array> | null, maxBytes: number, url: string): Promise<Buffer> {
  if (body === null) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  const iterator = body[Symbol.asyncIterator]();
  try {
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
      total += r.value.byteLength;
      if (total > maxBytes) throw tooLarge(maxBytes, url);
      chunks.push(Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength));
    }
  } catch (err) {
    // Stop the download (and the decompressor) right here rather than draining it.
    await iterator.return?.().catch(() => undefined);
    throw err;
  }
  return Buffer.concat(chunks, total);
}
