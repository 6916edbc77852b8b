/**
 * Real redis-server processes of a test's own, on free ports, for tests that kill Redis,
 * restart it on its AOF, or build a Sentinel group. Each keeps its data in a temp folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

export interface RedisProcess {
  port: number;
  url: string;
  dir: string;
  child: ChildProcess;
  /** SIGKILL, and wait for the exit. */
  kill(): Promise<void>;
  /** Starts again on the same port and data (its AOF). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a redis-server with AOF (fsync on every write unless told otherwise) and waits until it answers. */
export async function startRedisServer(options: { port?: number; args?: string[]; appendfsync?: 'always' | 'everysec'; dir?: string } = {}): Promise<RedisProcess> {
  const port = options.port ?? await freePort();
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'ww-redis-'));
  return supervise(port, dir, () => spawnServer('redis-server', [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes',
    '--appendfsync', options.appendfsync ?? 'always', '--maxmemory-policy', 'noeviction', '--logfile', 'redis.log', ...(options.args ?? []),
  ]));
}

/** Starts the server (again, on restart) and waits until it answers. */
async function supervise(port: number, dir: string, launch: () => ChildProcess): Promise<RedisProcess> {
  const start = async () => {
    const child = launch();
    await waitForRedis(port, 20_000, child);
    return child;
  };
  const proc: RedisProcess = {
    port, url: `redis://127.0.0.1:${port}`, dir, child: await start(),
    async kill() { await killAndWait(proc.child, 'SIGKILL'); },
    async restart() { proc.child = await start(); },
    async stop() { await killAndWait(proc.child, 'SIGTERM'); },
  };
  return proc;
}

/** Fails at once, saying what to install, when the binary is missing. */
function spawnServer(binary: string, args: string[]): ChildProcess {
  const child = spawn(binary, args, { stdio: 'ignore' });
  child.once('error', (err) => {
    child.emit('missing', new Error(`${binary} could not be run (${(err as NodeJS.ErrnoException).code}): these tests start their own; install it (Debian: apt-get install redis-server redis-sentinel)`));
  });
  return child;
}

export async function waitForRedis(port: number, timeoutMs = 20_000, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let missing: Error | undefined;
  child?.once('missing', (err: Error) => { missing = err; });
  while (Date.now() < deadline) {
    if (missing) throw missing;
    const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') return;
    } catch {
      // not up yet, or still loading its AOF
    } finally {
      client.disconnect();
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`redis-server on ${port} did not come up`);
}

export function killAndWait(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** Writes a sentinel config and starts redis-sentinel watching `master` (quorum 1, quick failover). */
export async function startSentinel(masterPort: number, name = 'mymaster'): Promise<RedisProcess> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ww-sentinel-'));
  const conf = join(dir, 'sentinel.conf');
  writeFileSync(conf, [
    `port ${port}`, 'bind 127.0.0.1', `dir ${dir}`, `logfile sentinel.log`,
    `sentinel monitor ${name} 127.0.0.1 ${masterPort} 1`,
    `sentinel down-after-milliseconds ${name} 1000`,
    `sentinel failover-timeout ${name} 5000`,
    `sentinel parallel-syncs ${name} 1`,
  ].join('\n') + '\n');
  return supervise(port, dir, () => spawnServer('redis-sentinel', [conf]));
}
