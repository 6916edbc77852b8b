/**
 * Redis as an embedded default: when no REDIS_URL is set and nothing answers on the default
 * address, `wirewatch start` runs a redis-server of its own (bound to 127.0.0.1, data and AOF
 * under ./data) and stops it on exit.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { RedisUnavailableError } from '../errors.js';
import { pingRedis } from './redis.js';

export interface EmbeddedRedis {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Whether a redis-server binary can be run from PATH. */
export function hasRedisServer(): boolean {
  const r = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return r.status === 0;
}

export async function startEmbeddedRedis(options: { dataDir?: string; port?: number; timeoutMs?: number } = {}): Promise<EmbeddedRedis> {
  const dataDir = resolve(options.dataDir ?? './data');
  const port = options.port ?? 6379;
  mkdirSync(dataDir, { recursive: true });
  const child = spawn('redis-server', [
    '--bind', '127.0.0.1', '--port', String(port), '--dir', dataDir,
    '--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction', '--daemonize', 'no',
    '--logfile', 'redis.log',
  // Its own process group: a Ctrl-C in the terminal reaches wirewatch only, which stops Redis
  // last, after its jobs have finished with it.
  ], { stdio: 'ignore', detached: true });
  const url = `redis://127.0.0.1:${port}`;
  await waitUntilUp(child, url, options.timeoutMs ?? 5_000);
  return { url, dataDir, stop: () => stopChild(child) };
}

async function waitUntilUp(child: ChildProcess, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once('exit', () => { exited = true; });
  while (Date.now() < deadline && !exited) {
    try {
      await pingRedis(url, 500);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new RedisUnavailableError(`redis-server did not come up on ${url} (see ./data/redis.log)`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((res) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => { clearTimeout(timer); res(); });
    child.kill('SIGTERM'); // redis-server flushes its AOF on SIGTERM
  });
}
