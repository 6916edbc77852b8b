// Every renderer explains a flag the same way: strongest reasons first, each term once with its
// count and the words that matched, long groups shortened, no doubled quotes, and no invisible
// characters in Markdown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyItem } from '../../src/classify/index.js';
import { buildAlert } from '../../src/digest/build-alert.js';
import { buildDigest } from '../../src/digest/build-digest.js';
import { RENDER_FORMATS, type RenderFormat } from '../../src/digest/render-document.js';
import { renderAlert } from '../../src/digest/render-alert.js';
import { renderDigest } from '../../src/digest/render-digest.js';
import type { StoredMatch } from '../../src/types.js';
import { compileOne } from '../classify/helpers.js';
import { makeItem } from './make-items.js';

const NEAR = '(weapons OR arms OR missiles OR rifles) NEAR/12 (diverted OR diversion OR resurface* OR "re-transferred" OR stolen OR seized)';
const ITEM = makeItem('howard', {
  title: 'Howard unveils election platform',
  body: 'Michael Howard unveiled the Conservative election manifesto on @Monday. The manifesto promises lower taxes and says rifles were stolen. '
    + 'Voters who back Labour and the Liberal Democrats were unmoved; Labour called it uncosted, and the Labour Party will reply.',
});

/** A stored flag as process-article keeps it, reasons included. */
function flag(): StoredMatch {
  const c = compileOne(`(@Labour OR @"Islamic State") AND (election OR manifesto OR ${NEAR})`, {
    entities: { Labour: { type: 'org', aliases: ['Labour Party'] }, 'Islamic State': { type: 'org', aliases: ['IS'] } },
    weights: { '@Labour': 1, 'title:election': 3, manifesto: 2, [NEAR]: 1 },
    threshold: 5,
  });
  const m = classifyItem(c, { title: ITEM.title, body: ITEM.body }).matches[0]!;
  assert.equal(m.flagged, true);
  return { itemKey: ITEM.key, watchlist: 'uk', score: m.score, hits: m.hits, reasons: m.reasons, flaggedAt: '2026-11-21T06:00:01.000Z' };
}

const digest = buildDigest({ name: 'brief', runId: 'r', scheduledFor: '2026-11-21T07:00:00Z', entries: [{ item: ITEM, match: flag() }], watchlists: { uk: {} }, maxItems: 5 });

test('a digest entry keeps the three strongest reasons, by their share of the score', () => {
  const why = digest.sections[0]!.entries[0]!.why;
  assert.deepEqual(why.map((w) => [w.term, w.detail]), [
    ['manifesto', ' x2 (+4)'],
    ['@Labour', ': "Labour" x2, "Labour Party" (+3)'],
    ['title:election', ' (+3)'],
  ]);
});

/** The text of one rendered format, all messages, as a string a person or a program would read. */
function rendered(format: RenderFormat, which: 'digest' | 'alert'): string {
  const out = which === 'digest' ? renderDigest(format, digest, 1) : renderAlert(format, buildAlert({ name: 'flash', item: ITEM, match: flag(), createdAt: '2026-11-21T07:30:00.000Z' }), 1);
  return out.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join('\n');
}

const TERM_AS: Record<RenderFormat, (term: string) => string> = {
  text: (t) => `- ${t}`,
  markdown: (t) => `\`${t}\``,
  email: (t) => `<code>${t}</code>`,
  slack: (t) => `\`${t}\``,
  discord: (t) => `\`${t}\``,
  teams: (t) => `"text":"${t}","fontType":"Monospace"`,
  telegram: (t) => `<code>${t}</code>`,
  webhook: (t) => `"term":"${t}"`,
};

for (const which of ['digest', 'alert'] as const) {
  test(`every format of a ${which} names the strongest reasons first, terms as written, no doubled quotes`, () => {
    for (const format of RENDER_FORMATS) {
      const out = rendered(format, which);
      const at = ['manifesto', '@Labour', 'title:election'].map((t) => out.indexOf(TERM_AS[format](t)));
      assert.ok(at.every((i) => i >= 0), `${format}: ${out}`);
      assert.deepEqual([...at].sort((a, b) => a - b), at, `${format}: strongest first`);
      assert.ok(/Labour(&quot;|&#34;|\\"|")? x2/.test(out), `${format}: the alias that matched, with its count`);
      assert.doesNotMatch(out, /""|&#34;&#34;|\\"\\"/, `${format}: doubled quotes`);
      assert.ok(!out.includes('NEAR/12 (diverted OR diversion'), `${format}: a long group is not echoed in full`);
    }
  });
}

test('markdown and text outputs carry no invisible characters; markdown escapes feed mentions visibly', () => {
  for (const which of ['digest', 'alert'] as const) {
    const md = rendered('markdown', which);
    assert.doesNotMatch(md, /[\u2060\u200b-\u200d\ufeff]/, `${which}: an invisible character`);
    assert.ok(md.includes('\\@Monday'), `${which}: the feed's @ is escaped`);
    assert.doesNotMatch(md.replace(/`[^`]*`/g, ''), /(^|[^\\])@/m, `${which}: an unescaped @ outside a code span`);
  }
  assert.doesNotMatch(rendered('text', 'digest').split('Why:')[1]!.split('\n').slice(1, 4).join('\n'), /\u2060@Labour|@\u2060Labour/, 'terms are not defused');
});
