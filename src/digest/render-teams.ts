/**
 * Microsoft Teams: an Adaptive Card posted to a Workflows webhook (Office 365 connectors are
 * retired), at most about 28 KB a payload. Feed text goes only into RichTextBlock TextRuns,
 * which Teams never parses as Markdown, and links are TextRun selectActions to http(s) URLs.
 */
import { defuseText, safeHttpUrl } from './escape.js';
import { formatScore, whyWhere, withItemKeys, type RenderDoc, type RenderedPart, type RenderSection } from './document.js';
import { packMessages } from './pack.js';
import type { DigestEntry } from './types.js';

export interface TextRun {
  type: 'TextRun';
  text: string;
  weight?: 'Bolder';
  isSubtle?: boolean;
  italic?: boolean;
  fontType?: 'Monospace';
  selectAction?: { type: 'Action.OpenUrl'; url: string };
}

export interface RichTextBlock {
  type: 'RichTextBlock';
  inlines: TextRun[];
  separator?: boolean;
  spacing?: 'Medium' | 'Small';
}

export interface TeamsMessage {
  type: 'message';
  attachments: Array<{
    contentType: 'application/vnd.microsoft.card.adaptive';
    contentUrl: null;
    content: { $schema: string; type: 'AdaptiveCard'; version: '1.4'; msteams: { width: 'Full' }; body: RichTextBlock[] };
  }>;
}

/** Teams refuses payloads over about 28 KB; keep a margin for the envelope and header. */
export const TEAMS_MAX_BYTES = 28_000;
const BODY_BUDGET = 24_000;

const run = (text: string, extra: Omit<TextRun, 'type' | 'text'> = {}): TextRun => ({ type: 'TextRun', text: defuseText(text), ...extra });

function linkRun(label: string, url: string | undefined, extra: Omit<TextRun, 'type' | 'text'> = {}): TextRun {
  const safe = safeHttpUrl(url);
  return run(label, safe ? { ...extra, selectAction: { type: 'Action.OpenUrl', url: safe } } : extra);
}

const block = (inlines: TextRun[], extra: Partial<RichTextBlock> = {}): RichTextBlock => ({ type: 'RichTextBlock', inlines, ...extra });

function entryBlocks(entry: DigestEntry, compact: boolean): RichTextBlock[] {
  const head = block([linkRun(entry.title, entry.url, { weight: 'Bolder' }), run(`  ·  score ${formatScore(entry.score)}`, { isSubtle: true })], { separator: true, spacing: 'Medium' });
  if (compact) return [head];
  const out = [head];
  if (entry.excerpt) out.push(block([run(entry.excerpt)], { spacing: 'Small' }));
  // The term is config text, shown as written (in a monospace run); the rest quotes the feed.
  for (const w of entry.why) out.push(block([run('Why: ', { italic: true }), { type: 'TextRun', text: w.term, fontType: 'Monospace' }, run(w.detail + whyWhere(w))], { spacing: 'Small' }));
  if (entry.alsoMatched.length) out.push(block([run(`Also matched: ${entry.alsoMatched.join(', ')}`, { isSubtle: true })], { spacing: 'Small' }));
  const sources = entry.sources.map((s) => linkRun(s.title !== entry.title ? `${s.feedId}: ${s.title}` : s.feedId, s.url));
  // One block a source keeps every block small, so a large cluster splits between sources.
  out.push(block([run(`Sources (${sources.length}):`, { italic: true })], { spacing: 'Small' }), ...sources.map((r) => block([run('• '), r], { spacing: 'Small' })));
  return out;
}

function headingBlocks(s: RenderSection, continued: boolean): RichTextBlock[] {
  const inlines = [run(`${s.heading}${continued ? ' (continued)' : ''}`, { weight: 'Bolder' })];
  if (s.description && !continued) inlines.push(run(` · ${s.description}`, { isSubtle: true }));
  return [block(inlines, { separator: true, spacing: 'Medium' })];
}

export function measureTeams(element: unknown): number {
  return Buffer.byteLength(JSON.stringify(element), 'utf8') + 1;
}

function card(body: RichTextBlock[]): TeamsMessage {
  const content = { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard' as const, version: '1.4' as const, msteams: { width: 'Full' as const }, body };
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content }] };
}

/** The document as ordered Adaptive Card payloads, each under Teams' size limit. */
export function renderTeams(doc: RenderDoc): TeamsMessage[] {
  return renderTeamsParts(doc).map((p) => p.message);
}

/** The same cards, each with the item keys of the entries it completes. */
export function renderTeamsParts(doc: RenderDoc): Array<RenderedPart<TeamsMessage>> {
  const sections = doc.sections.map((s) => ({ heading: (c: boolean) => headingBlocks(s, c), entries: s.entries.map((e) => entryBlocks(e, doc.compact)) }));
  const packed = packMessages(sections, { maxItems: Infinity, maxChars: BODY_BUDGET }, measureTeams);
  if (packed.length === 0) packed.push({ items: [block([run(doc.emptyNote)])], ends: [] });
  return withItemKeys(doc, packed, packed.map(({ items: body }, i) => {
    const part = packed.length > 1 ? ` (part ${i + 1}/${packed.length})` : '';
    const header = [block([run(`${doc.heading}${part}`, { weight: 'Bolder' })]), block([run(doc.subheading, { isSubtle: true })], { spacing: 'Small' })];
    return card([...header, ...body]);
  }));
}
