/**
 * Plain text: the console, and the text alternative of email. Feed text is defused so a
 * mail client does not turn a headline's URL or @name into a link.
 */
import { defuseText, safeHttpUrl } from './escape.js';
import { formatScore, whyWhere, type RenderDoc } from './document.js';
import type { DigestEntry } from './types.js';

function sourceLines(entry: DigestEntry): string[] {
  return entry.sources.map((s) => {
    const title = s.title !== entry.title ? ` "${defuseText(s.title)}"` : '';
    const url = safeHttpUrl(s.url);
    return `     - ${defuseText(s.feedId)}${title}${url ? ` <${url}>` : ''}`;
  });
}

function entryLines(entry: DigestEntry, n: number, compact: boolean): string[] {
  const url = safeHttpUrl(entry.url);
  const lines = [`${n}. ${defuseText(entry.title)} [score ${formatScore(entry.score)}]`];
  if (url) lines.push(`   ${url}`);
  if (compact) return lines;
  if (entry.why.length) lines.push('   Why:', ...entry.why.map((w) => `     - ${w.term}${defuseText(w.detail + whyWhere(w))}`));
  if (entry.alsoMatched.length) lines.push(`   Also matched: ${entry.alsoMatched.join(', ')}`);
  if (entry.excerpt) lines.push(`   ${defuseText(entry.excerpt)}`);
  if (entry.sources.length > 1) lines.push(`   Sources (${entry.sources.length}):`, ...sourceLines(entry));
  return lines;
}

/** The document as one plain-text message. */
export function renderText(doc: RenderDoc): string[] {
  const out = [defuseText(doc.heading), defuseText(doc.subheading), ''];
  if (doc.sections.length === 0) out.push(doc.emptyNote, '');
  for (const section of doc.sections) {
    const desc = section.description ? ` - ${defuseText(section.description)}` : '';
    out.push(`== ${defuseText(section.heading)}${desc} ==`, '');
    section.entries.forEach((entry, i) => out.push(...entryLines(entry, i + 1, doc.compact), ''));
  }
  return [out.join('\n').trimEnd() + '\n'];
}
