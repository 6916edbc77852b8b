import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDigest } from '../../src/digest/build-digest.js';
import { buildAlert } from '../../src/digest/build-alert.js';
import { deliverAlert, deliverDigest } from '../../src/notify/deliver.js';
import { DeliveryError } from '../../src/notify/delivery-error.js';
import { makeItem, makeMatch, manyEntries } from '../digest/make-items.js';

function digestOf(n: number, runId = 'morning-brief-20261121T070000Z-abc123') {
  return buildDigest({
    name: 'morning-brief',
    runId,
    scheduledFor: '2026-11-21T07:00:00.000Z',
    entries: manyEntries(n),
    watchlists: { libya: { description: 'Libya watch' } },
    maxItems: 100,
  });
}

test('the file channel writes one Markdown file named after the run id', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'ww-file-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const digest = digestOf(5);
  const receipt = await deliverDigest('outbox', { type: 'file', dir }, digest);
  assert.deepEqual(await readdir(dir), ['morning-brief-20261121T070000Z-abc123.md']);
  assert.equal(receipt.detail, join(dir, 'morning-brief-20261121T070000Z-abc123.md'));
  const text = await readFile(receipt.detail!, 'utf8');
  assert.match(text, /^# morning-brief\n/);
  assert.match(text, /## libya/);
  for (const e of digest.sections[0]!.entries) assert.ok(text.includes(e.url!), `missing ${e.url}`);
});

test('a retried file delivery of the same run finds its own file: one file, no temp files', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'ww-file-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const digest = digestOf(3);
  await deliverDigest('outbox', { type: 'file', dir }, digest);
  const again = await deliverDigest('outbox', { type: 'file', dir }, digest);
  assert.deepEqual(await readdir(dir), ['morning-brief-20261121T070000Z-abc123.md']);
  assert.equal(again.detail, join(dir, 'morning-brief-20261121T070000Z-abc123.md'));
});

test('the file channel never overwrites: two runs in the same second make two files; a foreign file under the name stays as it was', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'ww-file-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await Promise.all([
    deliverDigest('outbox', { type: 'file', dir }, digestOf(2, 'morning-brief-20261121T070000Z-aaaaaa')),
    deliverDigest('outbox', { type: 'file', dir }, digestOf(3, 'morning-brief-20261121T070000Z-bbbbbb')),
  ]);
  assert.deepEqual((await readdir(dir)).sort(), ['morning-brief-20261121T070000Z-aaaaaa.md', 'morning-brief-20261121T070000Z-bbbbbb.md']);
  // Another channel of the same run, writing into the same folder, leaves the first file alone.
  await writeFile(join(dir, 'morning-brief-20261121T070000Z-cccccc.md'), 'not ours');
  const receipt = await deliverDigest('archive', { type: 'file', dir }, digestOf(2, 'morning-brief-20261121T070000Z-cccccc'));
  assert.equal(await readFile(join(dir, 'morning-brief-20261121T070000Z-cccccc.md'), 'utf8'), 'not ours');
  assert.equal(receipt.detail, join(dir, 'morning-brief-20261121T070000Z-cccccc-archive.md'));
  assert.ok((await readdir(dir)).every((f) => !f.endsWith('.tmp')));
});

test('a file that cannot be written is a failed delivery', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'ww-file-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'blocker'), 'a file where the folder should be');
  await assert.rejects(deliverDigest('outbox', { type: 'file', dir: join(dir, 'blocker', 'out') }, digestOf(1)), (err: unknown) =>
    err instanceof DeliveryError && /^notify: file: cannot write /.test(err.message) && err.retryable);
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
