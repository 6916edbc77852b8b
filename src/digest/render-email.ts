/**
 * HTML email with inline styles only (mail clients strip <style> and ignore classes), a
 * single-column layout readable on a phone, and the plain-text rendering as its alternative.
 * Feed text is HTML-escaped and defused; links are only ever http(s).
 */
import { defuseText, escapeHtml, safeHttpUrl } from './escape.js';
import { formatScore, whyWhere, type RenderDoc } from './document.js';
import { renderText } from './render-text.js';
import type { DigestEntry } from './types.js';

export interface EmailMessage {
  subject: string;
  html: string;
  text: string;
}

const S = {
  body: 'margin:0;padding:0;background:#f4f5f7;',
  wrap: 'max-width:680px;margin:0 auto;padding:24px 16px;font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1a202c;font-size:15px;line-height:1.45;',
  h1: 'font-size:22px;margin:0 0 4px;',
  sub: 'color:#718096;font-size:13px;margin:0 0 20px;',
  h2: 'font-size:17px;margin:24px 0 4px;padding-bottom:4px;border-bottom:2px solid #2b6cb0;',
  desc: 'color:#4a5568;font-size:13px;margin:0 0 8px;',
  entry: 'background:#ffffff;border:1px solid #e2e8f0;border-radius:6px;padding:12px 14px;margin:10px 0;',
  title: 'font-size:16px;font-weight:600;color:#2b6cb0;text-decoration:none;',
  meta: 'color:#718096;font-size:12px;',
  p: 'margin:6px 0;',
  why: 'margin:6px 0;padding-left:18px;color:#2d3748;font-size:13px;',
  src: 'color:#4a5568;font-size:13px;margin:6px 0 0;',
  a: 'color:#2b6cb0;',
};

const esc = (text: string) => escapeHtml(defuseText(text));

function a(label: string, url: string | undefined, style = S.a): string {
  const safe = safeHttpUrl(url);
  return safe ? `<a href="${escapeHtml(safe)}" style="${style}">${esc(label)}</a>` : esc(label);
}

function entryHtml(e: DigestEntry, compact: boolean): string {
  const out = [`<div style="${S.entry}">`, `<div>${a(e.title, e.url, S.title)} <span style="${S.meta}">· score ${formatScore(e.score)}</span></div>`];
  if (!compact) {
    if (e.excerpt) out.push(`<p style="${S.p}">${esc(e.excerpt)}</p>`);
    if (e.why.length) out.push(`<ul style="${S.why}">${e.why.map((w) => `<li><code>${escapeHtml(w.term)}</code>${esc(w.detail + whyWhere(w))}</li>`).join('')}</ul>`);
    if (e.alsoMatched.length) out.push(`<p style="${S.src}">Also matched: ${e.alsoMatched.map(esc).join(', ')}</p>`);
    const sources = e.sources.map((s) => a(s.title !== e.title ? `${s.feedId}: ${s.title}` : s.feedId, s.url));
    out.push(`<p style="${S.src}">Sources (${sources.length}): ${sources.join(' · ')}</p>`);
  }
  out.push('</div>');
  return out.join('\n');
}

function subject(doc: RenderDoc): string {
  const first = doc.sections[0]?.entries[0];
  if (doc.kind === 'alert' && first) return defuseText(`${doc.heading}: ${first.title}`);
  return defuseText(`${doc.heading} · ${doc.subheading}`);
}

/** The document as one email: subject, HTML and its text alternative. */
export function renderEmail(doc: RenderDoc): EmailMessage[] {
  const body = [`<h1 style="${S.h1}">${esc(doc.heading)}</h1>`, `<p style="${S.sub}">${esc(doc.subheading)}</p>`];
  if (doc.sections.length === 0) body.push(`<p style="${S.p}">${esc(doc.emptyNote)}</p>`);
  for (const s of doc.sections) {
    body.push(`<h2 style="${S.h2}">${esc(s.heading)}</h2>`);
    if (s.description) body.push(`<p style="${S.desc}">${esc(s.description)}</p>`);
    body.push(...s.entries.map((e) => entryHtml(e, doc.compact)));
  }
  const html = [
    '<!DOCTYPE html>',
    `<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(doc.heading)}</title></head>`,
    `<body style="${S.body}"><div style="${S.wrap}">`,
    ...body,
    '</div></body></html>',
  ].join('\n');
  return [{ subject: subject(doc), html, text: renderText(doc).join('\n') }];
}
