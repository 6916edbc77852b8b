/** The Teams channel: Adaptive Card payloads to a Workflows webhook. */
import type { RenderDoc } from '../digest/document.js';
import { renderTeams } from '../digest/render-teams.js';
import { postMessages } from './post-messages.js';
import type { DeliverOptions } from './types.js';

/** Teams workflow webhooks take about four requests a second. */
const GAP_MS = 250;

export async function sendTeams(webhook: string, doc: RenderDoc, opts: DeliverOptions) {
  const messages = renderTeams(doc).map((m) => ({ body: JSON.stringify(m) }));
  const parts = await postMessages({ name: 'teams', url: webhook, gapMs: GAP_MS }, messages, opts);
  return { parts, totalParts: messages.length, detail: new URL(webhook).host };
}
