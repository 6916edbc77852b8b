#!/usr/bin/env node
// Runs every test/**/*.test.ts with node's test runner through tsx. Node 20's --test takes no
// globs, so the files are listed here. Extra arguments filter by path substring.
// The tests need a real Redis: it is asked first (a PING, 2 s at most), so a machine without
// one gets one line saying how to get it instead of minutes of connection errors.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { connect as connectTls } from 'node:tls';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const PROBE_MS = 2000;

/** Resolves to undefined when something speaking Redis answers a PING, else to the reason. */
function probeRedis(url, timeoutMs) {
  let target;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve(`REDIS_URL is not a URL (${url})`);
  }
  if (target.protocol !== 'redis:' && target.protocol !== 'rediss:') return Promise.resolve(`REDIS_URL must start with redis:// or rediss:// (${target.protocol})`);
  const options = { host: target.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1', port: Number(target.port || 6379), servername: target.hostname };
  return new Promise((resolve) => {
    const socket = target.protocol === 'rediss:' ? connectTls(options) : connect(options);
    const done = (reason) => { clearTimeout(timer); socket.destroy(); resolve(reason); };
    const timer = setTimeout(() => done(`no answer within ${timeoutMs / 1000} s`), timeoutMs);
    socket.once(target.protocol === 'rediss:' ? 'secureConnect' : 'connect', () => socket.write('PING\r\n'));
    // +PONG, or an error such as -NOAUTH: either way a Redis is there.
    socket.once('data', (d) => done(/^[+-]/.test(String(d)) ? undefined : 'the server there does not speak Redis'));
    socket.once('error', (err) => done(err.code ?? err.message));
  });
}

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'fixtures' || name === 'node_modules') continue;
    if (statSync(path).isDirectory()) out.push(...find(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = find('test')
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error('run-tests: no test files matched');
  process.exit(1);
}
const problem = await probeRedis(REDIS_URL, PROBE_MS);
if (problem) {
  const shown = REDIS_URL.replace(/\/\/([^@/]*):[^@/]*@/, '//$1:***@');
  console.error(`run-tests: the tests need Redis and none answers at ${shown} (${problem}): start one (apt-get install redis-server, or docker run -d -p 6379:6379 redis:7) or set REDIS_URL`);
  process.exit(1);
}
// The tests' archive is a database of their own on the same server (each test file works in a
// schema named for its key prefix), so a developer's own `wirewatch` database is never touched.
const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/wirewatch_test' };
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=120000', ...files],
  { stdio: 'inherit', env },
);
process.exit(result.status ?? 1);
