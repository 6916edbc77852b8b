/**
 * One channel of a digest run: build what it gets from the run's entries, send it, and say
 * which entries the messages it accepted carried. Rendering is deterministic for a run (the
 * entries are sorted, the digest built from them is pure), so the entries of the first N
 * messages are known without asking the channel.
 */
import { createHash } from 'node:crypto';
import type { Config } from '../config/schema.js';
import { own } from '../config/lookup.js';
import { buildDigest } from '../digest/build-digest.js';
import type { Digest } from '../digest/types.js';
import { WirewatchError } from '../errors.js';
import { channelFor } from '../notify/channels.js';
import { deliverDigest } from '../notify/deliver.js';
import { digestPartKeys } from '../notify/parts.js';
import type { DigestRun, PendingEntry, SentEntry } from '../store/digest-store.js';
import type { StoredItem, StoredMatch } from '../types.js';
import type { WorkerContext } from './context.js';
import { channelReport, type ChannelOutcome } from './digest-outcome.js';
import type { RunOwnership } from './run-owner.js';

/** No digest of that name (an unknown or inherited name): retrying cannot help. */
export class UnknownDigestError extends WirewatchError {
  constructor(name: string) {
    super('digest', `no digest "${name}" in digests.yaml`, { permanent: true });
  }
}

/** What one channel of a run is to be sent. */
export interface ChannelBuild {
  entries: PendingEntry[];
  digest: Digest;
  /** Item keys whose records expired: nothing to send for them. */
  missing: string[];
  /** Per message of the delivery, in order: the item keys of the entries it completes. */
  partKeys: string[][];
}

export async function buildChannel(ctx: WorkerContext, config: Config, run: DigestRun, channel: string): Promise<ChannelBuild> {
  const entries = await ctx.store.digests.runEntries(run.runId, channel);
  const { digest, missing } = await buildForEntries(ctx, config, run, entries);
  return { entries, digest, missing, partKeys: digestPartKeys(channelFor(config, channel)!, digest) };
}

/** The entries the first `parts` messages carried, each with its message number, in sending order. */
export function entriesSent(build: ChannelBuild, parts: number): SentEntry[] {
  const byKey = new Map<string, PendingEntry[]>();
  for (const e of build.entries) byKey.set(e.itemKey, [...(byKey.get(e.itemKey) ?? []), e]);
  return build.partKeys.slice(0, parts).flatMap((keys, p) => keys.flatMap((k) => (byKey.get(k) ?? []).map((e) => ({ ...e, part: p + 1 }))));
}

/**
 * A signature of what the first `parts` messages carry, message by message. A resumed attempt
 * compares it with the one recorded when those messages were accepted: rendering is the same
 * for the same entries and settings, but an item whose record expired, or a changed maxItems
 * or minScore, moves entries between messages.
 */
export function partSignature(build: ChannelBuild, parts: number): string {
  return createHash('sha256').update(JSON.stringify(build.partKeys.slice(0, parts))).digest('hex').slice(0, 16);
}

/** Where a resumed delivery goes on: after the accepted messages, and under which revision of its id. */
export interface ResumePoint {
  fromPart: number;
  revision: number;
}

/** Sends the channel's messages from `from.fromPart` on and records the delivery (the lease checked in the same step). */
export async function sendChannel(ctx: WorkerContext, config: Config, run: DigestRun, channel: string, build: ChannelBuild, from: ResumePoint, owner: RunOwnership): Promise<ChannelOutcome> {
  const { digest, entries, missing } = build;
  const deferred = new Set(digest.deferredKeys);
  const requeue = entries.filter((e) => deferred.has(e.itemKey));
  const settled = [...digest.itemKeys, ...digest.droppedKeys, ...missing];
  const receipt = digest.itemKeys.length > 0
    ? await deliverDigest(channel, channelFor(config, channel)!, digest, {
      fromPart: from.fromPart, stdout: ctx.stdout, signal: owner.signal, ...(from.revision ? { revision: from.revision } : {}),
    })
    : undefined;
  const sentKeys = new Set(digest.itemKeys);
  const report = channelReport(digest, receipt, new Set([...digest.droppedKeys, ...missing].filter((k) => !sentKeys.has(k))).size);
  const sent = receipt ? entriesSent(build, build.partKeys.length) : [];
  await ctx.store.digests.markDelivered(owner, run.digest, channel, { settled, requeue, sent }, {
    items: report.items ?? 0, entries: report.entries ?? 0, messages: report.messages ?? 0, heldBack: report.heldBack ?? 0,
    skipped: report.skipped ?? 0, detail: report.detail ?? '',
  });
  return report;
}

/** Loads the run's items and matches and builds the digest. Entries whose records expired are reported as missing. */
export async function buildForEntries(ctx: WorkerContext, config: Config, run: { digest: string; runId: string; scheduledFor: string }, entries: PendingEntry[]): Promise<{ digest: Digest; missing: string[] }> {
  const spec = own(config.digests.digests, run.digest);
  if (!spec) throw new UnknownDigestError(run.digest);
  const loaded: Array<{ item: StoredItem; match: StoredMatch }> = [];
  const missing: string[] = [];
  // In a fixed order (Redis hands set members in any): a resumed run renders the same messages,
  // so each part carries the same items under the same delivery id.
  const ordered = [...entries].sort((a, b) => (a.itemKey < b.itemKey ? -1 : a.itemKey > b.itemKey ? 1 : a.watchlist < b.watchlist ? -1 : 1));
  for (const e of ordered) {
    const [item, match] = await Promise.all([ctx.store.items.get(e.itemKey), ctx.store.items.getMatch(e.watchlist, e.itemKey)]);
    if (item && match) loaded.push({ item, match });
    else missing.push(e.itemKey);
  }
  const watchlists = Object.fromEntries(spec.watchlists.map((w) => [w, { description: own(config.watchlists.watchlists, w)?.description }]));
  const digest = buildDigest({
    name: run.digest, runId: run.runId, scheduledFor: run.scheduledFor, timezone: spec.timezone,
    entries: loaded, watchlists, maxItems: spec.maxItems, minScore: spec.minScore, clusterThreshold: spec.clusterThreshold,
  });
  return { digest, missing };
}
