/**
 * The Telegram channel: Bot API sendMessage in HTML parse mode. The bot token is part of the
 * URL, so it is kept out of every message and receipt.
 */
import type { RenderDoc } from '../digest/document.js';
import { renderTelegram } from '../digest/render-telegram.js';
import { postMessages } from './post-messages.js';
import type { DeliverOptions } from './types.js';

/** Telegram allows about one message a second to one chat. */
const GAP_MS = 1_000;
const DEFAULT_API = 'https://api.telegram.org';

export interface TelegramTarget {
  token: string;
  chatId: string | number;
  apiUrl?: string;
}

/** A 200 from the Bot API still says ok:false when the message was refused. */
function checkAnswer(body: string): string | undefined {
  try {
    const json = JSON.parse(body) as { ok?: boolean; description?: string };
    return json.ok === true ? undefined : `telegram refused the message: ${json.description ?? 'ok is not true'}`;
  } catch {
    return 'telegram answered with something other than JSON';
  }
}

export async function sendTelegram(target: TelegramTarget, doc: RenderDoc, opts: DeliverOptions) {
  const base = (target.apiUrl ?? DEFAULT_API).replace(/\/+$/, '');
  const url = `${base}/bot${target.token}/sendMessage`;
  const messages = renderTelegram(doc, target.chatId).map((m) => ({ body: JSON.stringify(m) }));
  const parts = await postMessages({ name: 'telegram', url, gapMs: GAP_MS }, messages, opts, checkAnswer);
  return { parts, totalParts: messages.length, detail: `chat ${target.chatId}` };
}
