import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import command from '../../src/commands/dashboard.js';
import { DashboardError } from '../../src/dashboard/errors.js';
import { UsageError } from '../../src/errors.js';
import { writeConfigDir } from '../helpers/config.js';
import { deletePrefix, testPrefix, testRedis, TEST_REDIS_URL } from '../helpers/redis.js';
import { request } from './http.js';
import { WATCHLISTS } from './fixtures.js';

const ROOT = join(import.meta.dirname, '..', '..');
const prefix = testPrefix('dash-cmd');
const redis = testRedis();
const configDir = writeConfigDir({
  feeds: `feeds:\n  - { id: wire, url: 'https://example.org/feed.xml' }\n`,
  watchlists: WATCHLISTS,
});

after(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

function runDashboard(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), 'dashboard', '--config', configDir, ...args], {
    cwd: ROOT, env: { ...process.env, REDIS_URL: TEST_REDIS_URL, WIREWATCH_PREFIX: prefix, LOG_LEVEL: 'warn', DASHBOARD_TOKEN: '' },
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const url = new Promise<string>((resolve, reject) => {
    child.stderr.on('data', () => { const m = /wirewatch dashboard: (http:\/\/\S+)/.exec(stderr); if (m) resolve(m[1]!); });
    void exited.then(() => reject(new Error(`exited: ${stderr}`)));
  });
  return { child, url, exited, stderr: () => stderr };
}

test('wirewatch dashboard serves the store alone (no workers) and stops on SIGTERM', async () => {
  const run = runDashboard(['--port', '0']);
  const url = await run.url;
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const feeds = (await request(`${url}/api/feeds`)).json().feeds;
  assert.deepEqual(feeds.map((f: any) => [f.id, f.status]), [['wire', 'never']]);
  const ready = await request(`${url}/readyz`);
  assert.equal(ready.status, 503, 'no workers run on this prefix');
  assert.deepEqual(ready.json(), { ready: false, redis: true, workers: false });
  run.child.kill('SIGTERM');
  assert.equal(await run.exited, 0);
});

test('wirewatch dashboard --host 0.0.0.0 without DASHBOARD_TOKEN refuses with a one-line error; a bad --port is a usage error', async () => {
  const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), env: { REDIS_URL: TEST_REDIS_URL, WIREWATCH_PREFIX: prefix } };
  const args = (values: Record<string, string>) => ({ values: { config: configDir, ...values }, positionals: [] });
  await assert.rejects(command.run(args({ host: '0.0.0.0', port: '0' }), io), (err: unknown) =>
    err instanceof DashboardError && err.message === 'dashboard: refusing to listen on 0.0.0.0 without a token: set DASHBOARD_TOKEN, or listen on 127.0.0.1');
  await assert.rejects(command.run(args({ port: 'eighty' }), io), (err: unknown) => err instanceof UsageError && /--port must be a port number/.test(err.message));
});
