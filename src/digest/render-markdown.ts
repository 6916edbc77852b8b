/**
 * Markdown: the file channel's output, and readable as-is. Feed text is backslash-escaped
 * (markup, and the @, :// and www. that make mentions and autolinks) and never starts a line,
 * so it cannot open headings, lists, links, images or raw HTML; no invisible character is
 * added. Query terms are config text, shown as code.
 */
import { encodeUrlDelimiters, escapeMarkdownText, markdownCode, safeHttpUrl } from './escape.js';
import { formatScore, whyWhere, type RenderDoc } from './document.js';
import type { DigestEntry, DigestSource, WhyPart } from './types.js';

const md = escapeMarkdownText;

function why(w: WhyPart): string {
  return `${markdownCode(w.term)}${md(w.detail + whyWhere(w))}`;
}

function link(label: string, url: string | undefined): string {
  const safe = safeHttpUrl(url);
  return safe ? `[${md(label)}](${encodeUrlDelimiters(safe)})` : md(label);
}

function sourceItem(s: DigestSource, entryTitle: string): string {
  const title = s.title !== entryTitle ? `: ${md(s.title)}` : '';
  return `    - ${link(s.feedId, s.url)}${title}`;
}

function entryBlock(entry: DigestEntry, n: number, compact: boolean): string[] {
  const head = `${n}. **${link(entry.title, entry.url)}** · score ${formatScore(entry.score)}`;
  if (compact) return [head];
  // A trailing backslash is a hard line break: the excerpt goes under the headline, not after it.
  const lines = entry.excerpt ? [`${head}\\`, `    ${md(entry.excerpt)}`] : [head];
  for (const w of entry.why) lines.push(`    - why: ${why(w)}`);
  if (entry.alsoMatched.length) lines.push(`    - also matched: ${entry.alsoMatched.map(md).join(', ')}`);
  if (entry.sources.length > 1) {
    lines.push(`    - sources (${entry.sources.length}):`, ...entry.sources.map((s) => sourceItem(s, entry.title).replace(/^/, '    ')));
  } else if (entry.sources[0]) {
    lines.push(`    - source: ${link(entry.sources[0].feedId, entry.sources[0].url)}`);
  }
  return lines;
}

/** The document as one Markdown message. */
export function renderMarkdown(doc: RenderDoc): string[] {
  const out = [`# ${md(doc.heading)}`, '', `_${md(doc.subheading)}_`, ''];
  if (doc.sections.length === 0) out.push(md(doc.emptyNote), '');
  for (const section of doc.sections) {
    out.push(`## ${md(section.heading)}`, '');
    if (section.description) out.push(`*${md(section.description)}*`, '');
    section.entries.forEach((entry, i) => out.push(...entryBlock(entry, i + 1, doc.compact), ''));
  }
  return [out.join('\n').trimEnd() + '\n'];
}
