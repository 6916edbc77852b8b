import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { editWatchlistsYaml, EditError, yamlScalar } from '../../src/tune/edit-watchlists.js';
import { unifiedDiff } from '../../src/tune/line-diff.js';

const FILE = `# Our watch-lists. Keep this header.
entities:
  Acme:    { type: org,   aliases: [Acme Corp, ACME] }    # aligned by hand
  Port:
    type: place
    aliases:
      - Harbour Town   # the old name
      - "Port-Royal"
watchlists:
  flow-list: { query: 'acme OR "acme corp"', threshold: 1 }   # one line
  block-list:
    description: "quoted: with a colon"
    query: "@Acme AND layoffs"     # double-quoted on purpose
    weights:
      '@Acme': 2
      layoffs: 1
  bare-list:
    query: strike
# trailing comment
`;

function lines(text: string): string[] {
  return text.split('\n');
}

test('a block watch-list gains terms, weights and a threshold; every other line stays byte for byte', () => {
  const wl = { query: '(@Acme AND layoffs) OR "job cuts"', threshold: 3, weights: { '@Acme': 2, layoffs: 1, '"job cuts"': 1 } };
  const out = editWatchlistsYaml(FILE, { watchlist: 'block-list', query: wl.query, threshold: 3, addWeights: { '"job cuts"': 1 }, addAliases: { Acme: ['Acme Inc'], Port: ['Royal Port'] } },
    { watchlist: { ...wl, description: 'quoted: with a colon' }, aliases: { Acme: ['Acme Corp', 'ACME', 'Acme Inc'], Port: ['Harbour Town', 'Port-Royal', 'Royal Port'] } });
  const parsed = parse(out);
  assert.deepEqual(parsed.watchlists['block-list'], { description: 'quoted: with a colon', ...wl });
  assert.deepEqual(parsed.entities.Acme.aliases, ['Acme Corp', 'ACME', 'Acme Inc']);
  assert.deepEqual(parsed.entities.Port.aliases, ['Harbour Town', 'Port-Royal', 'Royal Port']);
  assert.match(out, /query: "\(@Acme AND layoffs\) OR \\"job cuts\\""     # double-quoted on purpose/, 'same quoting, comment kept');
  assert.match(out, /Acme:    \{ type: org,   aliases: \[Acme Corp, ACME, Acme Inc\] \}    # aligned by hand/);
  assert.match(out, /      - "Port-Royal"\n      - Royal Port\n  flow-list:|      - "Port-Royal"\n      - Royal Port\nwatchlists:/);
  assert.match(out, /      layoffs: 1\n      '"job cuts"': 1\n    threshold: 3\n  bare-list:/);
  const diff = unifiedDiff(FILE, out, ['a', 'b']);
  const removed = lines(diff).filter((l) => l.startsWith('-') && !l.startsWith('---'));
  assert.equal(removed.length, 2, diff);
  for (const line of lines(FILE)) if (!removed.includes(`-${line}`)) assert.ok(out.includes(line), `kept: ${line}`);
});

test('a flow watch-list and one with no threshold key are edited in place', () => {
  const flow = editWatchlistsYaml(FILE, { watchlist: 'flow-list', query: 'acme OR "acme corp" OR widgets', threshold: 2, addWeights: {}, addAliases: {} },
    { watchlist: { query: 'acme OR "acme corp" OR widgets', threshold: 2 }, aliases: {} });
  assert.match(flow, /  flow-list: \{ query: 'acme OR "acme corp" OR widgets', threshold: 2 \}   # one line\n/);
  const bare = editWatchlistsYaml(FILE, { watchlist: 'bare-list', query: "strike OR walkout OR 'o''clock'", threshold: 2, addWeights: {}, addAliases: {} },
    { watchlist: { query: "strike OR walkout OR 'o''clock'", threshold: 2 }, aliases: {} });
  assert.match(bare, /  bare-list:\n    query: 'strike OR walkout OR ''o''''clock'''\n    threshold: 2\n# trailing comment\n$/);
  assert.equal(parse(bare).watchlists['bare-list'].query, "strike OR walkout OR 'o''clock'");
});

test('learned weights replace the values of a list\'s own weights in place and add the new ones', () => {
  const wl = { query: '@Acme AND layoffs OR "job cuts"', threshold: 4.5, weights: { '@Acme': 3, layoffs: -1, '"job cuts"': 5 } };
  const out = editWatchlistsYaml(FILE, { watchlist: 'block-list', query: wl.query, threshold: 4.5, addWeights: { '"job cuts"': 5 }, changeWeights: { '@Acme': 3, layoffs: -1 }, addAliases: {} },
    { watchlist: { ...wl, description: 'quoted: with a colon' }, aliases: {} });
  assert.deepEqual(parse(out).watchlists['block-list'], { description: 'quoted: with a colon', ...wl });
  assert.match(out, /      '@Acme': 3\n      layoffs: -1\n      '"job cuts"': 5\n    threshold: 4.5\n/);
  assert.throws(() => editWatchlistsYaml(FILE, { watchlist: 'bare-list', query: 'strike', threshold: 0, addWeights: {}, changeWeights: { strike: 2 }, addAliases: {} },
    { watchlist: { query: 'strike', threshold: 0, weights: { strike: 2 } }, aliases: {} }), /has no number for strike/);
});

test('an edit that would not read back as intended writes nothing and says so', () => {
  assert.throws(() => editWatchlistsYaml(FILE, { watchlist: 'bare-list', query: 'strike OR walkout', threshold: 0, addWeights: {}, addAliases: {} },
    { watchlist: { query: 'strike OR something else', threshold: 0 }, aliases: {} }), EditError);
  assert.throws(() => editWatchlistsYaml('watchlists: [1, 2]\n', { watchlist: 'x', query: 'a', threshold: 0, addWeights: {}, addAliases: {} }, { watchlist: { query: 'a', threshold: 0 }, aliases: {} }),
    /watchlists\.x is not a mapping/);
});

test('scalars are plain only when they read back the same', () => {
  assert.equal(yamlScalar('Acme Inc'), 'Acme Inc');
  for (const v of ['yes', '"job cuts"', '@Acme', '12', 'a: b', "o'clock", '#tag']) assert.equal(parse(`k: ${yamlScalar(v)}`).k, v, v);
});

test('the diff shows only the changed lines with context', () => {
  const a = Array.from({ length: 15 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
  const b = a.replace('line 4\n', 'LINE 4\n') + 'line 16\n';
  assert.equal(unifiedDiff(a, b, ['a', 'b']), '--- a\n+++ b\n@@ -1,7 +1,7 @@\n line 1\n line 2\n line 3\n-line 4\n+LINE 4\n line 5\n line 6\n line 7\n'
    + '@@ -13,3 +13,4 @@\n line 13\n line 14\n line 15\n+line 16\n');
  assert.equal(unifiedDiff(a, a, ['a', 'b']), '');
});
