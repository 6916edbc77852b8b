/**
 * Escaping of feed text for each target. Feed text is untrusted: it must not become markup,
 * links or mentions. Every renderer passes titles, snippets and excerpts through one of these.
 */

/** U+2060 WORD JOINER: invisible, and it breaks the patterns chat apps turn into pings or links. */
const JOINER = '\u2060';

/**
 * Makes mentions and bare URLs inert: `@everyone` -> `@\u2060everyone`, `https://x` ->
 * `https:\u2060//x`, `www.x` -> `www\u2060.x`. Chat apps and mail clients linkify or ping on
 * these patterns whatever the markup escaping says.
 */
export function defuseText(text: string): string {
  return text
    .replace(/@(?=[\p{L}\p{N}_])/gu, `@${JOINER}`)
    .replace(/:\/\//g, `:${JOINER}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${JOINER}.`);
}

/** HTML text and attribute escaping (email, Telegram). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * CommonMark: any ASCII punctuation may be backslash-escaped. These are the ones that can
 * start emphasis, code, links, images, raw HTML, entities or tables mid-line; renderers never
 * put feed text at the start of a line, so block syntax (#, -, 1.) cannot trigger.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>!|~&#]/g, (c) => `\\${c}`);
}

/** Slack mrkdwn: only &, < and > are control characters (they build links and <!channel>). */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Discord markdown: backslash-escape the inline formatting characters and '<' (which opens
 * user, role, channel, emoji and timestamp tags) everywhere, and the block markers (#, >, -,
 * +, "1.") where they would start a line. @everyone is handled by defuseText and by
 * allowed_mentions.
 */
export function escapeDiscord(text: string): string {
  // The indent is spaces and tabs only: \s would run across blank lines, and a text of line
  // breaks would then cost quadratic time.
  return text.replace(/[\\`*_~|[\]()<]/g, (c) => `\\${c}`).replace(/^([ \t]*)([#>+-]|\d+\.)/gm, '$1\\$2');
}

const MAX_URL = 1500;

/** Returns the URL normalized when it is http(s), else undefined: no javascript:, data: or file: links. */
export function safeHttpUrl(url: string | undefined): string | undefined {
  // Longer URLs are not linked: every platform's per-text limit must hold a whole link.
  if (!url || url.length > MAX_URL) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** A URL safe inside Markdown `(...)` or Slack `<...|...>`: the delimiters are percent-encoded. */
export function encodeUrlDelimiters(url: string): string {
  return url.replace(/[()|<> "'`\\[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
