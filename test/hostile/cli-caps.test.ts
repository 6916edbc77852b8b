/** The command line keeps to the same caps as the pipeline: input size, items per poll, body text. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { writeConfigDir } from '../helpers/config.js';

const dir = mkdtempSync(join(tmpdir(), 'ww-cli-caps-'));
const config = writeConfigDir({ feeds: 'fetch: { maxBytes: 4KB }\nlimits: { itemsPerPoll: 2, bodyChars: 1000 }\nfeeds: []\n' });

test('a file or stdin past fetch.maxBytes is refused with the reason', async () => {
  writeFileSync(join(dir, 'big.txt'), `Title\n${'word '.repeat(2_000)}`);
  const file = await runCli(['classify', join(dir, 'big.txt'), '--config', config]);
  assert.equal(file.code, 1);
  assert.match(file.stderr, /input: .*big\.txt is over the 4 KB limit \(fetch\.maxBytes\)/);
  const stdin = await runCli(['classify', '-', '--config', config], { input: `Title\n${'word '.repeat(2_000)}` });
  assert.equal(stdin.code, 1);
  assert.match(stdin.stderr, /input: standard input is over the 4 KB limit/);
});

test('poll takes limits.itemsPerPoll items and says how many it left; extract marks a cut body', async () => {
  const items = Array.from({ length: 5 }, (_, i) => `<item><title>n${i}</title><link>https://e.example/${i}</link></item>`).join('');
  writeFileSync(join(dir, 'feed.xml'), `<rss version="2.0"><channel><title>t</title>${items}</channel></rss>`);
  const text = await runCli(['poll', join(dir, 'feed.xml'), '--config', config]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /2 items\n {2}\(3 more items past limits\.itemsPerPoll = 2 not taken\)/);
  const json = JSON.parse((await runCli(['poll', join(dir, 'feed.xml'), '--config', config, '--json'])).stdout);
  assert.equal(json.items.length, 2);
  assert.equal(json.feed.dropped, 3);
  writeFileSync(join(dir, 'page.html'), `<html><body><article>${'<p>Some words of the story, and more of them, in a paragraph.</p>'.repeat(40)}</article></body></html>`);
  const page = JSON.parse((await runCli(['extract', join(dir, 'page.html'), '--config', config, '--json'])).stdout);
  assert.equal(page.truncated, true);
  assert.ok(page.text.length <= 1_000);
});
