import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDigest } from '../../src/digest/build-digest.js';
import { buildAlert } from '../../src/digest/build-alert.js';
import { deliverAlert, deliverDigest } from '../../src/notify/deliver.js';
import { makeItem, makeMatch, manyEntries } from '../digest/make-items.js';

function digestOf(n: number) {
  return buildDigest({
    name: 'morning-brief',
    runId: 'morning-brief-20261121T070000Z',
    scheduledFor: '2026-11-21T07:00:00.000Z',
    entries: manyEntries(n),
    watchlists: { libya: { description: 'Libya watch' } },
    maxItems: 100,
  });
}

test('the file channel writes one Markdown file named <digest>-<UTC stamp>.md', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'ww-file-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const digest = digestOf(5);
  const receipt = await deliverDigest('outbox', { type: 'file', dir }, digest);
  assert.deepEqual(await readdir(dir), ['morning-brief-20261121T070000Z.md']);
  assert.equal(receipt.detail, join(dir, 'morning-brief-20261121T070000Z.md'));
  const text = await readFile(receipt.detail!, 'utf8');
  assert.match(text, /^# morning-brief\n/);
  assert.match(text, /## libya/);
  for (const e of digest.sections[0]!.entries) assert.ok(text.includes(e.url!), `missing ${e.url}`);
});

test('a retried file delivery replaces the same file and leaves no temp files', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'ww-file-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const digest = digestOf(3);
  await deliverDigest('outbox', { type: 'file', dir }, digest);
  await deliverDigest('outbox', { type: 'file', dir }, digest);
  assert.deepEqual(await readdir(dir), ['morning-brief-20261121T070000Z.md']);
});

test('the file channel writes an alert to its own file', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'ww-file-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const item = makeItem('flash', { title: 'Airstrike near Sirte' });
  const alert = buildAlert({ name: 'flash', item, match: makeMatch(item, 'libya', 9), createdAt: '2026-11-21T07:03:04.000Z' });
  await deliverAlert('outbox', { type: 'file', dir }, alert);
  const [name] = await readdir(dir);
  assert.match(name!, /^flash-alert-20261121T070304Z-[0-9a-f]{8}\.md$/);
  assert.match(await readFile(join(dir, name!), 'utf8'), /Airstrike near Sirte/);
});

test('the console channel prints the plain-text digest', async () => {
  let out = '';
  const digest = digestOf(2);
  // Not a terminal: one JSON line a message (framed blocks on a terminal: test/log).
  const receipt = await deliverDigest('c', { type: 'console' }, digest, { stdout: { write: (s: string) => (out += s) } });
  assert.equal(receipt.parts, 1);
  const { text } = JSON.parse(out);
  assert.match(text, /^morning-brief\n21 Nov 2026, 07:00 UTC · 2 stories from 2 items\n/);
  assert.match(text, /== libya - Libya watch ==/);
});
