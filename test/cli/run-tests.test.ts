/** `npm test` on a machine without Redis: one line saying how to get one, within seconds. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';

const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'run-tests.mjs');

function runTests(redisUrl: string): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    // A filter that matches a test needing no Redis: only the probe can stop it.
    const child = spawn(process.execPath, [SCRIPT, 'test/log/log-line'], { cwd: join(import.meta.dirname, '..', '..'), env: { ...process.env, REDIS_URL: redisUrl } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

function assertOneLine(r: { code: number | null; stdout: string; stderr: string; ms: number }, reason: RegExp): void {
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '', 'the runner never started');
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /^run-tests: the tests need Redis and none answers at redis:\/\/127\.0\.0\.1:\d+ /);
  assert.match(lines[0]!, reason);
  assert.match(lines[0]!, /apt-get install redis-server/);
  assert.doesNotMatch(r.stderr, /ioredis|Unhandled error event/);
  assert.ok(r.ms < 10_000, `took ${r.ms} ms`);
}

test('nothing listening: fails at once naming the URL and how to get Redis', async () => {
  const free = createServer();
  await new Promise<void>((r) => free.listen(0, '127.0.0.1', r));
  const { port } = free.address() as AddressInfo;
  await new Promise((r) => free.close(r));
  assertOneLine(await runTests(`redis://127.0.0.1:${port}`), /ECONNREFUSED/);
});

test('a port that accepts and never answers: fails after the probe timeout, and a password is not shown', async () => {
  const silent = createServer(() => {});
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const { port } = silent.address() as AddressInfo;
  try {
    const r = await runTests(`redis://user:hunter2@127.0.0.1:${port}`);
    assert.doesNotMatch(r.stderr, /hunter2/);
    assertOneLine({ ...r, stderr: r.stderr.replace('user:***@', '') }, /no answer within 2 s/);
  } finally {
    silent.close();
  }
});
