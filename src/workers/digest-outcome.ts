/** What a digest run did for each channel, as data and as the one line commands print. */
import type { Digest } from '../digest/types.js';
import type { DeliveryReceipt } from '../notify/types.js';

export interface ChannelOutcome {
  /**
   * delivered; nothing (claimed entries, none to send); empty (nothing pending); failed (given
   * up: back to pending); retrying (kept for a retry or a resume); taken (another process holds
   * the run); interrupted (stopped: resumed later).
   */
  status: 'delivered' | 'nothing' | 'empty' | 'failed' | 'retrying' | 'taken' | 'interrupted';
  items?: number;
  entries?: number;
  messages?: number;
  /** Items over maxItems, back to pending for the next run. */
  heldBack?: number;
  /** Items this digest will never send: under minScore, or their records expired. */
  skipped?: number;
  /** The file written, the host posted to, the message id. */
  detail?: string;
  error?: string;
  attempts?: number;
}

/** A channel's delivery (or its having nothing to send), counted in items: a story two watch-lists matched is one. */
export function channelReport(digest: Digest, receipt: DeliveryReceipt | undefined, skipped: number): ChannelOutcome {
  const heldBack = digest.deferredKeys.length;
  if (!receipt) return { status: 'nothing', items: 0, heldBack, skipped };
  return {
    status: 'delivered', items: digest.itemKeys.length, entries: digest.entryCount, messages: receipt.totalParts, heldBack, skipped,
    ...(receipt.detail ? { detail: receipt.detail } : {}),
  };
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function describeOutcome(o: ChannelOutcome): string {
  switch (o.status) {
    case 'delivered': {
      if (o.entries === undefined) return 'delivered';
      const held = o.heldBack ? `; ${o.heldBack} held back by maxItems for the next run` : '';
      const parts = [`${o.entries} entries, ${plural(o.items ?? 0, 'item')}`, o.messages !== undefined ? plural(o.messages, 'message') : '', o.detail ?? ''];
      return parts.filter(Boolean).join(', ') + held;
    }
    case 'nothing':
      return o.heldBack ? `nothing to send; ${o.heldBack} held back by maxItems` : 'nothing to send';
    case 'empty':
      return o.status;
    case 'failed':
    case 'retrying':
      return `failed: ${o.error ?? 'unknown error'}`;
    default:
      return `${o.status}: ${o.error ?? ''}`.trim();
  }
}
