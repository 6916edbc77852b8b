/**
 * Digest run ids: `<digest>-<YYYYMMDDTHHMMSSZ>-<6 characters>`, readable and unique. A run
 * started by hand (`digest send`, the dashboard) gets 6 random characters; a scheduled run gets
 * 6 characters derived from its BullMQ job id, so every attempt of that job, even after Redis
 * lost its last writes, works under the same id and a receiver sees the same delivery ids.
 */
import { createHash, randomInt } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `2026-11-21T07:00:00.000Z` (or its epoch ms) -> `20261121T070000Z`. */
export function compactStamp(time: number | string | Date): string {
  const ms = typeof time === 'number' ? time : new Date(time).getTime();
  return new Date(Number.isFinite(ms) ? ms : Date.now()).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** A new run id with a random part: two runs started in the same millisecond still differ. */
export function newRunId(digest: string, at: number | Date = Date.now()): string {
  let tail = '';
  for (let i = 0; i < 6; i++) tail += ALPHABET[randomInt(ALPHABET.length)];
  return `${digest}-${compactStamp(at instanceof Date ? at.getTime() : at)}-${tail}`;
}

/** The run id of a scheduled job: the same for every attempt of that job. */
export function scheduledRunId(digest: string, scheduledMs: number, jobId: string): string {
  const digestBytes = createHash('sha256').update(jobId).digest();
  let tail = '';
  for (let i = 0; i < 6; i++) tail += ALPHABET[digestBytes[i]! % ALPHABET.length];
  return `${digest}-${compactStamp(scheduledMs)}-${tail}`;
}
