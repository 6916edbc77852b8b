import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDigest } from '../../src/digest/build-digest.js';
import { renderDigest } from '../../src/digest/render-digest.js';
import type { DiscordMessage } from '../../src/digest/render-discord.js';
import type { SlackMessage } from '../../src/digest/render-slack.js';
import type { TeamsMessage } from '../../src/digest/render-teams.js';
import type { TelegramMessage } from '../../src/digest/render-telegram.js';
import type { Digest } from '../../src/digest/types.js';
import { makeItem, makeMatch, manyEntries, prose } from './make-items.js';

function slackOk(m: SlackMessage): void {
  assert.ok(m.blocks.length <= 50);
  let total = m.text.length;
  for (const b of m.blocks) {
    const t = b.type === 'context' ? b.elements.map((e) => e.text).join('') : b.text.text;
    assert.ok(t.length <= (b.type === 'header' ? 150 : 3000));
    total += t.length;
  }
  assert.ok(total <= 13_000, `slack total ${total}`);
}

function discordOk(m: DiscordMessage): void {
  assert.ok(m.content.length <= 2000 && m.embeds.length <= 10);
  let total = 0;
  for (const e of m.embeds) {
    assert.ok(e.title.length <= 256, `title ${e.title.length}`);
    assert.ok((e.description?.length ?? 0) <= 4096);
    total += e.title.length + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0);
  }
  assert.ok(total <= 6000, `discord embeds ${total}`);
}

const telegramOk = (m: TelegramMessage) => assert.ok(m.text.length <= 4096, `telegram ${m.text.length}`);
const teamsOk = (m: TeamsMessage) => assert.ok(Buffer.byteLength(JSON.stringify(m)) <= 28_000, 'teams size');

function checkAll(digest: Digest): { slack: number; discord: number; telegram: number; teams: number } {
  const slack = renderDigest('slack', digest);
  const discord = renderDigest('discord', digest);
  const telegram = renderDigest('telegram', digest, 1);
  const teams = renderDigest('teams', digest);
  slack.forEach(slackOk);
  discord.forEach(discordOk);
  telegram.forEach(telegramOk);
  teams.forEach(teamsOk);
  return { slack: slack.length, discord: discord.length, telegram: telegram.length, teams: teams.length };
}

const base = { name: 'brief', runId: 'r', scheduledFor: '2026-11-21T07:00:00Z', watchlists: { libya: {} } };

test('500 stories: every chat format splits within its limits', () => {
  const counts = checkAll(buildDigest({ ...base, entries: manyEntries(500), maxItems: 500 }));
  for (const [format, n] of Object.entries(counts)) assert.ok(n > 1, `${format} split into ${n}`);
});

test('one story carried by 300 feeds is spread over messages, listing every source', () => {
  const body = prose(99, 150);
  const entries = Array.from({ length: 300 }, (_, i) => {
    const item = makeItem(`copy-${i}`, { feedId: `feed-${String(i).padStart(3, '0')}`, title: `Wire story, edition ${i}`, body });
    return { item, match: makeMatch(item, 'libya', 5) };
  });
  const digest = buildDigest({ ...base, entries, maxItems: 10 });
  assert.equal(digest.entryCount, 1);
  assert.equal(digest.sections[0]!.entries[0]!.sources.length, 300);
  checkAll(digest);
  for (const format of ['slack', 'discord', 'telegram', 'teams', 'markdown', 'text', 'email', 'webhook'] as const) {
    const out = JSON.stringify(renderDigest(format, digest, 1));
    for (let i = 0; i < 300; i++) assert.match(out, new RegExp(`news\\.example/copy-${i}(?![0-9])`), `${format} lists copy-${i}`);
  }
});

test('an enormous headline and snippets stay within limits, shortened visibly', () => {
  const item = makeItem('long', { title: `${'Very long headline '.repeat(200)}end`, summary: 'x'.repeat(10_000) });
  const match = makeMatch(item, 'libya', 3);
  match.hits = Array.from({ length: 20 }, (_, i) => ({ term: `t${i}`, field: 'body', start: 0, end: 1, snippet: '<&>'.repeat(2000) }));
  const digest = buildDigest({ ...base, entries: [{ item, match }], maxItems: 5 });
  const entry = digest.sections[0]!.entries[0]!;
  assert.ok(entry.title.endsWith('…') && entry.title.length <= 300);
  assert.equal(entry.why.length, 3);
  checkAll(digest);
});

test('an empty digest still renders one message saying so', () => {
  const digest = buildDigest({ ...base, entries: [], maxItems: 5 });
  for (const format of ['text', 'markdown', 'email', 'slack', 'discord', 'teams', 'telegram'] as const) {
    const out = renderDigest(format, digest, 1);
    assert.equal(out.length, 1, format);
    assert.match(JSON.stringify(out), /Nothing new matched/, format);
  }
  assert.deepEqual(renderDigest('webhook', digest)[0]!.sections, []);
});
