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

/**
 * Markdown feed text that stays inert with no invisible character added: CommonMark backslash
 * escapes for markup (escapeMarkdown) and for what turns into links or mentions: every `@`, the
 * colon of `://` and the dot of `www.` (GitHub-style autolinks start at those). A Markdown
 * renderer shows them as written; the raw file reads `\@name`, `https\://...`.
 */
export function escapeMarkdownText(text: string): string {
  return escapeMarkdown(text).replace(/@/g, '\\@').replace(/:\/\//g, '\\://').replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\\.`);
}

/** Config text (a query term) on one line, as the code spans below show it. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * A CommonMark (and Discord) code span showing config text exactly, query syntax and all: the
 * fence is longer than any run of backticks inside, and padded when the text starts or ends
 * with one. Nothing in a code span is markup, a link or a mention.
 */
export function markdownCode(text: string): string {
  const flat = oneLine(text);
  let longest = 0, run = 0;
  for (const c of flat) {
    run = c === '`' ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Slack's code span (single backticks only; a term holding one is shown as escaped text). */
export function slackCode(text: string): string {
  const flat = oneLine(text);
  return flat.includes('`') ? escapeSlack(flat) : `\`${escapeSlack(flat)}\``;
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
