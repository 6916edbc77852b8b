/**
 * One digest run as its page shows it: per channel the status, the counts, where it went, the
 * delivery ids its messages carried, and the items it was sent (read back from the stored
 * items; those whose records expired are listed as expired).
 */
import { digestByName } from '../../config/lookup.js';
import type { ChannelRun, SentEntry } from '../../store/digest-store.js';
import { redactValue } from '../../redact.js';
import type { WorkerContext } from '../../workers/context.js';
import { RequestError } from '../errors.js';
import { inChannelOrder } from './digests.js';

/** An item one channel of the run was sent. */
export interface SentItem {
  key: string;
  /** Watch-lists of the digest that matched it (a story two matched is one item). */
  watchlists: string[];
  /** The message of the delivery that carried it, from 1. */
  part: number;
  /** Its record is past retention: only the key is left. */
  expired: boolean;
  title?: string;
  url?: string;
  feedId?: string;
  /** The best score among its matches still stored. */
  score?: number;
}

export interface RunChannel extends ChannelRun {
  name: string;
  /** The ids of the messages the channel accepted: `<run id>.<channel>.<N>`. */
  deliveryIds: string[];
  sent: SentItem[];
  /** Sent items left off the page (a very large run). */
  sentMore: number;
}

export interface RunDetail {
  digest: string;
  runId: string;
  scheduledFor: string;
  createdAt: string;
  channels: RunChannel[];
}

/** What a run id can be: `<digest>-<YYYYMMDDTHHMMSSZ>-<6 characters>`, a digest name being letters, digits, `.`, `-`, `_`. */
export const RUN_ID = /^[A-Za-z0-9._-]{1,200}$/;

/** Items listed per channel; a run past this many is cut, with the count left off. */
export const SENT_SHOWN = 500;

/** The run `runId` of the digest `name`, or a 404 (an unknown digest, an unknown run, or a run of another digest). */
export async function loadRun(ctx: WorkerContext, name: string, runId: string): Promise<RunDetail> {
  // Own keys only: "constructor" or "__proto__" name no digest.
  const spec = digestByName(ctx.live.current().config, name);
  if (!spec) throw new RequestError(404, `no digest "${name}"`);
  // Run ids are letters, digits, dots, dashes and underscores: anything else (a `:` would name
  // another of the run's keys) is no run.
  const run = RUN_ID.test(runId) ? await ctx.store.digests.getRun(runId) : undefined;
  if (!run || run.digest !== name) throw new RequestError(404, `no run "${runId}" of digest "${name}" (runs are kept as long as items, then expire)`);
  const channels = await Promise.all(Object.entries(inChannelOrder(run.channels, spec.channels)).map(async ([channel, state]) => {
    const entries = await ctx.store.digests.sentEntries(run.runId, channel);
    const items = groupByItem(entries);
    const shown = await describeItems(ctx, items.slice(0, SENT_SHOWN));
    // Errors and details quote webhook URLs, whose path or query is often the secret.
    return { ...redactValue(state), name: channel, deliveryIds: deliveryIds(run.runId, channel, state), sent: shown, sentMore: Math.max(0, items.length - SENT_SHOWN) };
  }));
  return { digest: run.digest, runId: run.runId, scheduledFor: run.scheduledFor, createdAt: run.createdAt, channels };
}

/** Messages the channel accepted: all of a delivered channel's, the counted ones of a failed or claimed one. */
function deliveryIds(runId: string, channel: string, state: ChannelRun): string[] {
  const accepted = state.status === 'delivered' ? state.messages ?? 0 : state.parts;
  const revision = state.revision ? `.r${state.revision}` : '';
  return Array.from({ length: accepted }, (_, i) => `${runId}.${channel}${revision}.${i + 1}`);
}

function groupByItem(entries: SentEntry[]): Array<{ key: string; watchlists: string[]; part: number }> {
  const byKey = new Map<string, { key: string; watchlists: string[]; part: number }>();
  for (const e of entries) {
    const seen = byKey.get(e.itemKey);
    if (seen) seen.watchlists.push(e.watchlist);
    else byKey.set(e.itemKey, { key: e.itemKey, watchlists: [e.watchlist], part: e.part });
  }
  return [...byKey.values()];
}

async function describeItems(ctx: WorkerContext, items: Array<{ key: string; watchlists: string[]; part: number }>): Promise<SentItem[]> {
  // Expired records are left out of getMany: matched up by key.
  const stored = new Map((await ctx.store.items.getMany(items.map((i) => i.key))).map((item) => [item.key, item]));
  return Promise.all(items.map(async (it) => {
    const item = stored.get(it.key);
    if (!item) return { ...it, expired: true };
    const matches = await Promise.all(it.watchlists.map((w) => ctx.store.items.getMatch(w, it.key)));
    const scores = matches.flatMap((m) => (m ? [m.score] : []));
    return {
      ...it, expired: false, title: item.title, url: item.url, feedId: item.feedId,
      ...(scores.length ? { score: Math.max(...scores) } : {}),
    };
  }));
}
