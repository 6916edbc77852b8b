import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadConfig } from '../../src/config/load.js';
import { request } from '../dashboard/http.js';
import { runCli } from '../helpers/cli.js';
import { writeConfigDir } from '../helpers/config.js';
import { TEST_REDIS_URL } from '../helpers/redis.js';
import { startTuneDashboard, storeItem, type TuneDashboard } from '../tune/dashboard.js';
import { GAP_WATCHLISTS, makeCases, type FixtureCase } from '../tune/fixtures.js';

const WL = 'water-shortage';
let d: TuneDashboard;
let configDir: string;
const work = mkdtempSync(join(tmpdir(), 'ww-suggest-'));

before(async () => {
  configDir = writeConfigDir({ watchlists: GAP_WATCHLISTS });
  d = await startTuneDashboard('suggest', loadConfig(configDir));
});
after(async () => { await d?.close(); });

function casesFile(name: string, cases: FixtureCase[]): string {
  const path = join(work, name);
  writeFileSync(path, stringify({ cases: cases.map((c) => ({ id: c.id, title: c.title, text: c.body, ...(c.relevant ? { must: [WL] } : { mustNot: [WL] }) })) }));
  return path;
}

async function f1(config: string, cases: string): Promise<number> {
  const r = await runCli(['backtest', '--json', '--config', config, cases]);
  const line = r.stdout.trim().split('\n').map((l) => JSON.parse(l)).find((l) => l.type === 'watchlist' && l.watchlist === WL);
  assert.ok(line, r.stdout + r.stderr);
  const { precision: p, recall: rc } = line;
  return p && rc ? (2 * p * rc) / (p + rc) : 0;
}

test('verdicts on 40 items through the API, exported, suggest --apply: held-back cases improve', { timeout: 120_000 }, async () => {
  const judged = makeCases(40, 7);
  for (const c of judged) {
    const flagged = (await storeItem(d, c.id, c.title, c.body)).get(WL)!;
    const verdict = c.relevant ? (flagged ? 'relevant' : 'missed') : 'not-relevant';
    const res = await request(`${d.url}/api/feedback`, { body: { watchlist: WL, itemKey: c.id, verdict, by: 'tester' } });
    assert.equal(res.status, 201, res.body);
  }
  const exported = join(work, 'verdicts.yaml');
  const env = { REDIS_URL: TEST_REDIS_URL, WIREWATCH_PREFIX: d.prefix };
  const ex = await runCli(['feedback', 'export', '--watchlist', WL, '--out', exported], { env });
  assert.equal(ex.code, 0, ex.stderr);
  assert.match(ex.stderr, /40 verdicts as 40 cases/);

  const originalYaml = readFileSync(join(configDir, 'watchlists.yaml'), 'utf8');
  const applied = join(work, 'tuned');
  const s = await runCli(['suggest', WL, exported, '--config', configDir, '--apply', applied]);
  assert.equal(s.code, 0, s.stdout + s.stderr);
  assert.match(s.stdout, /^  \+   \S+ +in \d+\/\d+ misses/m);
  assert.match(s.stdout, /^\+\s+query: .*drought.* OR /m, 'the diff shows the new query');
  assert.match(s.stdout, /held back\s+P \d\.\d\d R \d\.\d\d F1 \d\.\d\d \(\d-fold cross-validation/);
  assert.equal(readFileSync(join(configDir, 'watchlists.yaml'), 'utf8'), originalYaml, 'the original config is never touched');
  const tuned = readFileSync(join(applied, 'watchlists.yaml'), 'utf8');
  for (const line of originalYaml.split('\n').filter((l) => !/query: 'drought'/.test(l))) assert.ok(tuned.includes(line), `kept: ${line}`);
  assert.ok(readFileSync(join(applied, 'feeds.yaml'), 'utf8').length > 0, 'the rest of the folder is copied');

  // Judged on cases suggest never saw.
  const heldBack = casesFile('held-back.yaml', makeCases(60, 99));
  const before = await f1(configDir, heldBack);
  const afterF1 = await f1(applied, heldBack);
  assert.ok(afterF1 >= before + 0.3, `F1 on held-back cases: ${before.toFixed(2)} -> ${afterF1.toFixed(2)}`);

  const again = await runCli(['suggest', WL, exported, '--config', configDir, '--apply', applied]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /exists and is not empty \(add --force/);
  const inside = await runCli(['suggest', WL, exported, '--config', configDir, '--apply', join(configDir, 'sub')]);
  assert.match(inside.stderr, /is the config folder or inside it/);
});

test('suggest --json, and clear errors for an unknown watch-list or too few cases', async () => {
  const cases = casesFile('train.yaml', makeCases(40, 3));
  const r = await runCli(['suggest', '--json', WL, cases, '--config', configDir]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.type, 'suggestion');
  assert.ok(out.terms.some((t: any) => t.kind === 'add' && t.inPositives >= out.minSupport));
  assert.ok(out.after.f1 > out.before.f1);
  assert.match(out.diff, /^--- /);
  const unknown = await runCli(['suggest', 'nope', cases, '--config', configDir]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /suggest: no watch-list "nope" \(known: water-shortage, spain\)/);
  const few = await runCli(['suggest', WL, casesFile('few.yaml', makeCases(6, 3)), '--config', configDir]);
  assert.equal(few.code, 1);
  assert.match(few.stderr, /too few cases to learn from/);
  const bad = await runCli(['suggest', WL, cases, '--config', configDir, '--penalty', 'lots']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--penalty takes an F1 share per term from 0 to 0\.1, not "lots"/);
});

test('a higher --penalty keeps the suggestion shorter', async () => {
  const cases = casesFile('penalty.yaml', makeCases(60, 5));
  const terms = async (extra: string[]) => {
    const r = await runCli(['suggest', '--json', WL, cases, '--config', configDir, ...extra]);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout).terms.length as number;
  };
  const loose = await terms(['--penalty', '0']);
  const strict = await terms(['--penalty', '0.05']);
  assert.ok(strict < loose, `terms with --penalty 0.05 (${strict}) fewer than with 0 (${loose})`);
});
