/**
 * Digest run ids as people read them. An id is `<digest>-<YYYYMMDDTHHMMSSZ>-<6 characters>`:
 * shown as its time in the page's zone and its six characters, the whole id in monospace on
 * hover; an id of another shape is shown as it is.
 */
import { html, type SafeHtml } from '../html.js';
import { absoluteTime, pageZone } from './time.js';

const RUN_ID = /^(.+)-(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z-([a-z0-9]{6})$/;

/** The run's start time (epoch ms) and its random tail, when the id has the usual shape. */
export function parseRunId(runId: string): { ms: number; tail: string } | undefined {
  const m = RUN_ID.exec(runId);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[2]), Number(m[3]) - 1, Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7]));
  return Number.isNaN(ms) ? undefined : { ms, tail: m[8]! };
}

/** `2026-11-21 08:00:00 · k3x9q2` (the time in the page's zone): a run id readable at a glance. */
export function runLabel(runId: string): string {
  const p = parseRunId(runId);
  return p ? `${absoluteTime(p.ms, true)} · ${p.tail}` : runId;
}

export const runPath = (digest: string, runId: string) => `/digests/${encodeURIComponent(digest)}/runs/${encodeURIComponent(runId)}`;

/** The readable label linking to the run's page; the full id and the zone on hover. */
export function runLink(digest: string, runId: string): SafeHtml {
  const zone = parseRunId(runId) ? ` (${pageZone()})` : '';
  return html`<a class="runid" href="${runPath(digest, runId)}" title="${runId}${zone}">${runLabel(runId)}</a>`;
}
