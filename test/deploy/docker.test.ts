/**
 * No Docker engine runs here, so the Docker files are checked by reading them: the compose file
 * is valid YAML with the services README promises (scalable workers, Redis with AOF and no host
 * port, health checks), and its health check command really answers against a running process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startDashboard } from '../../src/dashboard/server.js';
import { silentLogger } from '../../src/log.js';

const ROOT = join(import.meta.dirname, '..', '..');
type Service = { image?: string; build?: string; command?: string[]; ports?: string[]; container_name?: string; environment?: Record<string, string>; healthcheck?: { test: string[] }; volumes?: string[]; depends_on?: Record<string, { condition: string }> };
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };

test('docker-compose.yml: one scheduler, scalable workers, one dashboard, Redis with AOF and no host port, health checks everywhere', () => {
  const { redis, scheduler, worker, dashboard } = compose.services;
  assert.deepEqual(Object.keys(compose.services).sort(), ['dashboard', 'postgres', 'redis', 'scheduler', 'worker']);
  const { postgres } = compose.services;
  assert.equal(postgres!.ports, undefined, 'PostgreSQL publishes no host port');
  assert.ok(compose.volumes['postgres-data'] !== undefined);
  assert.equal(redis!.ports, undefined, 'Redis publishes no host port');
  assert.ok(redis!.command!.join(' ').includes('--appendonly yes'));
  assert.ok(redis!.command!.join(' ').includes('--maxmemory-policy noeviction'));
  assert.deepEqual(redis!.healthcheck!.test, ['CMD', 'redis-cli', 'ping']);
  assert.ok(compose.volumes['redis-data'] !== undefined);
  assert.equal(scheduler!.command![0], 'scheduler');
  assert.equal(worker!.command![0], 'worker');
  assert.equal(dashboard!.command![0], 'dashboard');
  // `--scale worker=3` needs a worker with no fixed name and no host port.
  assert.equal(worker!.container_name, undefined);
  assert.equal(worker!.ports, undefined);
  assert.equal(scheduler!.ports, undefined);
  assert.deepEqual(dashboard!.ports, ['127.0.0.1:3000:3000']);
  for (const [name, s] of Object.entries({ scheduler, worker, dashboard })) {
    assert.equal(s!.image, 'wirewatch:local', name);
    assert.equal(s!.environment!.REDIS_URL, 'redis://redis:6379', name);
    assert.equal(s!.environment!.DASHBOARD_PORT, '3000', `${name} serves /healthz`);
    assert.match(s!.healthcheck!.test.join(' '), /\/healthz/, name);
    assert.equal(s!.depends_on!.redis!.condition, 'service_healthy', name);
    assert.equal(s!.depends_on!.postgres!.condition, 'service_healthy', name);
    assert.match(String(s!.environment!.DATABASE_URL), /^postgres:\/\/wirewatch:.*@postgres:5432\/wirewatch$/, name);
  }
  assert.match(dashboard!.environment!.DASHBOARD_TOKEN!, /^\$\{DASHBOARD_TOKEN:\?/, 'the dashboard refuses to start without a token');
  assert.ok(worker!.volumes!.includes('./outbox:/app/outbox'), 'workers write the file channel');
});

test('the health check command answers 0 against a running process and 1 when nothing listens', async () => {
  const script = compose.services.worker!.healthcheck!.test.at(-1)!;
  const ops = await startDashboard({
    ctx: { store: { redis: { ping: async () => 'PONG' } } } as never, port: 0, log: silentLogger, env: {}, pages: false, isReady: async () => true,
  });
  try {
    const port = new URL(ops.url).port;
    assert.equal(await exitCode(script.replace('3000', port)), 0);
  } finally {
    await ops.close();
  }
  assert.equal(await exitCode(script.replace('3000', '1')), 1);
});

function exitCode(script: string): Promise<number | null> {
  const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  return new Promise((resolve) => child.on('exit', (code) => { clearTimeout(timer); resolve(code); }));
}

test('Dockerfile and .dockerignore: the image builds from package files, src, bin and config, and runs the CLI', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  for (const line of ['COPY package.json package-lock.json ./', 'COPY src ./src', 'COPY bin ./bin', 'COPY config ./config', 'ENTRYPOINT ["node", "bin/wirewatch.js"]', 'USER node']) {
    assert.ok(dockerfile.includes(line), line);
  }
  const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
  for (const entry of ['.git', 'node_modules', 'data', 'outbox', 'test-results', '.env']) assert.ok(ignored.includes(entry), entry);
  for (const needed of ['src', 'bin', 'config', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']) assert.ok(!ignored.includes(needed), `${needed} reaches the build`);
});
