import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDigest } from '../../src/digest/build-digest.js';
import { renderDigest } from '../../src/digest/render-digest.js';
import { stringifyInert } from '../../src/digest/render-webhook.js';
import { makeItem, makeMatch } from './make-items.js';

const XSS = '<img src=x onerror=alert(1)>';
const PING = '@everyone <!channel> @here <@123456> [click](https://evil.example)';

function hostileDigest() {
  const a = makeItem('xss', { title: XSS, summary: `Body ${XSS} <script>alert(2)</script>`, body: 'alpha beta gamma delta epsilon' });
  const b = makeItem('ping', { title: PING, summary: `Also ${PING} *bold* _it_ \`code\``, body: 'zeta eta theta iota kappa' });
  const c = makeItem('js', { title: 'A javascript link', url: 'javascript:alert(3)', body: 'lambda mu nu xi omicron' });
  const entries = [a, b, c].map((item) => {
    const match = makeMatch(item, 'libya', 5);
    match.hits = [{ term: 'x', field: 'title', start: 0, end: 1, snippet: `${item.title} ${XSS}` }];
    return { item, match };
  });
  return buildDigest({ name: 'brief', runId: 'r', scheduledFor: '2026-11-21T07:00:00Z', entries, watchlists: { libya: { description: `desc ${XSS}` } }, maxItems: 10 });
}

const digest = hostileDigest();
const noLiveMention = (s: string) => assert.doesNotMatch(s, /@(everyone|here|channel)\b/, 'a live mention');

test('plain text: mentions and bare links are defused', () => {
  const [text] = renderDigest('text', digest);
  noLiveMention(text!);
  assert.doesNotMatch(text!, /https:\/\/evil/);
  assert.doesNotMatch(text!, /javascript:/);
});

test('markdown: no raw HTML, no injected link, no javascript: link, no live mention, no invisible character', () => {
  const [md] = renderDigest('markdown', digest);
  assert.doesNotMatch(md!, /(^|[^\\])<(img|script|!channel|@)/m, 'raw markup');
  assert.doesNotMatch(md!, /(^|[^\\])\[click\]/, 'a feed link');
  assert.doesNotMatch(md!, /\]\(javascript:/);
  assert.doesNotMatch(md!, /(^|[^\\])@/, 'every @ backslash-escaped');
  assert.doesNotMatch(md!, /https:\/\/evil/, 'no bare feed URL to autolink');
  assert.ok(md!.includes('https\\://evil.example'), 'the feed URL shown as written');
  assert.doesNotMatch(md!, /[\u2060\u200b-\u200d\ufeff]/, 'no invisible character');
  assert.ok(md!.includes('\\<img src=x onerror=alert\\(1\\)\\>'));
});

test('email: HTML has no feed markup, only our own tags and http(s) links', () => {
  const [mail] = renderDigest('email', digest);
  assert.doesNotMatch(mail!.html, /<img|<script/);
  const hrefs = [...mail!.html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
  assert.ok(hrefs.length > 0 && hrefs.every((h) => h.startsWith('https://news.example/')), hrefs.join(' '));
  assert.ok(mail!.html.includes('&#60;img src=x onerror=alert(1)&#62;'));
  noLiveMention(mail!.html);
  noLiveMention(mail!.text);
  noLiveMention(mail!.subject);
});

test('slack: every < opens one of our links; no <!channel>, no @everyone', () => {
  const messages = renderDigest('slack', digest);
  const texts = JSON.stringify(messages);
  for (const m of messages) {
    for (const b of m.blocks) {
      const t = b.type === 'context' ? b.elements.map((e) => e.text).join(' ') : b.text.text;
      for (const m2 of t.matchAll(/</g)) assert.match(t.slice(m2.index), /^<https:\/\/news\.example\//, t);
    }
  }
  assert.ok(texts.includes('&lt;!channel&gt;'));
  noLiveMention(texts);
});

test('discord: allowed_mentions is empty, every < is escaped, no @everyone', () => {
  for (const m of renderDigest('discord', digest)) {
    assert.deepEqual(m.allowed_mentions, { parse: [] });
    const all = [m.content, ...m.embeds.flatMap((e) => [e.title, e.description ?? '', e.footer?.text ?? ''])].join('\n');
    assert.doesNotMatch(all, /(^|[^\\])</m, 'an unescaped <');
    assert.doesNotMatch(all, /(^|[^\\])\[click\]/, 'a feed link');
    noLiveMention(all);
    for (const e of m.embeds) if (e.url) assert.match(e.url, /^https:\/\/news\.example\//);
  }
});

test('telegram: only b, i, code and http(s) a tags; feed text entity-escaped', () => {
  for (const m of renderDigest('telegram', digest, 1)) {
    for (const tag of m.text.matchAll(/<\/?([a-z]+)[^>]*>/g)) assert.ok(['b', 'i', 'a', 'code'].includes(tag[1]!), tag[0]);
    for (const href of m.text.matchAll(/href="([^"]*)"/g)) assert.match(href[1]!, /^https:\/\/news\.example\//);
    noLiveMention(m.text);
  }
});

test('teams: feed text only in TextRuns (never parsed as Markdown), links only http(s)', () => {
  for (const m of renderDigest('teams', digest)) {
    for (const block of m.attachments[0]!.content.body) {
      assert.equal(block.type, 'RichTextBlock');
      for (const run of block.inlines) {
        assert.equal(run.type, 'TextRun');
        noLiveMention(run.text);
        if (run.selectAction) assert.match(run.selectAction.url, /^https:\/\/news\.example\//);
      }
    }
  }
});

test('webhook: the raw body has no < or >, and the data is intact', () => {
  const [payload] = renderDigest('webhook', digest);
  const raw = stringifyInert(payload);
  assert.doesNotMatch(raw, /[<>]/);
  const back = JSON.parse(raw) as typeof payload;
  assert.ok(back!.sections[0]!.entries.some((e) => e.title === XSS));
});
